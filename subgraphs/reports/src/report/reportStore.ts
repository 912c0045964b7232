import { In, type DataSource } from 'typeorm';
import type { Keyring } from '../integrity/signingKeys';
import { verificationCodeFor } from '../integrity/verificationCode';
import { CreditReportEntity } from './report.entity';
import { SnapshotPartEntity } from './snapshotPart.entity';

/**
 * Responsible for reading stored reports back: rows by number or subject, the signed snapshot texts
 * (verification, the PDF) and each report's verification code. Never writes.
 */
export class ReportStore {
  constructor(
    private readonly db: DataSource,
    private readonly keyring: Keyring,
  ) {}

  verificationCode(number: string): string {
    return verificationCodeFor(number, this.keyring.codeSecret);
  }

  findByNumbers(numbers: readonly string[]): Promise<CreditReportEntity[]> {
    if (numbers.length === 0) return Promise.resolve([]);
    return this.db.getRepository(CreditReportEntity).findBy({ number: In([...numbers]) });
  }

  /** Newest first; a subject has a handful of reports, so the whole list per subject is read. */
  forSubjects(codes: readonly string[]): Promise<CreditReportEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.db
      .getRepository(CreditReportEntity)
      .find({ where: { creditCode: In([...codes]) }, order: { issuedAt: 'DESC', number: 'DESC' } });
  }

  /**
   * One report and its signed text in a single statement: the verification hot path. Values are
   * hydrated by TypeORM's driver rules, so the row is the same as a repository read would give.
   */
  async findWithSnapshot(number: string): Promise<{ row: CreditReportEntity; text: string | undefined } | null> {
    const meta = this.db.getMetadata(CreditReportEntity);
    const driver = this.db.driver;
    const q = (name: string) => driver.escape(name);
    const cols = meta.columns.map((c) => `r.${q(c.databaseName)}`).join(', ');
    // A read: with DB_REPLICA_URLS it goes to a replica, as repository reads do (the primary otherwise).
    const runner = this.db.createQueryRunner('slave');
    let raw: Record<string, unknown>[];
    try {
      raw = await runner.query(
        `SELECT ${cols}, p.${q('seq')} AS ${q('partSeq')}, p.${q('text')} AS ${q('partText')} FROM ${q(meta.tableName)} r ` +
          `LEFT JOIN ${q(this.db.getMetadata(SnapshotPartEntity).tableName)} p ON p.${q('reportNumber')} = r.${q('number')} ` +
          // No ORDER BY: on MariaDB it sorted the joined text in a temporary table (EXPLAIN: "Using
          // temporary; Using filesort"), which tripled the statement's cost; the parts are sorted here.
          `WHERE r.${q('number')} = ?`,
        [number],
      );
    } finally {
      await runner.release();
    }
    if (raw.length === 0) return null;
    const row = new CreditReportEntity();
    for (const c of meta.columns) c.setEntityValue(row, driver.prepareHydratedValue(raw[0][c.databaseName], c));
    const parts = raw
      .filter((r) => r.partText !== null && r.partText !== undefined)
      .sort((a, b) => Number(a.partSeq) - Number(b.partSeq))
      .map((r) => r.partText as string);
    return { row, text: parts.length ? parts.join('') : undefined };
  }

  /** The signed texts, joined from their parts. */
  async snapshotTexts(numbers: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (numbers.length === 0) return out;
    const parts = await this.db.getRepository(SnapshotPartEntity).find({
      where: { reportNumber: In([...numbers]) },
      order: { reportNumber: 'ASC', seq: 'ASC' },
    });
    for (const part of parts) out.set(part.reportNumber, (out.get(part.reportNumber) ?? '') + part.text);
    return out;
  }
}
