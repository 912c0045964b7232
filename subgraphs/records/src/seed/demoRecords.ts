import {
  COVERAGE_START,
  demoSourceUnits,
  demoSubjects,
  makeCreditCode,
  addDays,
  chinaDate,
  startOfChinaDay,
} from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { lagDays } from '../record/dates';
import { ExcludedDecisionEntity } from '../record/excludedDecision.entity';
import { RecordEntity } from '../record/record.entity';
import { newRecordId } from '../record/recordId';
import { RecordCategory, RecordStatus, RecordSubjectType } from '../record/record.type';
import { changesJson, RevisionEntity } from '../record/revision.entity';
import { SubmissionEntity } from '../submission/submission.entity';
import { rebuildTalliesIn } from '../aggregates/tallyMaintenance';

/** Deterministic pseudo-random numbers so that every fresh start seeds the same demo records. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Busy domains get many records, the rest a few: the skew real data has. */
const WEIGHT: Record<string, number> = {
  D07: 30,
  D14: 22,
  D04: 14,
  D03: 12,
  D06: 10,
  D28: 9,
  D11: 8,
  D10: 7,
  D05: 6,
  D12: 5,
  D02: 5,
  D18: 4,
  D26: 4,
};
const LOCAL_DOMAINS = ['D04', 'D07', 'D14'];
const VIOLATIONS = [
  '未按规定公示年度报告',
  '销售不合格产品',
  '逃避缴纳税款',
  '违法建设',
  '超限运输',
  '未批先建',
  '安全生产责任制不落实',
  '虚假广告',
  '违规排放污染物',
  '无证经营',
];
const PENALTIES = [
  ['警告'],
  ['罚款'],
  ['警告', '罚款'],
  ['没收违法所得', '罚款'],
  ['责令停产停业', '罚款'],
  ['暂扣许可证件'],
];
const REJECT_REASONS = [
  'BAD_CHECK_CHARACTER',
  'MISSING_FIELD',
  'DATE_BEFORE_2020',
  'UNKNOWN_DOMAIN',
  'NEGATIVE_AMOUNT',
];
const CHUNK = 200;

async function insertAll<T>(db: EntityManager, target: new () => T, rows: Partial<T>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as never)
      .updateEntity(false)
      .execute();
  }
}

/**
 * Seeds an empty records database with a few thousand records about the demo register's subjects:
 * every domain (skewed), every category, simplified-procedure penalties, repaired and revoked
 * records, excluded decisions, and the submission log that quality monitoring reads.
 * A database that already has records is left untouched.
 */
