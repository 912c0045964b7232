import { CHANNEL, OBJECTION_STATUS, SCENARIO, term } from '../api/terms';
import { ChartWithTable } from '../components/ChartWithTable';
import { Notice } from '../components/Status';
import type { Place } from '../router/router';
import type { Session } from '../session/session';
import { useNames } from './names';
import { periodOf, PeriodFilter } from './period';
import { useAggregates } from './useAggregates';

/** The period's figures as charts with their tables: aggregates only, for analysts and the lead department. */
export function StatisticsPage({ session, place }: { session: Session; place: Place }) {
  const lead = session.role === 'LEAD_DEPARTMENT';
  const { agg, ops, error } = useAggregates(periodOf(place), lead);
  const names = useNames(
    agg?.domains,
    agg?.regions,
    ops?.sourceUnits.map((u) => ({ code: u.code, name: u.name })),
  );
  const stats = agg?.recordStatistics;
  return (
    <div className="page">
      <h1>统计图表</h1>
      <PeriodFilter place={place} effective={stats} />
      {error && <Notice kind="error">{error}</Notice>}
      {stats && agg && (
        <div className="grid">
          <ChartWithTable
            testId="chart-domain"
            title="分领域记录数"
            horizontal
            labels={stats.byDomain.map((b) => names(b.key))}
            series={[
              { name: '记录', values: stats.byDomain.map((b) => b.records) },
              { name: '已修复', values: stats.byDomain.map((b) => b.repaired) },
            ]}
          />
          <ChartWithTable
            title="分地区记录数"
            labels={stats.byRegion.map((b) => names(b.key))}
            series={[{ name: '记录', values: stats.byRegion.map((b) => b.records) }]}
          />
          <ChartWithTable
            title="分月记录数"
            kind="line"
            labels={stats.byMonth.map((b) => b.key)}
            series={[{ name: '记录', values: stats.byMonth.map((b) => b.records) }]}
          />
          <ChartWithTable
            title="报告出具：按使用场景"
            labels={agg.reportStatistics.byScenario.map((b) => term(SCENARIO, b.key))}
            series={[{ name: '报告', values: agg.reportStatistics.byScenario.map((b) => b.count) }]}
          />
          <ChartWithTable
            title="报告出具：按渠道"
            labels={agg.reportStatistics.byChannel.map((b) => term(CHANNEL, b.key))}
            series={[{ name: '报告', values: agg.reportStatistics.byChannel.map((b) => b.count) }]}
          />
          <ChartWithTable
            title="异议：按状态"
            labels={agg.objectionStatistics.byStatus.map((b) => term(OBJECTION_STATUS, b.key))}
            series={[{ name: '异议', values: agg.objectionStatistics.byStatus.map((b) => b.count) }]}
          />
          <ChartWithTable
            title="逾期异议：按单位"
            horizontal
            labels={agg.objectionStatistics.overdueByUnit.map((b) => names(b.key))}
            series={[{ name: '逾期', values: agg.objectionStatistics.overdueByUnit.map((b) => b.count) }]}
          />
        </div>
      )}
    </div>
  );
}
