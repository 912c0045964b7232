import { auditRead, type ServiceContext } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { RecordEntity } from '../record/record.entity';
import { RecordStatus } from '../record/record.type';

/** Responsible for the records a report snapshot shows (internal API, called by reports as SERVICE). */
export class SnapshotRecords {
  constructor(private readonly db: DataSource) {}

  /** EFFECTIVE and REPAIRED records of one subject decided in [from, to], in the chosen domains. */
  async recordsOf(
    ctx: ServiceContext,
    creditCode: string,
    domains: string[],
    from: string,
    to: string,
  ): Promise<RecordEntity[]> {
    if (domains.length === 0) return [];
    const rows = await this.db
      .getRepository(RecordEntity)
      .createQueryBuilder('r')
      .where('r.creditCode = :creditCode', { creditCode })
      .andWhere('r.decisionDate >= :from AND r.decisionDate <= :to', { from, to })
      .andWhere('r.domainCode IN (:...domains)', { domains })
      .andWhere('r.status IN (:...statuses)', { statuses: [RecordStatus.EFFECTIVE, RecordStatus.REPAIRED] })
      .orderBy('r.decisionDate', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
    await auditRead(this.db, ctx, { action: 'record.snapshot', subjectCodes: [creditCode], target: `${from}..${to}` });
    return rows;
  }
}
