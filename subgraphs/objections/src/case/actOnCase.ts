import { actorOf, conflict, notFound, type Principal, type ServiceContext } from '@credit/shared';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CaseStateMachine } from './stateMachine';
import type { CaseStep } from './timeline';

/** The columns every kind of case has. */
export interface CaseRow {
  id: string;
  number: string;
  status: string;
}

/** What differs between kinds of case (objections, complaints); the order of an act does not. */
export interface CaseKind<C extends CaseRow, A extends string, S extends string> {
  entity: new () => C;
  /** "objection", "complaint": for NOT_FOUND and CONFLICT messages. */
  noun: string;
  machine: CaseStateMachine<A, S>;
  /** The caller, or the error for none (each kind keeps its own). */
  principal(ctx: ServiceContext): Principal;
  /** Columns besides the status that must still hold what was read for the act to commit. */
  heldStill?: (c: C) => Record<string, unknown>;
  appendSteps(tx: EntityManager, id: string, at: Date, steps: CaseStep[]): Promise<void>;
  audit(tx: EntityManager, ctx: ServiceContext, action: A, c: C): Promise<void>;
}

/** One act on one case: the parts an act adds to the skeleton. */
export interface CaseAct<C extends CaseRow, A extends string> {
  /** Ownership beyond the role (own subject, own unit): throws FORBIDDEN. */
  authorize?: (p: Principal, c: C) => void;
  /** Input checks that depend on the case; run after the state check. */
  validate?: (c: C) => void | Promise<void>;
  changes?: (c: C, now: Date) => Partial<C>;
  /** Read after `validate`, which may decide it. */
  note?: string | null;
  /** A second act the platform performs in the same transaction (objections: FORWARD after ACCEPT). */
  chain?: { action: A; note: (c: C) => string };
  /** Effects in the act's transaction, after its timeline (tallies, outbox rows). */
  publish?: (tx: EntityManager, before: C, after: C) => Promise<void>;
}

const SYSTEM = { actor: 'system:objections', role: 'SYSTEM' };

/**
 * Every act on a filed case, in one order: load, authorise (role, then ownership), transition
 * (state check, input checks), then in one transaction the compare-and-set on the status, the
 * timeline, the effects and the audit entry. Of two concurrent acts on one case only one commits;
 * the other gets CONFLICT naming the state it lost to.
 */
export async function actOnCase<C extends CaseRow, A extends string, S extends string>(
  db: DataSource,
  kind: CaseKind<C, A, S>,
  ctx: ServiceContext,
  id: string,
  action: A,
  act: CaseAct<C, A>,
  now: () => Date,
): Promise<C> {
  const p = kind.principal(ctx);
  const repo = db.getRepository(kind.entity);
  const byId = { id } as FindOptionsWhere<C>;
  const c = await repo.findOneBy(byId);
  if (!c) throw notFound(kind.noun, id);
  kind.machine.assertRoleMay(action, p.role);
  act.authorize?.(p, c);
  let to = kind.machine.next({ number: c.number, status: c.status as S }, action);
  await act.validate?.(c);
  const at = now();
  const steps: CaseStep[] = [{ action, from: c.status, to, actor: actorOf(p), role: p.role, note: act.note ?? null }];
  if (act.chain) {
    kind.machine.assertRoleMay(act.chain.action, 'SYSTEM');
    const next = kind.machine.next({ number: c.number, status: to }, act.chain.action);
    steps.push({ action: act.chain.action, from: to, to: next, ...SYSTEM, note: act.chain.note(c) });
    to = next;
  }
  const changes: Partial<C> = Object.assign({}, act.changes?.(c, at), { status: to });
  const held = kind.heldStill?.(c) ?? {};
  await db.transaction(async (tx) => {
    const res = await tx
      .createQueryBuilder()
      .update(kind.entity)
      .set(changes as QueryDeepPartialEntity<C>)
      .where(['id = :id', 'status = :from', ...Object.keys(held).map((k) => `${k} = :held_${k}`)].join(' AND '), {
        id,
        from: c.status,
        ...Object.fromEntries(Object.entries(held).map(([k, v]) => [`held_${k}`, v])),
      })
      .execute();
    if (res.affected !== 1) {
      const current = await tx.getRepository(kind.entity).findOneByOrFail(byId);
      kind.machine.next({ number: c.number, status: current.status as S }, action);
      throw conflict(`${kind.noun} ${c.number} changed while acting on it; retry`, { currentState: current.status });
    }
    await kind.appendSteps(tx, id, at, steps);
    await act.publish?.(tx, c, { ...c, ...changes });
    await kind.audit(tx, ctx, action, c);
  });
  return repo.findOneByOrFail(byId);
}
