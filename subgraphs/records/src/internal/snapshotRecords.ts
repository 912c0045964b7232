import { auditRead, auditRows, placeholders, type ServiceContext } from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { RecordEntity } from '../record/record.entity';
import { RecordRows } from '../record/recordRows';
import { shownStatuses } from '../history/history.service';

/** Responsible for the records a report snapshot shows (internal API, called by reports as SERVICE). */
export class SnapshotRecords {
  private readonly records: RecordRows;

  constructor(private readonly db: DataSource) {
    this.records = new RecordRows(db);
  }

  /** EFFECTIVE and REPAIRED records of one subject decided in [from, to], in the chosen domains. */
  async recordsOf(
    ctx: ServiceContext,
    creditCode: string,
    domains: string[],
    from: string,
    to: string,
  ): Promise<RecordEntity[]> {
    if (domains.length === 0) return [];
    const statuses = shownStatuses(true);
    // From the primary: a correction applied a moment ago must be in the report, whatever a replica's lag.
    const event = { action: 'record.snapshot', subjectCodes: [creditCode], target: `${from}..${to}` };
    // On MySQL the audit row travels with the read (one round trip); no answer without it either way.
    return this.records.auditedRows(
      `r.\`creditCode\` = ? AND r.\`decisionDate\` >= ? AND r.\`decisionDate\` <= ? AND r.\`domainCode\` IN (${placeholders(domains.length)}) AND r.\`status\` IN (?, ?) ORDER BY r.\`decisionDate\` DESC, r.\`id\` DESC`,
      [creditCode, from, to, ...domains, ...statuses],
      auditRows(ctx, event),
      () => auditRead(this.db, ctx, event),
    );
  }
}