export async function seedDemoRecords(
  db: DataSource,
  now = new Date(),
): Promise<{ records: number; excluded: number; submissions: number }> {
  if ((await db.getRepository(RecordEntity).count()) > 0) return { records: 0, excluded: 0, submissions: 0 };
  const rnd = prng(4302);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const subjects = demoSubjects();
  const units = demoSourceUnits();
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const domains = units.filter((u) => u.regionCode === '520000').map((u) => u.domainCodes[0]);
  const weighted = domains.flatMap((d) => Array<string>(WEIGHT[d] ?? 1).fill(d));
  const today = chinaDate(now);
  const span = Math.round(
    (new Date(`${today}T00:00:00Z`).getTime() - Date.parse(`${COVERAGE_START}T00:00:00Z`)) / 86_400_000,
  );

  const records: RecordEntity[] = [];
  const revisions: Partial<RevisionEntity>[] = [];
  const excluded: Partial<ExcludedDecisionEntity>[] = [];
  let serial = 0;

  const make = (subject: (typeof subjects)[number], domain: string, exclude: boolean) => {
    serial++;
    const local = LOCAL_DOMAINS.includes(domain) && rnd() < 0.6 && unitByCode.has(`GZ-${subject.regionCode}-${domain}`);
    const unit = unitByCode.get(local ? `GZ-${subject.regionCode}-${domain}` : `GZ-${domain}`)!;
    const decisionDate = addDays(COVERAGE_START, Math.floor(rnd() * span));
    const lag = rnd() < 0.8 ? Math.floor(rnd() * 8) : 8 + Math.floor(rnd() * 53);
    const submittedOn = addDays(decisionDate, lag) > today ? today : addDays(decisionDate, lag);
    const submittedAt = new Date(Math.min(startOfChinaDay(submittedOn).getTime() + 10 * 3600_000, now.getTime()));
    const c = rnd();
    const category =
      domain === 'D02'
        ? RecordCategory.SERIOUS_DISHONESTY_LIST
        : c < 0.82
          ? RecordCategory.ADMINISTRATIVE_PENALTY
          : c < 0.9
            ? RecordCategory.ADMINISTRATIVE_COERCION
            : c < 0.96
              ? RecordCategory.SERIOUS_DISHONESTY_LIST
              : RecordCategory.CRIMINAL_JUDGMENT;
    const penalty = category === RecordCategory.ADMINISTRATIVE_PENALTY;
    const types = penalty ? pick(PENALTIES) : null;
    const number = `黔${domain}${local ? subject.regionCode.slice(2, 4) : ''}${penalty ? '罚' : '决'}〔${decisionDate.slice(0, 4)}〕${String(serial).padStart(5, '0')}号`;
    const authorityCode = makeCreditCode(
      '11',
      unit.regionCode,
      10_000_000 + domains.indexOf(domain) * 100 + (local ? Number(subject.regionCode.slice(2, 4)) : 0),
    );
    if (exclude) {
      excluded.push({
        id: newRecordId(submittedAt.getTime()),
        sourceUnitCode: unit.code,
        decisionNumber: number,
        creditCode: subject.creditCode,
        domainCode: domain,
        decisionDate,
        reason: 'LAWFULLY_NOT_PUNISHED',
        firstSeenAt: submittedAt,
      });
      return;
    }
    const id = newRecordId(submittedAt.getTime());
    const r = new RecordEntity();
    Object.assign(r, {
      id,
      sourceUnitCode: unit.code,
      decisionNumber: number,
      category,
      simplifiedProcedure: penalty && rnd() < 0.3,
      domainCode: domain,
      creditCode: subject.creditCode,
      subjectName: subject.name,
      subjectType:
        subject.kind === 'NATURAL_PERSON'
          ? RecordSubjectType.NATURAL_PERSON
          : subject.kind === 'INDIVIDUAL_BUSINESS'
            ? RecordSubjectType.INDIVIDUAL_BUSINESS
            : RecordSubjectType.LEGAL_ENTITY,
      violationType: penalty ? pick(VIOLATIONS) : null,
      facts: `经查，当事人存在${pick(VIOLATIONS)}的行为。`,
      legalBasis: '《中华人民共和国行政处罚法》第二十八条',
      penaltyTypes: types ? types.join(';') : null,
      penaltyContent: penalty
        ? `${types!.join('、')}`
        : category === RecordCategory.ADMINISTRATIVE_COERCION
          ? '查封场所、设施或者财物'
          : category === RecordCategory.CRIMINAL_JUDGMENT
            ? '判处有期徒刑'
            : '列入严重失信主体名单',
      fineAmount: types?.includes('罚款') ? `${(1 + Math.floor(rnd() * 200)) * 100}.00` : null,
      confiscatedAmount: types?.includes('没收违法所得') ? `${(1 + Math.floor(rnd() * 50)) * 250}.50` : null,
      licenceAction: types?.includes('暂扣许可证件') ? 'SUSPENDED' : null,
      licenceDetail: types?.includes('暂扣许可证件') ? `经营许可证 JY${serial}` : null,
      decisionDate,
      effectiveUntil: null,
      publicityDeadline: penalty ? addDays(decisionDate, 365) : null,
      decidingAuthority: unit.name,
      decidingAuthorityCode: authorityCode,
      regionCode: subject.regionCode,
      remarks: null,
      submittedAt,
      lagDays: lagDays(decisionDate, submittedAt),
      status: RecordStatus.EFFECTIVE,
      repairedAt: null,
      repairBasis: null,
      revokedAt: null,
      revokeReason: null,
      underObjection: false,
      version: 1,
      updatedAt: submittedAt,
    });
    revisions.push({
      recordId: id,
      seq: 1,
      action: 'CREATED',
      actor: `unit:${unit.code}`,
      at: submittedAt,
      reason: `submitted by ${unit.code} (demo seed)`,
      changes: null,
    });
    const s = rnd();
    if (s < 0.15) {
      const repairedAt = addDays(decisionDate, 90 + Math.floor(rnd() * 300));
      if (repairedAt <= today) {
        r.status = RecordStatus.REPAIRED;
        r.repairedAt = repairedAt;
        r.repairBasis = '信用修复申请已通过审核';
        r.version = 2;
        revisions.push({
          recordId: id,
          seq: 2,
          action: 'REPAIRED',
          actor: `unit:${unit.code}`,
          at: startOfChinaDay(repairedAt),
          reason: r.repairBasis,
          changes: changesJson({ status: ['EFFECTIVE', 'REPAIRED'], repairedAt: [null, repairedAt] }),
        });
      }
    } else if (s < 0.18) {
      r.status = RecordStatus.REVOKED;
      r.revokedAt = submittedAt;
      r.revokeReason = '行政复议决定撤销原处罚决定';
      r.version = 2;
      revisions.push({
        recordId: id,
        seq: 2,
        action: 'REVOKED',
        actor: `unit:${unit.code}`,
        at: submittedAt,
        reason: r.revokeReason,
        changes: changesJson({ status: ['EFFECTIVE', 'REVOKED'] }),
      });
    }
    records.push(r);
  };

  for (const subject of subjects) {
    if (rnd() < 0.35) continue;
    const n = 1 + Math.floor(rnd() * rnd() * 50);
    for (let i = 0; i < n; i++) make(subject, pick(weighted), rnd() < 0.03);
  }
  // Every domain has some records, however rare it is.
  for (const d of domains) {
    for (let i = records.filter((r) => r.domainCode === d).length; i < 3; i++) make(pick(subjects), d, false);
  }

  // One submission-log row per unit and day, as if each day's rows had come in one batch with a few rejects.
  const batches = new Map<string, SubmissionEntity>();
  for (const r of records) {
    const key = `${r.sourceUnitCode}/${chinaDate(r.submittedAt)}`;
    let b = batches.get(key);
    if (!b) {
      b = Object.assign(new SubmissionEntity(), {
        id: newRecordId(r.submittedAt.getTime()),
        sourceUnitCode: r.sourceUnitCode,
        channel: 'API',
        actor: `unit:${r.sourceUnitCode}`,
        submittedAt: r.submittedAt,
        rowsSubmitted: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        excluded: 0,
        rejected: 0,
        rejectReasons: {},
      });
      batches.set(key, b);
    }
    b.rowsSubmitted++;
    b.created++;
    if (rnd() < 0.06) {
      const reason = pick(REJECT_REASONS);
      b.rowsSubmitted++;
      b.rejected++;
      b.rejectReasons[reason] = (b.rejectReasons[reason] ?? 0) + 1;
    }
  }
  for (const e of excluded) {
    const b = [...batches.values()].find((x) => x.sourceUnitCode === e.sourceUnitCode);
    if (b) {
      b.rowsSubmitted++;
      b.excluded++;
    }
  }

  await db.transaction(async (tx) => {
    await insertAll(tx, RecordEntity, records);
    await insertAll(tx, RevisionEntity, revisions);
    await insertAll(tx, ExcludedDecisionEntity, excluded);
    await insertAll(tx, SubmissionEntity, [...batches.values()]);
    // Written around the write path, so their statistics tallies are computed here, in the same transaction.
    await rebuildTalliesIn(tx);
  });
  return { records: records.length, excluded: excluded.length, submissions: batches.size };
}
