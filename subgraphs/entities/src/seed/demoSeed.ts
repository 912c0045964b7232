import { demoSourceUnits, demoSubjects, NO_CATALOGUE_CHANGES, type CatalogueChanges } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { SourceUnitEntity } from '../sourceUnit/sourceUnit.entity';
import { SubjectEntity } from '../subject/subject.entity';

/** Seeds an empty register; a register that already has subjects is left untouched. */
export async function seedDemoData(
  db: DataSource,
  catalogueChanges: CatalogueChanges = NO_CATALOGUE_CHANGES,
): Promise<{ subjects: number; sourceUnits: number }> {
  const seeded = await db.transaction(async (tx) => {
    if ((await tx.getRepository(SubjectEntity).count()) > 0) return { subjects: 0, sourceUnits: 0 };
    const subjects = demoSubjects();
    for (let i = 0; i < subjects.length; i += 100)
      await tx.getRepository(SubjectEntity).insert(subjects.slice(i, i + 100));
    const units = demoSourceUnits();
    const existing = new Set(
      (await tx.getRepository(SourceUnitEntity).find({ select: { code: true } })).map((u) => u.code),
    );
    const fresh = units.filter((u) => !existing.has(u.code));
    if (fresh.length) await tx.getRepository(SourceUnitEntity).insert(fresh);
    return { subjects: subjects.length, sourceUnits: fresh.length };
  });
  // The unit register is read by records like the catalogue: new units are a catalogue change.
  if (seeded.sourceUnits) await catalogueChanges.publish();
  return seeded;
}
