import { OutboxFeed, ReportsApi, type Logger, type ServiceClient } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { RecordChangeOutboxEntity } from './recordChangeOutbox.entity';
import type { RecordChange } from './recordChanges';

/**
 * Delivers records' change outbox to the reports subgraph (its typed internal client), which marks
 * the issued reports each change touches.
 */
export type RecordChangeFeed = OutboxFeed<RecordChangeOutboxEntity, { changes: RecordChange[] }, number>;

export function recordChangeFeed(
  db: DataSource,
  reports: ServiceClient | null,
  opts: { pollMs: number; maxAttempts: number; logger: Logger },
): RecordChangeFeed {
  return new OutboxFeed(db, reports, {
    target: RecordChangeOutboxEntity,
    what: 'record changes',
    send: async (client, { changes }: { changes: RecordChange[] }) =>
      (await client(ReportsApi.RecordsChangedDocument, { changes })).internalRecordsChanged,
    ...opts,
  });
}
