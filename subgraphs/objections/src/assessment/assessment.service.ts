import { addDays, badUserInput, chinaDate, parseQuarter, startOfChinaDay, type Quarter } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { FEEDBACK_DEADLINES } from '../feedback/feedbackDeadlines';
import { FeedbackKind } from '../feedback/feedbackStatus';
import { ObjectionEntity } from '../objection/objection.entity';
import { isOverdue } from '../workflow/deadlines';
import { assessmentScore, rank } from './assessmentScore';
import type { AssessmentSources } from './assessmentSources';

/** Why a unit or region is flagged; the first four come from records' quality warnings. */
export enum AssessmentWarningCode {
  LATE_SUBMISSIONS = 'LATE_SUBMISSIONS',
  HIGH_REJECTION_RATE = 'HIGH_REJECTION_RATE',
  SILENT = 'SILENT',
  NAME_MISMATCHES = 'NAME_MISMATCHES',
  OBJECTIONS_OVERDUE = 'OBJECTIONS_OVERDUE',
  COMPLAINTS_OVERDUE = 'COMPLAINTS_OVERDUE',
  FREQUENT_CERTIFICATE_DEMANDS = 'FREQUENT_CERTIFICATE_DEMANDS',
}

/** 应替未替 complaints in a quarter from which a unit or region gets concentrated guidance (重点督导). */
export const FREQUENT_DEMANDS = 3;

export interface KindCount {
  key: string;
  count: number;
}

/** The figures of one unit or one region in a quarter. */
export interface AssessedFigures {
  rank: number | null;
  score: number | null;
  regionCode: string;
  rowsSubmitted: number;
  accepted: number;
  created: number;
  rejected: number;
  rejectionRate: number;
  newRecords: number;
  lateRows: number;
  /** Share of new records submitted in time; null without new records. */
  timeliness: number | null;
  /** Share of submitted rows accepted (the data standard); null without rows. */
  conformance: number | null;
  objections: number;
  objectionsDecided: number;
  objectionMedianHandlingDays: number | null;
  objectionsOverdue: number;
  complaints: KindCount[];
  certificateStillDemanded: number;
  rectified: number;
  complaintsOverdue: number;
  warnings: AssessmentWarningCode[];
}

export interface UnitFigures extends AssessedFigures {
  unitCode: string;
  name: string | null;
  lagMedianDays: number | null;
}

export interface RegionFigures extends AssessedFigures {
  units: number;
  reportsIssued: number;
}

export interface AssessmentResult {
  quarter: string;
  from: string;
  to: string;
  regionCode: string | null;
  generatedAt: string;
  lateThresholdDays: number | null;
  rejectionRateThreshold: number | null;
  units: UnitFigures[];
  regions: RegionFigures[];
  reportsIssued: number;
  reportsRevoked: number;
  reportsByScenario: KindCount[];
  reportsVerified: number;
  reportsVerifiedByScenario: KindCount[];
  complaintsByKind: KindCount[];
}

const KINDS = Object.values(FeedbackKind);
const DAY_MINUTES = 1440;
const PROVINCE = '520000';

/** A county's or a prefecture's code → its prefecture (520102 → 520100); the province stays itself. */
export const prefectureOf = (code: string | null | undefined): string | null =>
  !code ? null : code === PROVINCE ? PROVINCE : `${code.slice(0, 4)}00`;

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1];
};
const share = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;

function emptyFigures(regionCode: string): AssessedFigures {
  return {
    rank: null,
    score: null,
    regionCode,
    rowsSubmitted: 0,
    accepted: 0,
    created: 0,
    rejected: 0,
    rejectionRate: 0,
    newRecords: 0,
    lateRows: 0,
    timeliness: null,
    conformance: null,
    objections: 0,
    objectionsDecided: 0,
    objectionMedianHandlingDays: null,
    objectionsOverdue: 0,
    complaints: KINDS.map((key) => ({ key, count: 0 })),
    certificateStillDemanded: 0,
    rectified: 0,
    complaintsOverdue: 0,
    warnings: [],
  };
}

/** Handling minutes collected per unit or region until the medians are taken. */
type Minutes = Map<string, number[]>;

/**
 * The quarterly assessment (季度评估) of the lead department: per unit and per region, the records
 * submitted, their timeliness and conformance (records' quality figures), objections and their
 * handling time, consultations and complaints by kind with 应替未替, reports issued (reports'
 * statistics), a score, a rank and the warnings that apply. Aggregates only: no subject appears.
 */
