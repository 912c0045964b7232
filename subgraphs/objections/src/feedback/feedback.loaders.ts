import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { EvidenceEntity } from '../evidence/evidence.entity';
import { FeedbackEventEntity } from './feedback.entity';

const grouped = <T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): T[][] => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
  return keys.map((k) => m.get(k) ?? []);
};

/** Per-request loaders of a case's parts: one SELECT per batch, never per case. */
export function createFeedbackLoaders(db: DataSource) {
  return {
    events: new DataLoader<string, FeedbackEventEntity[]>(async (ids) =>
      grouped(
        ids,
        await db
          .getRepository(FeedbackEventEntity)
          .find({ where: { caseId: In([...ids]) }, order: { caseId: 'ASC', seq: 'ASC' } }),
        (e) => e.caseId,
      ),
    ),
    evidence: new DataLoader<string, EvidenceEntity[]>(async (ids) =>
      grouped(
        ids,
        await db
          .getRepository(EvidenceEntity)
          .find({ where: { objectionId: In([...ids]) }, order: { position: 'ASC' } }),
        (e) => e.objectionId,
      ),
    ),
  };
}
export type FeedbackLoaders = ReturnType<typeof createFeedbackLoaders>;
