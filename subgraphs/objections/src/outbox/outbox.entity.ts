import { OutboxRow } from '@credit/shared';
import { Column, Entity, Index } from 'typeorm';

export { OutboxStatus } from '@credit/shared';

export enum OutboxKind {
  MARK = 'MARK',
  CLEAR = 'CLEAR',
  APPLY_CORRECTION = 'APPLY_CORRECTION',
}

/**
 * An effect on the records subgraph, written in the same transaction as the objection's state
 * change and delivered afterwards by the shared OutboxWorker. Rows of one objection are delivered in
 * id order (a CLEAR never overtakes its MARK).
 */
@Entity('objection_outbox')
@Index('ix_outbox_status_next', ['status', 'nextAttemptAt'])
@Index('ix_outbox_objection', ['objectionId', 'id'])
export class OutboxEntity extends OutboxRow {
  @Column({ type: 'varchar', length: 26 })
  objectionId: string;
}