export class AssessmentService {
  constructor(
    private readonly db: DataSource,
    private readonly sources: AssessmentSources,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  quarter(value: string, field = 'quarter'): Quarter {
    return parseQuarter(value, chinaDate(this.clock()), field);
  }

  async assess(quarterText: string, regionCode?: string | null, requestId?: string): Promise<AssessmentResult> {
    const q = this.quarter(quarterText);
    const region = regionCode?.trim() || null;
    if (region !== null && !/^\d{6}$/.test(region)) throw badUserInput('regionCode', 'must be a 6-digit region code');
    const today = chinaDate(this.clock());
    const [register, quality, reports, objections, complaints] = await Promise.all([
      this.sources.units(requestId),
      this.sources.quality(q.from, q.to, requestId),
      this.sources.reportCounts(q.from, q.to, requestId),
      this.objectionsOf(q),
      this.complaintsOf(q),
    ]);

    const units = new Map<string, UnitFigures>();
    const registered = new Map(register.map((u) => [u.code, u]));
    const unit = (code: string): UnitFigures => {
      let u = units.get(code);
      if (!u) {
        const r = registered.get(code);
        u = { ...emptyFigures(r?.regionCode ?? PROVINCE), unitCode: code, name: r?.name ?? null, lagMedianDays: null };
        units.set(code, u);
      }
      return u;
    };
    for (const r of register) if (r.active) unit(r.code);

    for (const qf of quality.units) {
      Object.assign(unit(qf.unitCode), {
        rowsSubmitted: qf.rowsSubmitted,
        accepted: qf.accepted,
        created: qf.created,
        rejected: qf.rejected,
        rejectionRate: qf.rejectionRate,
        newRecords: qf.newRecords,
        lateRows: qf.lateRows,
        lagMedianDays: qf.lagMedianDays ?? null,
      });
    }
    const flag = (f: AssessedFigures, w: AssessmentWarningCode) => {
      if (!f.warnings.includes(w)) f.warnings.push(w);
    };
    for (const w of quality.warnings.warnings) {
      if (w.late) flag(unit(w.unitCode), AssessmentWarningCode.LATE_SUBMISSIONS);
      if (w.highRejectionRate) flag(unit(w.unitCode), AssessmentWarningCode.HIGH_REJECTION_RATE);
    }
    const silent = new Set(quality.warnings.silentUnits.map((s) => s.unitCode));
    for (const code of silent) flag(unit(code), AssessmentWarningCode.SILENT);
    for (const m of quality.warnings.nameMismatches)
      if (m.records > 0) flag(unit(m.unitCode), AssessmentWarningCode.NAME_MISMATCHES);

    const unitMinutes: Minutes = new Map();
    for (const o of objections) {
      const u = unit(o.unitCode);
      u.objections++;
      if (o.handlingMinutes !== null) {
        u.objectionsDecided++;
        unitMinutes.set(u.unitCode, [...(unitMinutes.get(u.unitCode) ?? []), o.handlingMinutes]);
      }
      if (isOverdue(o, today)) u.objectionsOverdue++;
    }
    for (const [code, minutes] of unitMinutes) unit(code).objectionMedianHandlingDays = days(median(minutes));

    for (const c of complaints) if (c.unitCode) countComplaint(unit(c.unitCode), c, today);

    // Regions: the units registered there, plus complaints about offices there and reports of subjects there.
    const regions = new Map<string, RegionFigures>();
    const regionOf = (code: string): RegionFigures => {
      let r = regions.get(code);
      if (!r) {
        r = { ...emptyFigures(code), units: 0, reportsIssued: 0 };
        regions.set(code, r);
      }
      return r;
    };
    const regionMinutes: Minutes = new Map();
    for (const u of units.values()) {
      const r = regionOf(u.regionCode);
      r.units++;
      for (const k of ['rowsSubmitted', 'accepted', 'created', 'rejected', 'newRecords', 'lateRows'] as const)
        r[k] += u[k];
      r.objections += u.objections;
      r.objectionsDecided += u.objectionsDecided;
      r.objectionsOverdue += u.objectionsOverdue;
      regionMinutes.set(r.regionCode, [
        ...(regionMinutes.get(r.regionCode) ?? []),
        ...(unitMinutes.get(u.unitCode) ?? []),
      ]);
      for (const w of u.warnings)
        if (w !== AssessmentWarningCode.FREQUENT_CERTIFICATE_DEMANDS && w !== AssessmentWarningCode.COMPLAINTS_OVERDUE)
          flag(r, w);
    }
    for (const [code, minutes] of regionMinutes) regionOf(code).objectionMedianHandlingDays = days(median(minutes));
    for (const c of complaints) {
      const code = prefectureOf(c.regionCode ?? (c.unitCode ? registered.get(c.unitCode)?.regionCode : null));
      if (code) countComplaint(regionOf(code), c, today);
    }
    for (const b of reports.byRegion) {
      const code = prefectureOf(b.key);
      if (code) regionOf(code).reportsIssued += b.count;
    }

    const score = (f: AssessedFigures, isSilent: boolean) => {
      f.rejectionRate = f.rowsSubmitted > 0 ? Math.round((f.rejected / f.rowsSubmitted) * 1000) / 1000 : 0;
      f.timeliness = share(f.newRecords - f.lateRows, f.newRecords);
      f.conformance = share(f.accepted, f.rowsSubmitted);
      if (f.certificateStillDemanded >= FREQUENT_DEMANDS) flag(f, AssessmentWarningCode.FREQUENT_CERTIFICATE_DEMANDS);
      if (f.objectionsOverdue > 0) flag(f, AssessmentWarningCode.OBJECTIONS_OVERDUE);
      f.score = assessmentScore({
        timeliness: f.timeliness,
        conformance: f.conformance,
        silent: isSilent,
        certificateStillDemanded: f.certificateStillDemanded,
        overdue: f.objectionsOverdue + f.complaintsOverdue,
      });
    };
    for (const u of units.values()) score(u, silent.has(u.unitCode) && u.rowsSubmitted === 0);
    for (const r of regions.values()) score(r, r.units > 0 && r.rowsSubmitted === 0);

    const inRegion = (code: string) => region === null || prefectureOf(code) === prefectureOf(region);
    const allComplaints = complaints.filter(
      (c) => region === null || prefectureOf(c.regionCode) === prefectureOf(region),
    );
    return {
      quarter: q.label,
      from: q.from,
      to: q.to,
      regionCode: region,
      generatedAt: this.clock().toISOString(),
      lateThresholdDays: quality.units[0]?.lateThresholdDays ?? null,
      rejectionRateThreshold: quality.warnings.rejectionRateThreshold,
      units: rank(
        [...units.values()].filter((u) => inRegion(u.regionCode)),
        (u) => u.unitCode,
      ),
      regions: rank(
        [...regions.values()].filter((r) => inRegion(r.regionCode)),
        (r) => r.regionCode,
      ),
      reportsIssued: region === null ? reports.total : (regions.get(prefectureOf(region)!)?.reportsIssued ?? 0),
      reportsRevoked: reports.revoked,
      reportsByScenario: reports.byScenario.map((b) => ({ key: b.key, count: b.count })),
      reportsVerified: reports.verified,
      reportsVerifiedByScenario: reports.verifiedByScenario.map((b) => ({ key: b.key, count: b.count })),
      complaintsByKind: KINDS.map((key) => ({ key, count: allComplaints.filter((c) => c.kind === key).length })),
    };
  }

  /** Objections filed in the quarter (only the columns the figures need). */
  private objectionsOf(q: Quarter) {
    return this.db
      .getRepository(ObjectionEntity)
      .createQueryBuilder('o')
      .select(['o.unitCode', 'o.status', 'o.acceptDueOn', 'o.reviewDueOn', 'o.dueProvisional', 'o.handlingMinutes'])
      .where('o.filedAt >= :start AND o.filedAt < :end', inQuarter(q))
      .getMany();
  }

  /** Consultations and complaints filed in the quarter. */
  private complaintsOf(q: Quarter) {
    return this.db
      .getRepository(FeedbackEntity)
      .createQueryBuilder('f')
      .select(['f.kind', 'f.status', 'f.unitCode', 'f.regionCode', 'f.rectified', 'f.dueOn', 'f.dueProvisional'])
      .where('f.filedAt >= :start AND f.filedAt < :end', inQuarter(q))
      .getMany();
  }
}

const inQuarter = (q: Quarter) => ({ start: startOfChinaDay(q.from), end: startOfChinaDay(addDays(q.to, 1)) });
const days = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / DAY_MINUTES) * 10) / 10);

function countComplaint(
  f: AssessedFigures,
  c: Pick<FeedbackEntity, 'kind' | 'status' | 'rectified' | 'dueOn' | 'dueProvisional'>,
  today: string,
): void {
  const bucket = f.complaints.find((k) => k.key === c.kind);
  if (bucket) bucket.count++;
  if (c.kind === FeedbackKind.CERTIFICATE_STILL_DEMANDED) f.certificateStillDemanded++;
  if (c.rectified) f.rectified++;
  if (FEEDBACK_DEADLINES.isOverdue(c, today)) {
    f.complaintsOverdue++;
    if (!f.warnings.includes(AssessmentWarningCode.COMPLAINTS_OVERDUE))
      f.warnings.push(AssessmentWarningCode.COMPLAINTS_OVERDUE);
  }
}
