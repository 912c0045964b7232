import type { ServiceContext } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { DomainService } from './domain/domain.service';
import { SourceUnitService } from './sourceUnit/sourceUnit.service';
import { createSubjectViewLoader } from './subject/subject.loaders';
import { SubjectService } from './subject/subject.service';

export interface EntitiesServices {
  db: DataSource;
  subjects: SubjectService;
  domains: DomainService;
  sourceUnits: SourceUnitService;
}

export interface EntitiesContext extends ServiceContext {
  services: EntitiesServices;
  loaders: { subjectView: ReturnType<typeof createSubjectViewLoader> };
}

/** Services are stateless and built once; loaders are per request so that no cache outlives it. */
export function createServices(db: DataSource): EntitiesServices {
  return { db, subjects: new SubjectService(db), domains: new DomainService(db), sourceUnits: new SourceUnitService(db) };
}

export function createContext(base: ServiceContext, services: EntitiesServices): EntitiesContext {
  const ctx = base as EntitiesContext;
  ctx.services = services;
  ctx.loaders = { subjectView: createSubjectViewLoader(ctx, services.subjects, services.db) };
  return ctx;
}
