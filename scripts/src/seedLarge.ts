import * as entities from '@credit/entities';
import * as records from '@credit/records';
import {
  bulkInsert,
  CREDIT_CODE_PREFIX,
  makeCreditCode,
  makeResidentId,
  newUlid,
  openDatabase,
  parseEnv,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { PROBE_RECORDS_PER_SUBJECT, probeRecord, probeSubjects } from './bench/probeCohort';

/**
 * `pnpm seed:large --subjects N --records M`: fills the entities and records databases of the
 * current environment (SQLite files, or MySQL with DB_URL) with realistic volume for the
 * benchmark: valid codes of every kind, nine prefectures, 43 domains with a skewed spread, all
 * four categories, some repaired and revoked. Each record gets its CREATED revision.
 */
const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SUBJECTS = opt('subjects', 10_000);
const RECORDS = opt('records', 50_000);
const BATCH = opt('batch', 5_000);

const PREFECTURES = ['520100', '520200', '520300', '520400', '520500', '520600', '522300', '522600', '522700'];
const PREFECTURE_WEIGHTS = [24, 8, 17, 7, 12, 8, 8, 9, 7];
const KINDS: [string, string, number][] = [
  ['ENTERPRISE', CREDIT_CODE_PREFIX.ENTERPRISE, 55],
  ['INDIVIDUAL_BUSINESS', CREDIT_CODE_PREFIX.INDIVIDUAL_BUSINESS, 30],
  ['FARMER_COOPERATIVE', CREDIT_CODE_PREFIX.FARMER_COOPERATIVE, 5],
  ['SOCIAL_ORGANIZATION', CREDIT_CODE_PREFIX.SOCIAL_ORGANIZATION, 3],
  ['NATURAL_PERSON', '', 7],
];
const CATEGORIES: [string, number][] = [
  ['ADMINISTRATIVE_PENALTY', 85],
  ['ADMINISTRATIVE_COERCION', 8],
  ['SERIOUS_DISHONESTY_LIST', 5],
  ['CRIMINAL_JUDGMENT', 2],
];
// Market regulation, tax, housing, transport… report most; the tail of the 43 domains rarely.
const DOMAINS = Array.from({ length: 43 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
const DOMAIN_WEIGHTS = DOMAINS.map((d, i) =>
  d === 'D07' ? 30 : d === 'D14' ? 15 : d === 'D04' ? 10 : d === 'D06' ? 8 : 40 / (i + 2),
);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rnd = prng(20261126);
function weighted<T>(items: T[], weights: number[]): () => T {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map(
    (
      (sum) => (w: number) =>
        (sum += w / total)
    )(0),
  );
  return () => {
    const x = rnd();
    const i = cumulative.findIndex((c) => x < c);
    return items[i < 0 ? items.length - 1 : i];
  };
}
const pickRegion = weighted(PREFECTURES, PREFECTURE_WEIGHTS);
const pickKind = weighted(
  KINDS,
  KINDS.map((k) => k[2]),
);
const pickCategory = weighted(
  CATEGORIES.map((c) => c[0]),
  CATEGORIES.map((c) => c[1]),
);
const pickDomain = weighted(DOMAINS, DOMAIN_WEIGHTS);

class Progress {
  private readonly started = Date.now();
  private last = 0;
  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}
  tick(done: number) {
    const now = Date.now();
    if (now - this.last < 500 && done < this.total) return;
    this.last = now;
    const pct = done / this.total;
    const bar = '#'.repeat(Math.round(pct * 30)).padEnd(30, '.');
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    process.stderr.write(
      `\r${this.label.padEnd(9)} [${bar}] ${done.toLocaleString()}/${this.total.toLocaleString()} ${rate.toFixed(0)}/s   `,
    );
    if (done >= this.total) process.stderr.write('\n');
  }
  rate(done: number) {
    return done / Math.max(0.001, (Date.now() - this.started) / 1000);
  }
}

interface SeedSubject {
  creditCode: string;
  kind: string;
  name: string;
  regionCode: string;
}

interface RecordFacts {
  domain: string;
  category: string;
  decisionDate: string;
  status: 'EFFECTIVE' | 'REPAIRED' | 'REVOKED';
  simplified: boolean;
  decisionNumber: string;
}

function recordRow(s: SeedSubject, f: RecordFacts, now: Date) {
  const { domain, category, decisionDate, status } = f;
  return {
    id: newUlid(now.getTime()),
    sourceUnitCode: `GZ-${domain}`,
    decisionNumber: f.decisionNumber,
    category,
    simplifiedProcedure: f.simplified,
    domainCode: domain,
    creditCode: s.creditCode,
    subjectName: s.name,
    subjectType:
      s.kind === 'NATURAL_PERSON'
        ? 'NATURAL_PERSON'
        : s.kind === 'INDIVIDUAL_BUSINESS'
          ? 'INDIVIDUAL_BUSINESS'
          : 'LEGAL_ENTITY',
    violationType: '违反管理规定',
    facts: '经查，当事人存在违法行为。',
    legalBasis: '依据相关法律法规第X条',
    penaltyTypes: '罚款',
    penaltyContent: '罚款人民币二千元',
    fineAmount: '2000.00',
    confiscatedAmount: null,
    licenceAction: null,
    licenceDetail: null,
    decisionDate,
    effectiveUntil: null,
    publicityDeadline: null,
    decidingAuthority: '贵州省测试执法机关',
    decidingAuthorityCode: '11520000MB0000000X',
    regionCode: s.regionCode,
    remarks: null,
    submittedAt: now,
    lagDays: Math.max(0, Math.floor((now.getTime() - Date.parse(decisionDate)) / 86_400_000)),
    status,
    repairedAt: status === 'REPAIRED' ? decisionDate : null,
    repairBasis: status === 'REPAIRED' ? '已完成信用修复' : null,
    revokedAt: status === 'REVOKED' ? now : null,
    revokeReason: status === 'REVOKED' ? '复议撤销' : null,
    underObjection: false,
    version: 1,
    updatedAt: now,
  };
}

const createdRevision = (recordId: string, now: Date) => ({
  recordId,
  seq: 1,
  action: 'CREATED',
  actor: 'seed:large',
  at: now,
  reason: 'bulk seed',
  objectionId: null,
  batchId: null,
  changes: null,
});

/** The probe cohort (see probeCohort.ts), written once per database. */
async function seedProbe(entitiesDb: DataSource, recordsDb: DataSource) {
  const probe = probeSubjects().map((p) => ({ ...p, kind: 'ENTERPRISE' }));
  await entitiesDb.transaction((tx) =>
    bulkInsert(
      tx,
      'SubjectEntity',
      probe.map((p) => ({
        creditCode: p.creditCode,
        kind: p.kind,
        name: p.name,
        legalRepresentative: '张建国',
        regionCode: p.regionCode,
        registrationAuthority: null,
        establishedOn: '2015-06-01',
        status: 'ACTIVE',
      })),
      { ignoreDuplicates: true },
    ),
  );
  const [{ n }] = await recordsDb.query('SELECT COUNT(*) AS n FROM violation_record WHERE creditCode = ?', [
    probe[0].creditCode,
  ]);
  if (Number(n) > 0) return;
  const now = new Date();
  const recs = probe.flatMap((p, i) =>
    Array.from({ length: PROBE_RECORDS_PER_SUBJECT }, (_, k) => {
      const r = probeRecord(i, k);
      return recordRow(
        p,
        {
          domain: r.domain,
          category: 'ADMINISTRATIVE_PENALTY',
          decisionDate: r.decisionDate,
          status: r.repaired ? 'REPAIRED' : 'EFFECTIVE',
          simplified: false,
          decisionNumber: r.decisionNumber,
        },
        now,
      );
    }),
  );
  await recordsDb.transaction(async (tx) => {
    await bulkInsert(tx, 'RecordEntity', recs);
    await bulkInsert(
      tx,
      'RevisionEntity',
      recs.map((r) => createdRevision(r.id, now)),
    );
  });
  console.error(`probe cohort: ${probe.length} subjects with ${recs.length} records`);
}

async function seedSubjects(db: DataSource): Promise<SeedSubject[]> {
  const progress = new Progress('subjects', SUBJECTS);
  const out: SeedSubject[] = [];
  // Serials far above the demo register's, so both can live in one database.
  const base = 60_000_000 + Math.floor(rnd() * 1_000_000);
  for (let done = 0; done < SUBJECTS;) {
    const batch: Record<string, unknown>[] = [];
    for (let i = 0; i < Math.min(BATCH, SUBJECTS - done); i++) {
      const serial = base + done + i;
      const [kind, prefix] = pickKind();
      const region = pickRegion();
      const creditCode =
        kind === 'NATURAL_PERSON'
          ? makeResidentId(
              region.slice(0, 4) + '02',
              `19${60 + (serial % 40)}0${1 + (serial % 9)}1${serial % 10}`,
              serial,
            )
          : makeCreditCode(prefix, region, serial);
      const name =
        kind === 'NATURAL_PERSON'
          ? `测试个人${serial}`
          : `贵州测试${serial}${kind === 'ENTERPRISE' ? '有限公司' : kind === 'FARMER_COOPERATIVE' ? '农民专业合作社' : kind === 'SOCIAL_ORGANIZATION' ? '协会' : '商店'}`;
      batch.push({
        creditCode,
        kind,
        name,
        legalRepresentative: kind === 'NATURAL_PERSON' ? null : '张建国',
        regionCode: region,
        registrationAuthority: null,
        establishedOn: '2015-06-01',
        status: 'ACTIVE',
      });
      out.push({ creditCode, kind, name, regionCode: region });
    }
    await db.transaction((tx) => bulkInsert(tx, 'SubjectEntity', batch, { ignoreDuplicates: true }));
    done += batch.length;
    progress.tick(done);
  }
  console.error(`subjects: ${SUBJECTS.toLocaleString()} at ${progress.rate(SUBJECTS).toFixed(0)} rows/s`);
  return out;
}

async function seedRecords(db: DataSource, subjects: SeedSubject[]) {
  const progress = new Progress('records', RECORDS);
  const start = Date.UTC(2020, 0, 1);
  const span = Date.now() - start;
  // A skewed share: a few subjects have many records, most have none.
  const pickSubject = () => subjects[Math.floor(subjects.length * rnd() ** 3)];
  for (let done = 0; done < RECORDS;) {
    const recs: Record<string, unknown>[] = [];
    const revs: Record<string, unknown>[] = [];
    const now = new Date();
    for (let i = 0; i < Math.min(BATCH, RECORDS - done); i++) {
      const s = pickSubject();
      const domain = pickDomain();
      const category = pickCategory();
      const decided = new Date(start + rnd() * span);
      const decisionDate = decided.toISOString().slice(0, 10);
      const r = rnd();
      const status = r < 0.1 ? 'REPAIRED' : r < 0.11 ? 'REVOKED' : ('EFFECTIVE' as const);
      const simplified = category === 'ADMINISTRATIVE_PENALTY' && rnd() < 0.3;
      const row = recordRow(
        s,
        {
          domain,
          category,
          decisionDate,
          status,
          simplified,
          decisionNumber: `黔${domain}罚〔${decided.getUTCFullYear()}〕L${done + i}号`,
        },
        now,
      );
      recs.push(row);
      revs.push(createdRevision(row.id, now));
    }
    await db.transaction(async (tx) => {
      await bulkInsert(tx, 'RecordEntity', recs);
      await bulkInsert(tx, 'RevisionEntity', revs);
    });
    done += recs.length;
    progress.tick(done);
  }
  console.error(
    `records: ${RECORDS.toLocaleString()} (+ as many revisions) at ${progress.rate(RECORDS).toFixed(0)} records/s`,
  );
}

async function main() {
  const env = parseEnv({}, process.env);
  const started = Date.now();
  console.error(
    `seed:large into ${env.DB_URL ? 'MySQL' : `SQLite (${env.DATA_DIR})`}: ${SUBJECTS.toLocaleString()} subjects, ${RECORDS.toLocaleString()} records`,
  );
  const common = { dbUrl: env.DB_URL, dataDir: env.DATA_DIR, poolSize: 4 };
  const entitiesDb = await openDatabase({
    ...common,
    service: 'entities',
    entities: entities.ENTITIES,
    migrations: entities.MIGRATIONS,
  });
  const subjects = await seedSubjects(entitiesDb);
  await entitiesDb.destroy();
  const recordsDb = await openDatabase({
    ...common,
    service: 'records',
    entities: records.ENTITIES,
    migrations: records.MIGRATIONS,
  });
  await seedRecords(recordsDb, subjects);
  const entitiesAgain = await openDatabase({
    ...common,
    service: 'entities',
    entities: entities.ENTITIES,
    migrations: entities.MIGRATIONS,
  });
  await seedProbe(entitiesAgain, recordsDb);
  await entitiesAgain.destroy();
  // The rows went in around the write path: the statistics tallies are computed from them once.
  const tallying = Date.now();
  const tallies = await records.rebuildTallies(recordsDb);
  console.error(
    `statistics tallies: ${tallies.rows.toLocaleString()} rows in ${((Date.now() - tallying) / 1000).toFixed(1)}s`,
  );
  await recordsDb.destroy();
  console.error(`seed:large done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((err) => {
  console.error(`seed:large failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
