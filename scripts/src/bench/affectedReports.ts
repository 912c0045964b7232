import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import * as reports from '@credit/reports';
import {
  bulkInsert,
  checkCreditCode,
  checkResidentId,
  creditCodeCategory,
  openDatabase,
  parseEnv,
  ReportChannel,
  ReportScenario,
  resolveSubjectKind,
} from '@credit/shared';
import { normaliseHeader } from '@credit/records/dist/import/headers';
import { detectEncoding, formatOf, tableRows } from '@credit/records/dist/import/sourceFile';

/**
 * `node scripts/dist/bench/affectedReports.js --file <csv|xlsx> --reports 10000 --tag T
 *   [--domains D07] [--from 2020-01-01] [--to 2025-12-31] [--issued-at <ISO time>]`
 * `node scripts/dist/bench/affectedReports.js --remove --tag T`
 *
 * A benchmark fixture (docs/performance.md, "Report currency"): writes N issued, unrevoked reports
 * straight into the reports database of the current environment (DB_URL, else DATA_DIR), spread
 * round-robin over the subjects of an import file that is still to be imported, so that every record
 * the import creates touches their reports. They are rows only (no snapshot, no signature, no
 * tallies, no status-list bit): nothing but ReportCurrency's lookup and marks may read them.
 * Numbers are `BENCH<tag>-<n>`; `--remove` deletes them and their marks again.
 */
const USAGE =
  'usage: affectedReports --file <csv|xlsx> --reports N --tag T [--domains D07] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--issued-at ISO]\n' +
  '       affectedReports --remove --tag T';

const CODE_COLUMNS = ['行政相对人代码_1(统一社会信用代码)', '统一社会信用代码', '证件号码', '身份证号'];
const BATCH = 1_000;

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"\n${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) out[a.slice(2)] = 'true';
    else {
      out[a.slice(2)] = value;
      i++;
    }
  }
  return out;
}

// The register's rule (GB 32100 category, or a resident ID); a code valid both ways is taken as an organisation's here.
const kindOf = (code: string): string =>
  resolveSubjectKind(code).kind ??
  creditCodeCategory(code)?.kind ??
  (checkResidentId(code).valid ? 'NATURAL_PERSON' : 'ENTERPRISE');

/** The file's subjects (the importer's credit-code columns), in order of first appearance. */
async function subjectsOf(file: string): Promise<string[]> {
  const format = formatOf(file);
  if (format === 'jsonl') throw new Error('--file must be a CSV or .xlsx file');
  const encoding = format === 'csv' ? await detectEncoding(file) : 'utf8';
  const seen = new Set<string>();
  let columns: number[] | undefined;
  for await (const { values } of tableRows(file, format, encoding)) {
    if (!columns) {
      const headers = values.map(normaliseHeader);
      columns = CODE_COLUMNS.map((c) => headers.indexOf(c)).filter((i) => i >= 0);
      if (columns.length === 0) throw new Error(`${file}: no credit-code column (${CODE_COLUMNS.join(', ')})`);
      continue;
    }
    const code = columns.map((i) => (values[i] ?? '').trim().toUpperCase()).find(Boolean);
    // Rows the importer refuses (a wrong check character) have no records to touch a report.
    if (code && (checkCreditCode(code).valid || kindOf(code) === 'NATURAL_PERSON')) seen.add(code);
  }
  return [...seen];
}

const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function main() {
  const a = args(process.argv.slice(2));
  const env = parseEnv({}, process.env);
  if (env.NODE_ENV === 'production') throw new Error('refusing: synthetic reports in a production database');
  const tag = a.tag ?? '';
  if (!/^[A-Za-z0-9]{1,8}$/.test(tag)) throw new Error(`--tag must be 1 to 8 letters or digits\n${USAGE}`);
  const prefix = `BENCH${tag}-`;
  const db = await openDatabase({
    service: reports.SERVICE_NAME,
    entities: reports.ENTITIES,
    migrations: reports.MIGRATIONS,
    dbUrl: env.DB_URL,
    dataDir: env.DATA_DIR,
    poolSize: 2,
  });
  try {
    if (a.remove) {
      const marks = await db.query('DELETE FROM report_record_change WHERE reportNumber LIKE ?', [`${prefix}%`]);
      const rows = await db.query('DELETE FROM credit_report WHERE number LIKE ?', [`${prefix}%`]);
      const n = (r: unknown) => (r as { affectedRows?: number; changes?: number }).affectedRows ?? 0;
      console.error(`removed ${n(rows)} reports ${prefix}* and ${n(marks)} marks`);
      return;
    }
    if (!a.file) throw new Error(USAGE);
    const count = Number(a.reports ?? 10_000);
    if (!Number.isInteger(count) || count < 1 || count > 9_999_999) throw new Error('--reports must be 1 to 9,999,999');
    const domains = (a.domains ?? 'D07').split(',').map((d) => d.trim().toUpperCase());
    const periodFrom = a.from ?? '2020-01-01';
    const periodTo = a.to ?? new Date().toISOString().slice(0, 10);
    const issuedAt = a['issued-at'] ? new Date(a['issued-at']) : new Date(Date.now() - 60_000);
    if (Number.isNaN(issuedAt.getTime())) throw new Error('--issued-at must be an ISO time');

    const started = Date.now();
    const subjects = await subjectsOf(resolve(a.file));
    if (subjects.length === 0) throw new Error(`${a.file}: no subjects`);
    console.error(
      `${subjects.length.toLocaleString('en')} subjects in ${a.file}; writing ${count.toLocaleString('en')} issued reports ` +
        `(${domains.join(',')}, ${periodFrom}..${periodTo}, issued ${issuedAt.toISOString()}) as ${prefix}*`,
    );
    const hex = (s: string) => createHash('sha256').update(s).digest('hex');
    for (let done = 0; done < count;) {
      const batch = Array.from({ length: Math.min(BATCH, count - done) }, (_, j) => {
        const i = done + j;
        const code = subjects[i % subjects.length];
        const number = `${prefix}${String(i + 1).padStart(7, '0')}`;
        return {
          number,
          creditCode: code,
          subjectName: `benchmark subject ${code}`,
          subjectKind: kindOf(code),
          regionCode: code.slice(2, 8),
          scenario: ReportScenario.ADMINISTRATIVE_APPROVAL,
          channel: ReportChannel.WEBSITE,
          periodFrom,
          periodTo,
          coverageFrom: periodFrom,
          requiredByReportUser: null,
          domainCodes: domains,
          recordCount: 0,
          status: 'ISSUED',
          issuedAt,
          issuedDay: chinaDay(issuedAt),
          issuedBy: 'bench:affectedReports',
          sha256: hex(number),
          signature: 'bench',
          keyId: 'bench',
          statusListIndex: null,
          codeHash: hex(`${number}|code`),
        };
      });
      await db.transaction((tx) => bulkInsert(tx, 'CreditReportEntity', batch));
      done += batch.length;
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      process.stderr.write(
        `\rreports ${done.toLocaleString('en')}/${count.toLocaleString('en')} ${rate.toFixed(0)}/s   `,
      );
    }
    process.stderr.write('\n');
    const perSubject = count / subjects.length;
    console.error(
      `wrote ${count.toLocaleString('en')} reports over ${Math.min(count, subjects.length).toLocaleString('en')} subjects ` +
        `(${perSubject.toFixed(2)} per subject) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `remove them with --remove --tag ${tag}`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(`affectedReports failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
