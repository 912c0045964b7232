import { OutboxRow } from '@credit/shared';
import { Entity, Index } from 'typeorm';

/**
 * Changes to records for the reports subgraph (which issued reports they touch is reports' business),
 * written in the transaction of the change and delivered by the shared OutboxWorker. Order does not
 * matter to the receiver (it counts and keeps the earliest time), so rows carry no stream.
 */
@Entity('record_change_outbox')
@Index('ix_record_change_outbox_status_next', ['status', 'nextAttemptAt'])
export class RecordChangeOutboxEntity extends OutboxRow {}
