import { demoSourceUnits, demoSubjects, newUlid, NO_CATALOGUE_CHANGES, type CatalogueChanges } from '@credit/shared';
import type { EntityManager } from 'typeorm';
import { kindMismatchesOf } from '../subject/kindCheck';
import type { DataSource } from 'typeorm';
import { SourceUnitEntity } from '../sourceUnit/sourceUnit.entity';
import { SubjectEntity } from '../subject/subject.entity';
import { SubstitutionMatterEntity, SubstitutionMatterRevisionEntity } from '../substitution/substitution.entity';
import { DEMO_MATTERS } from './demoMatters';
import { demoOutOfProvinceSubjects } from './demoOutOfProvince';

/** Seeds an empty register; a register that already has subjects is left untouched. */
export async function seedDemoData(
  db: DataSource,
  catalogueChanges: CatalogueChanges = NO_CATALOGUE_CHANGES,
): Promise<{ subjects: number; sourceUnits: number; matters: number }> {
  const seeded = await db.transaction(async (tx) => {
    const matters = await seedDemoMatters(tx);
    if ((await tx.getRepository(SubjectEntity).count()) > 0) return { subjects: 0, sourceUnits: 0, matters };
    const subjects = [...demoSubjects(), ...demoOutOfProvinceSubjects()];
    // The demo register obeys the rule upsertSubjects applies: each kind is its code's.
    const wrong = kindMismatchesOf(subjects);
    if (wrong.length) throw new Error(`demo subject ${wrong[0].creditCode}: kind ${wrong[0].problem.message}`);
    for (let i = 0; i < subjects.length; i += 100)
      await tx.getRepository(SubjectEntity).insert(subjects.slice(i, i + 100));
    const units = demoSourceUnits();
    const existing = new Set(
      (await tx.getRepository(SourceUnitEntity).find({ select: { code: true } })).map((u) => u.code),
    );
    const fresh = units.filter((u) => !existing.has(u.code));
    if (fresh.length) await tx.getRepository(SourceUnitEntity).insert(fresh);
    return { subjects: subjects.length, sourceUnits: fresh.length, matters };
  });
  // The unit register and the substitution catalogue are read elsewhere like the domain catalogue.
  if (seeded.sourceUnits || seeded.matters) await catalogueChanges.publish();
  return seeded;
}

/** The demo substitution catalogue, into an empty one, each matter at version 1 with its DEFINE revision. */
async function seedDemoMatters(tx: EntityManager): Promise<number> {
  if ((await tx.getRepository(SubstitutionMatterEntity).count()) > 0) return 0;
  // Stored in the plan's order, as the catalogue service stores them.
  const matters = DEMO_MATTERS.map((m) => ({ ...m, domainCodes: [...m.domainCodes].sort(), active: true, version: 1 }));
  await tx.getRepository(SubstitutionMatterEntity).insert(matters);
  await tx.getRepository(SubstitutionMatterRevisionEntity).insert(
    matters.map(({ code, version, ...values }) => ({
      id: newUlid(),
      matterCode: code,
      version,
      kind: 'DEFINE',
      changes: Object.fromEntries(Object.entries(values).map(([f, to]) => [f, { from: null, to }])),
      actor: 'seed:demo',
      reason: 'demo catalogue',
    })),
  );
  return matters.length;
}
