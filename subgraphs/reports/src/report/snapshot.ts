import {
  lawfulNonPunishment,
  PLAIN_REPORT_FIELDS,
  RECORD_CHANGE_ZH,
  RECORD_STATUS_ZH,
  type ReportChannel,
  type ReportScenario,
  type PlainRecordField,
  type RecordsApi,
  type ResolvedPeriod,
} from '@credit/shared';

export const SNAPSHOT_FORMAT = 'gz-credit-report/1';
// A record's labels in the signed snapshot, in the words of the term table.
export const REPAIRED_LABEL = RECORD_STATUS_ZH.REPAIRED;
export const OBJECTION_LABEL = RECORD_CHANGE_ZH.UNDER_OBJECTION;
/** The rule of the plan printed on every report (三(一)1). */
export const EFFECTIVE_DOCUMENT_STATEMENT =
  '本报告仅展示经生效法律文书确认的违法违规行为；除此之外的其他情况均视为无违法违规记录。信用主体行为已依法不予行政处罚的，不列入违法违规记录。';

// The scenario and channel enums are a contract with entities (substitution catalogue, guides).
export { CHANNEL_ZH, ReportChannel, ReportScenario, SCENARIO_ZH } from '@credit/shared';

/**
 * A record as copied into the snapshot: the source record without its domain (it sits under it), plus
 * labels. The fields only the 不予处罚 check reads stay out: the signed shape does not change.
 */
export interface SnapshotRecord extends Omit<
  SourceRecord,
  'domainCode' | 'penaltyTypes' | 'confiscatedAmount' | 'licenceAction'
> {
  /** 已修复 / 异议处理中, as printed. */
  labels: string[];
}

export interface SnapshotDomain {
  code: string;
  nameZh: string;
  outcome: 'NO_RECORD' | 'HAS_RECORDS';
  records: SnapshotRecord[];
}

export interface SnapshotSubject {
  creditCode: string;
  name: string;
  kind: string;
  regionCode: string;
  legalRepresentative: string | null;
  registrationAuthority: string | null;
  status: string;
}

/** Everything a report shows, frozen at issuance; hashed and signed in canonical form. */
export interface ReportSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  number: string;
  issuedAt: string;
  issuer: { province: string; name: string };
  scenario: ReportScenario;
  channel: ReportChannel;
  period: { from: string; to: string; coverageFrom: string; requiredByReportUser: string | null };
  subject: SnapshotSubject;
  domains: SnapshotDomain[];
  statement: string;
}

type ApiRecord = RecordsApi.SnapshotRecordsQuery['internalRecordsForSnapshot'][number];
/** The field table's plain report fields (the RecordReportFields fragment): in an entry only when the record has them. */
type ReportedPlainField = Extract<keyof ApiRecord, PlainRecordField>;
/** A record as the records subgraph's internal API returns it (unmasked, to a SERVICE caller); plain fields optional. */
export type SourceRecord = Omit<ApiRecord, ReportedPlainField> & Partial<Pick<ApiRecord, ReportedPlainField>>;

export interface SnapshotInput {
  number: string;
  issuedAt: Date;
  issuer: { province: string; name: string };
  scenario: ReportScenario;
  channel: ReportChannel;
  period: ResolvedPeriod;
  subject: SnapshotSubject;
  /** Chosen domains in catalogue order. */
  domains: { code: string; nameZh: string }[];
  records: SourceRecord[];
}

const byDecision = (a: SourceRecord, b: SourceRecord) =>
  a.decisionDate === b.decisionDate
    ? a.id < b.id
      ? -1
      : a.id > b.id
        ? 1
        : 0
    : a.decisionDate < b.decisionDate
      ? -1
      : 1;

/**
 * Whether a record records sent belongs in a signed report: a revoked record is no record, and neither
 * is a lawful non-punishment (records refuses such decisions and revokes old ones; a signed report must
 * not show one even if it slipped by). Period and domains are chosen by the query records answers.
 */
export const shownInReport = (r: SourceRecord): boolean => r.status !== 'REVOKED' && !lawfulNonPunishment(r);

/**
 * The field table's plain report fields a record has, added to its entry; an absent one adds nothing,
 * so that the signed shape of a record without it stays as it was.
 */
function withReportFields(entry: SnapshotRecord, r: SourceRecord): SnapshotRecord {
  for (const f of PLAIN_REPORT_FIELDS) {
    const v = (r as Record<string, unknown>)[f];
    if (v !== null && v !== undefined) (entry as unknown as Record<string, unknown>)[f] = v;
  }
  return entry;
}

/** Groups the records a report shows (shownInReport) under the chosen domains. */
export function buildSnapshot(input: SnapshotInput): ReportSnapshot {
  const byDomain = new Map<string, SourceRecord[]>();
  for (const r of input.records) {
    if (!shownInReport(r)) continue;
    byDomain.set(r.domainCode, [...(byDomain.get(r.domainCode) ?? []), r]);
  }
  return {
    format: SNAPSHOT_FORMAT,
    number: input.number,
    issuedAt: input.issuedAt.toISOString(),
    issuer: input.issuer,
    scenario: input.scenario,
    channel: input.channel,
    period: {
      from: input.period.from,
      to: input.period.to,
      coverageFrom: input.period.coverageFrom,
      requiredByReportUser: input.period.requiredByReportUser,
    },
    subject: input.subject,
    domains: input.domains.map((d) => {
      const records = (byDomain.get(d.code) ?? []).sort(byDecision).map((r): SnapshotRecord =>
        withReportFields(
          {
            id: r.id,
            category: r.category,
            simplifiedProcedure: r.simplifiedProcedure,
            decisionNumber: r.decisionNumber,
            decisionDate: r.decisionDate,
            decidingAuthority: r.decidingAuthority,
            facts: r.facts,
            penaltyContent: r.penaltyContent ?? null,
            fineAmount: r.fineAmount ?? null,
            status: r.status,
            repaired: r.repaired || r.status === 'REPAIRED',
            repairedAt: r.repairedAt ?? null,
            underObjection: r.underObjection,
            labels: [
              ...(r.repaired || r.status === 'REPAIRED' ? [REPAIRED_LABEL] : []),
              ...(r.underObjection ? [OBJECTION_LABEL] : []),
            ],
          },
          r,
        ),
      );
      return { code: d.code, nameZh: d.nameZh, outcome: records.length ? 'HAS_RECORDS' : 'NO_RECORD', records };
    }),
    statement: EFFECTIVE_DOCUMENT_STATEMENT,
  };
}
