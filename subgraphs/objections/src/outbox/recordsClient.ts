import type { ServiceClient } from '@credit/shared';

/** What objections needs to know about a record to file an objection on it. */
export interface RecordFacts {
  id: string;
  creditCode: string;
  subjectType: string;
  sourceUnitCode: string;
  domainCode: string;
  status: string;
}

export interface CorrectionCall {
  recordId: string;
  objectionId: string;
  action: 'CORRECT' | 'REVOKE' | 'REPAIR';
  reason: string;
  changes: Record<string, unknown> | null;
}

const FACTS = 'id creditCode subjectType sourceUnitCode domainCode status';

/**
 * The records subgraph's internal API as objections uses it, called directly as SERVICE (these
 * fields are @inaccessible in the supergraph). Every write is idempotent on the objection id.
 */
export class RecordsClient {
  constructor(private readonly call: ServiceClient) {}

  /** The record through records' own reference resolver; null when it does not exist. */
  async findRecord(id: string, requestId?: string): Promise<RecordFacts | null> {
    const data = await this.call<{ _entities: (RecordFacts | null)[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ViolationRecord { ${FACTS} } } }`,
      { reps: [{ __typename: 'ViolationRecord', id }] },
      requestId,
    );
    return data._entities[0] ?? null;
  }

  async markUnderObjection(recordId: string, objectionId: string): Promise<void> {
    await this.call('mutation($r: ID!, $o: String!) { internalMarkUnderObjection(recordId: $r, objectionId: $o) }', {
      r: recordId,
      o: objectionId,
    });
  }

  async clearObjection(recordId: string, objectionId: string): Promise<void> {
    await this.call('mutation($r: ID!, $o: String!) { internalClearObjection(recordId: $r, objectionId: $o) }', {
      r: recordId,
      o: objectionId,
    });
  }

  /** Returns the record's version after the correction (its new revision). */
  async applyCorrection(c: CorrectionCall): Promise<{ id: string; version: number }> {
    const input: Record<string, unknown> = {
      recordId: c.recordId,
      objectionId: c.objectionId,
      action: c.action,
      reason: c.reason,
    };
    if (c.changes && Object.keys(c.changes).length) input.changes = c.changes;
    const data = await this.call<{ internalApplyCorrection: { id: string; version: number } }>(
      'mutation($input: CorrectionInput!) { internalApplyCorrection(input: $input) { id version } }',
      { input },
    );
    return data.internalApplyCorrection;
  }

  /** A subject's effective and repaired records (the demo seed picks records to object to). */
  async recordsOf(creditCode: string, domains: string[], from: string, to: string): Promise<RecordFacts[]> {
    const data = await this.call<{ internalRecordsForSnapshot: RecordFacts[] }>(
      `query($c: String!, $d: [String!]!, $f: String!, $t: String!) { internalRecordsForSnapshot(creditCode: $c, domains: $d, from: $f, to: $t) { ${FACTS} } }`,
      { c: creditCode, d: domains, f: from, t: to },
    );
    return data.internalRecordsForSnapshot;
  }
}
