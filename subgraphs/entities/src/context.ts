import {
  NO_CATALOGUE_CHANGES,
  NO_SUBJECT_CHANGES,
  type CatalogueChanges,
  type ServiceContext,
  type SubjectChanges,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { AuditTrailService, type AuditSource } from './auditTrail/auditTrail.service';
import { createCommitmentLoader } from './commitment/commitment.loaders';
import { CommitmentService } from './commitment/commitment.service';
import { DomainService } from './domain/domain.service';
import { GuideService } from './guides/guide.service';
import { NationalFeedService } from './nationalFeed/nationalFeed.service';
import { SourceUnitService } from './sourceUnit/sourceUnit.service';
import { createSubjectViewLoader } from './subject/subject.loaders';
import { SubjectService } from './subject/subject.service';
import { SubstitutionService } from './substitution/substitution.service';
import { WorkingCalendarService } from './workingCalendar/workingCalendar.service';

export interface EntitiesServices {
  db: DataSource;
  subjects: SubjectService;
  domains: DomainService;
  sourceUnits: SourceUnitService;
  auditTrail: AuditTrailService;
  commitments: CommitmentService;
  substitution: SubstitutionService;
  guides: GuideService;
  nationalFeed: NationalFeedService;
  /** The working-day calendar's home (holidays and make-up working days per year). */
  workingCalendar: WorkingCalendarService;
  /** Tells readers of the domain catalogue and the unit register that they changed. */
  catalogueChanges: CatalogueChanges;
}

export interface EntitiesContext extends ServiceContext {
  services: EntitiesServices;
  loaders: {
    subjectView: ReturnType<typeof createSubjectViewLoader>;
    commitments: ReturnType<typeof createCommitmentLoader>;
  };
}

/** Services are stateless and built once; loaders are per request so that no cache outlives it. */
export function createServices(
  db: DataSource,
  auditSources: AuditSource[] = [],
  changes: SubjectChanges = NO_SUBJECT_CHANGES,
  catalogueChanges: CatalogueChanges = NO_CATALOGUE_CHANGES,
): EntitiesServices {
  const subjects = new SubjectService(db, changes);
  const domains = new DomainService(db, catalogueChanges);
  return {
    db,
    subjects,
    domains,
    sourceUnits: new SourceUnitService(db, domains, catalogueChanges),
    auditTrail: new AuditTrailService(db, auditSources),
    commitments: new CommitmentService(db, subjects, domains),
    substitution: new SubstitutionService(db, catalogueChanges),
    guides: new GuideService(db),
    nationalFeed: new NationalFeedService(db),
    workingCalendar: new WorkingCalendarService(db, catalogueChanges),
    catalogueChanges,
  };
}

export function createContext(base: ServiceContext, services: EntitiesServices): EntitiesContext {
  const ctx = base as EntitiesContext;
  ctx.services = services;
  ctx.loaders = {
    subjectView: createSubjectViewLoader(ctx, services.subjects, services.db),
    commitments: createCommitmentLoader(ctx, services.commitments, services.db),
  };
  return ctx;
}
