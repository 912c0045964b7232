import { useMemo } from 'react';
import { ChartWithTable } from '../components/ChartWithTable';
import { Notice } from '../components/Status';
import type { Place } from '../router/router';
import { CalendarBanner } from './CalendarBanner';
import { useNames } from './names';
import { periodOf, PeriodFilter } from './period';
import { useAggregates } from './useAggregates';

/** The lead department's view of the units' submissions: timeliness ranking and early warnings. */
export function QualityPage({ place }: { place: Place }) {
  const { agg, ops, error } = useAggregates(periodOf(place), true);
  const names = useNames(ops?.sourceUnits.map((u) => ({ code: u.code, name: u.name })));
  const ranking = useMemo(
    () =>
      [...(ops?.recordQuality ?? [])]
        .filter((q) => q.rowsSubmitted > 0)
        .sort((a, b) => (a.lagMedianDays ?? 0) - (b.lagMedianDays ?? 0) || a.rejectionRate - b.rejectionRate)
        .slice(0, 15),
    [ops],
  );
  const w = ops?.recordQualityWarnings;
  return (
    <div className="page">
      <h1>归集质量</h1>
      <PeriodFilter place={place} effective={agg?.recordStatistics} />
      <CalendarBanner ops={ops} />
      {error && <Notice kind="error">{error}</Notice>}
      {ranking.length > 0 && (
        <ChartWithTable
          testId="chart-timeliness"
          title="单位报送时效排名（中位天数，越短越好）"
          horizontal
          labels={ranking.map((q) => names(q.unitCode))}
          series={[
            { name: '中位天数', values: ranking.map((q) => q.lagMedianDays ?? 0) },
            { name: '退回率%', values: ranking.map((q) => Math.round(q.rejectionRate * 1000) / 10) },
          ]}
        />
      )}
      {w && (
        <section className="card" aria-labelledby="warnings-title">
          <h2 id="warnings-title">预警</h2>
          <p className="muted">
            报送超过 {w.lateThresholdDays} 天或退回率超过 {(w.rejectionRateThreshold * 100).toFixed(0)}%
            的单位；以及期间内未报送的单位。
          </p>
          <ul data-testid="warnings">
            {w.warnings.slice(0, 15).map((x) => (
              <li key={x.unitCode}>
                {names(x.unitCode)}：{x.late ? `报送滞后（中位 ${x.quality.lagMedianDays ?? '—'} 天）` : ''}
                {x.highRejectionRate ? ` 退回率偏高（${(x.quality.rejectionRate * 100).toFixed(1)}%）` : ''}
              </li>
            ))}
            {w.silentUnits.slice(0, 10).map((u) => (
              <li key={u.unitCode}>{u.name}：期间内未报送</li>
            ))}
          </ul>
          {w.warnings.length > 15 && <p className="muted">另有 {w.warnings.length - 15} 个单位有预警。</p>}
          {w.silentUnits.length > 10 && <p className="muted">另有 {w.silentUnits.length - 10} 个单位未报送。</p>}
        </section>
      )}
    </div>
  );
}
