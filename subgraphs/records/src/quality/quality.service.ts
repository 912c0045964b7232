import { NameMismatchEntity } from './nameMismatch.entity';
import { addDays, startOfChinaDay } from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { SourceUnitDirectory } from '../catalogue/entitiesDirectory';
import { dbTimestamp } from '../record/dates';
import { addBatchCounters, TalliedQuality, type QualitySource } from './qualitySource';
import { QualityWarning, QualityWarnings, UnitQuality } from './quality.type';

export interface QualitySettings {
  lateThresholdDays: number;
  rejectionRateWarning: number;
}

/**
 * Responsible for data-quality monitoring of source units (timeliness, conformance): figures per
 * unit and period from the submission log and the records' submission lag, and the early warning.
 */
export class QualityService {
  constructor(
    private readonly db: DataSource,
    private readonly units: SourceUnitDirectory,
    private readonly settings: QualitySettings,
    /** The maintained tallies when served; DirectQuality computes the same from the source rows. */
    private readonly source: QualitySource = new TalliedQuality(db),
  ) {}

  /** Units with activity in [from, to] (Guizhou dates), or exactly `unitCodes` when given. */
  async unitQuality(
    from: string,
    to: string,
    unitCodes?: string[],
    lateThresholdDays = this.settings.lateThresholdDays,
  ): Promise<UnitQuality[]> {
    const { batches, rejections, lags } = await this.source.read(from, to, lateThresholdDays, unitCodes);

    const byUnit = new Map<string, UnitQuality>();
    const reasons = new Map<string, Map<string, number>>();
    const unit = (code: string) => {
      if (!byUnit.has(code)) {
        byUnit.set(
          code,
          Object.assign(new UnitQuality(), {
            unitCode: code,
            from,
            to,
            batches: 0,
            rowsSubmitted: 0,
            accepted: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            excluded: 0,
            rejected: 0,
            rejectionRate: 0,
            rejectedByReason: [],
            newRecords: 0,
            lagMedianDays: null,
            lagP90Days: null,
            lateRows: 0,
            lateThresholdDays,
          }),
        );
        reasons.set(code, new Map());
      }
      return byUnit.get(code)!;
    };
    for (const code of unitCodes ?? []) unit(code);
    for (const s of batches) {
      addBatchCounters(unit(s.unitCode), s);
    }
    for (const r of rejections) {
      const counts = (unit(r.unitCode), reasons.get(r.unitCode)!);
      counts.set(r.reason, (counts.get(r.reason) ?? 0) + r.rows);
    }
    for (const { unitCode, ...figures } of lags) Object.assign(unit(unitCode), figures);
    for (const q of byUnit.values()) {
      q.accepted = q.created + q.updated + q.unchanged;
      q.rejectionRate = q.rowsSubmitted ? q.rejected / q.rowsSubmitted : 0;
      q.rejectedByReason = [...reasons.get(q.unitCode)!]
        .map(([reason, rows]) => ({ reason, rows }))
        .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
    }
    return [...byUnit.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  }

  /** Late units, units rejecting more than the threshold, and registered active units that sent nothing. */
  async warnings(
    from: string,
    to: string,
    lateThresholdDays = this.settings.lateThresholdDays,
    rejectionRate = this.settings.rejectionRateWarning,
  ): Promise<QualityWarnings> {
    const [figures, register] = await Promise.all([
      this.unitQuality(from, to, undefined, lateThresholdDays),
      this.units.sourceUnits(),
    ]);
    const warnings = figures
      .map((q) =>
        Object.assign(new QualityWarning(), {
          unitCode: q.unitCode,
          late: q.lateRows > 0,
          highRejectionRate: q.rejectionRate > rejectionRate,
          quality: q,
        }),
      )
      .filter((w) => w.late || w.highRejectionRate);
    const active = new Set(figures.filter((q) => q.rowsSubmitted > 0).map((q) => q.unitCode));
    const silentUnits = register
      .filter((u) => u.active && !active.has(u.code))
      .map((u) => ({ unitCode: u.code, name: u.name, domainCodes: u.domainCodes }));
    return Object.assign(new QualityWarnings(), {
      from,
      to,
      lateThresholdDays,
      rejectionRateThreshold: rejectionRate,
      warnings,
      silentUnits,
      nameMismatches: await this.nameMismatchCounts(from, to),
    });
  }

  private async nameMismatchCounts(from: string, to: string): Promise<{ unitCode: string; records: number }[]> {
    const rows = await this.db
      .getRepository(NameMismatchEntity)
      .createQueryBuilder('m')
      .select('m.sourceUnitCode', 'unitCode')
      .addSelect('COUNT(*)', 'records')
      .where('m.seenAt >= :start AND m.seenAt < :end', {
        start: dbTimestamp(this.db, startOfChinaDay(from)),
        end: dbTimestamp(this.db, startOfChinaDay(addDays(to, 1))),
      })
      .groupBy('m.sourceUnitCode')
      .orderBy('records', 'DESC')
      .getRawMany<{ unitCode: string; records: string | number }>();
    return rows.map((r) => ({ unitCode: r.unitCode, records: Number(r.records) }));
  }

  /** The listed records of one unit (or all units), newest first. */
  async nameMismatches(unitCode: string | null, first: number): Promise<NameMismatchEntity[]> {
    return this.db.getRepository(NameMismatchEntity).find({
      where: unitCode ? { sourceUnitCode: unitCode } : {},
      order: { seenAt: 'DESC', recordId: 'ASC' },
      take: first,
    });
  }
}
