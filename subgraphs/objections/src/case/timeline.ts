import type { EntityManager } from 'typeorm';

/** A step of any case's timeline (objection or complaint). */
export interface CaseStep {
  action: string;
  from: string | null;
  to: string;
  actor: string;
  role: string;
  note?: string | null;
}

/**
 * Appends steps after a case's last one, inside the caller's transaction: `events` is the case
 * kind's event table and `ownerColumn` its column naming the case.
 */
export async function appendCaseEvents(
  tx: EntityManager,
  events: new () => object,
  ownerColumn: string,
  ownerId: string,
  at: Date,
  steps: readonly CaseStep[],
): Promise<void> {
  const raw = await tx
    .getRepository(events)
    .createQueryBuilder('e')
    .select('MAX(e.seq)', 'max')
    .where(`e.${ownerColumn} = :ownerId`, { ownerId })
    .getRawOne<{ max: number | string | null }>();
  let seq = Number(raw?.max ?? 0);
  await tx.getRepository(events).insert(
    steps.map((s) => ({
      [ownerColumn]: ownerId,
      seq: ++seq,
      action: s.action,
      fromStatus: s.from,
      toStatus: s.to,
      actor: s.actor,
      role: s.role,
      at,
      note: s.note ?? null,
    })),
  );
}
