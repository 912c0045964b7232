import { RecordsApi, type ServiceClient } from '@credit/shared';

/** What objections needs to know about a record to file an objection on it. */
export type RecordFacts = RecordsApi.RecordFactsFragment;

export interface CorrectionCall {
  recordId: string;
  objectionId: string;
  action: RecordsApi.CorrectionAction;
  reason: string;
  /** Checked against the record content rules when the unit decided (correctionValidation). */
  changes: Record<string, unknown> | null;
}

/**
 * The records subgraph's internal API as objections uses it, called directly as SERVICE (these
 * fields are @inaccessible in the supergraph) with the typed client generated from records'
 * schema. Every write is idempotent on the objection id.
 */
export class RecordsClient {
  constructor(private readonly call: ServiceClient) {}

  /** The record through records' own reference resolver; null when it does not exist. */
  async findRecord(id: string, requestId?: string): Promise<RecordFacts | null> {
    const data = await this.call(
      RecordsApi.RecordForObjectionDocument,
      { representations: [{ __typename: 'ViolationRecord', id }] },
      requestId,
    );
    const found = data._entities[0];
    // `_entities` answers `{}` for a representation of another type, null for an unknown id.
    return found && 'id' in found ? (found as RecordFacts) : null;
  }

  async markUnderObjection(recordId: string, objectionId: string): Promise<void> {
    await this.call(RecordsApi.MarkUnderObjectionDocument, { recordId, objectionId });
  }

  async clearObjection(recordId: string, objectionId: string): Promise<void> {
    await this.call(RecordsApi.ClearObjectionDocument, { recordId, objectionId });
  }

  /** Returns the record's version after the correction (its new revision). */
  async applyCorrection(c: CorrectionCall): Promise<{ id: string; version: number }> {
    const input: RecordsApi.CorrectionInput = {
      recordId: c.recordId,
      objectionId: c.objectionId,
      action: c.action,
      reason: c.reason,
    };
    if (c.changes && Object.keys(c.changes).length) input.changes = c.changes as RecordsApi.RecordChangesInput;
    const data = await this.call(RecordsApi.ApplyCorrectionDocument, { input });
    return data.internalApplyCorrection;
  }

  /** A subject's effective and repaired records (the demo seed picks records to object to). */
  async recordsOf(creditCode: string, domains: string[], from: string, to: string): Promise<RecordFacts[]> {
    const data = await this.call(RecordsApi.RecordsOfSubjectDocument, { creditCode, domains, from, to });
    return data.internalRecordsForSnapshot;
  }
}
