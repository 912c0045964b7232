import { useEffect, useMemo, useState } from 'react';
import { call, describeError } from '../api/client';
import { CHANNEL, isoDate, OBJECTION_STATUS, OBJECTION_TYPE, quarterOf, SCENARIO, term, yearsAgo } from '../api/terms';
import { AssessmentTable } from '../assessment/AssessmentTable';
import { ChartWithTable } from '../components/ChartWithTable';
import { Notice } from '../components/Status';
import { ComplaintsPanel } from '../complaints/ComplaintsPanel';
import {
  DashboardAcceptDocument,
  DashboardAggregatesDocument,
  DashboardAssessmentDocument,
  DashboardOversightDocument,
  DashboardPendingDocument,
  type DashboardAggregatesQuery,
  type DashboardAssessmentQuery,
  type DashboardOversightQuery,
  type DashboardPendingQuery,
} from '../graphql/generated/operations';
import type { Session } from '../session/session';

/** Oversight: aggregates for analysts and the lead department; unit-level views for the lead department only. */
export function Dashboard({ session }: { session: Session }) {
  const lead = session.role === 'LEAD_DEPARTMENT';
  const [from, setFrom] = useState(yearsAgo(5));
  const [to, setTo] = useState(isoDate());
  const [agg, setAgg] = useState<DashboardAggregatesQuery>();
  const [ops, setOps] = useState<DashboardOversightQuery>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const [assessment, setAssessment] = useState<DashboardAssessmentQuery['assessment']>();
  useEffect(() => {
    // The current quarter, whatever period the charts show: the assessment is quarterly by design.
    call(DashboardAssessmentDocument, { quarter: quarterOf() }).then(
      (r) => setAssessment(r.assessment),
      (e) => setError(describeError(e)),
    );
  }, [version]);
  useEffect(() => {
    setError(undefined);
    call(DashboardAggregatesDocument, { from, to, fromMonth: from.slice(0, 7) }).then(setAgg, (e) =>
      setError(describeError(e)),
    );
    if (lead) call(DashboardOversightDocument, { from, to }).then(setOps, (e) => setError(describeError(e)));
  }, [from, to, lead, version]);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    agg?.domains.forEach((d) => m.set(d.code, d.nameZh));
    agg?.regions.forEach((r) => m.set(r.code, r.nameZh));
    ops?.sourceUnits.forEach((u) => m.set(u.code, u.name));
    return (k: string) => m.get(k) ?? k;
  }, [agg, ops]);
  const stats = agg?.recordStatistics;
  const ranking = useMemo(
    () =>
      [...(ops?.recordQuality ?? [])]
        .filter((q) => q.rowsSubmitted > 0)
        .sort((a, b) => (a.lagMedianDays ?? 0) - (b.lagMedianDays ?? 0) || a.rejectionRate - b.rejectionRate)
        .slice(0, 15),
    [ops],
  );
  return (
    <div className="page">
      <h1>{lead ? '信用主管部门监测' : '统计分析'}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="d-from">统计起始</label>
          <input id="d-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="d-to">统计截止</label>
          <input id="d-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </form>
      {agg && (agg.recordStatistics.from !== from || agg.recordStatistics.to !== to) && (
        <p className="muted" data-testid="effective-period">
          实际统计期间：{agg.recordStatistics.from} 至 {agg.recordStatistics.to}
          （违法违规记录自 2020 年起归集，统计截止不晚于今日）
        </p>
      )}
      {!lead && <Notice kind="info">统计分析角色仅可查看汇总数据，不显示任何主体信息。</Notice>}
      {ops?.workingCalendarCoverage.short && (
        <div className="notice notice-error" role="alert" data-testid="calendar-banner">
          工作日历仅知至 {ops.workingCalendarCoverage.knownThrough ?? '—'}（剩余{' '}
          {ops.workingCalendarCoverage.daysKnownAhead} 天）：请在国务院办公厅公布下一年度节假日安排后，通过工作日历接口
          （setWorkingCalendar）录入；此后的办理期限均为暂定。
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {stats && agg && (
        <>
          <div className="kpis">
            <div className="kpi">
              <span>归集记录</span>
              <strong data-testid="kpi-records">{stats.records}</strong>
            </div>
            <div className="kpi">
              <span>已修复</span>
              <strong>{stats.repaired}</strong>
            </div>
            <div className="kpi">
              <span>出具报告</span>
              <strong data-testid="kpi-reports">{agg.reportStatistics.total}</strong>
            </div>
            <div className="kpi">
              <span>逾期异议</span>
              <strong>{agg.objectionStatistics.overdue}</strong>
            </div>
          </div>
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
            {lead && ranking.length > 0 && (
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
          </div>
          <ComplaintsPanel session={session} assessment={assessment} names={names} />
          {assessment && <AssessmentTable assessment={assessment} />}
        </>
      )}
      {lead && <Pending names={names} version={version} onChange={() => setVersion((v) => v + 1)} />}
      {lead && ops && <Oversight ops={ops} names={names} onChange={() => setVersion((v) => v + 1)} />}
    </div>
  );
}

function Oversight({
  ops,
  names,
  onChange,
}: {
  ops: DashboardOversightQuery;
  names: (k: string) => string;
  onChange: () => void;
}) {
  const [error, setError] = useState<string>();
  const w = ops.recordQualityWarnings;
  return (
    <>
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
      <section className="card" aria-labelledby="overdue-title">
        <h2 id="overdue-title">逾期异议</h2>
        {error && <Notice kind="error">{error}</Notice>}
        <div className="table-wrap">
          <table data-testid="overdue">
            <caption className="sr-only">逾期异议</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">状态</th>
                <th scope="col">承办单位</th>
                <th scope="col">期限</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {ops.overdueObjections.map((o) => (
                <tr key={o.id}>
                  <td>{o.number}</td>
                  <td>{term(OBJECTION_STATUS, o.status)}</td>
                  <td>{names(o.unitCode)}</td>
                  <td className="overdue-date">{o.dueDate}</td>
                  <td>
                    {o.status === 'SUBMITTED' && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() =>
                          call(DashboardAcceptDocument, { id: o.id }).then(onChange, (e) => setError(describeError(e)))
                        }
                      >
                        受理并转办 {o.number}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

/** Objections the lead department has to accept (受理) and forward to the unit that submitted the record. */
function Pending({
  names,
  version,
  onChange,
}: {
  names: (k: string) => string;
  version: number;
  onChange: () => void;
}) {
  const [data, setData] = useState<DashboardPendingQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(DashboardPendingDocument, {}).then(setData, (e) => setError(describeError(e)));
  }, [version]);
  const list = data?.objections.edges.map((e) => e.node) ?? [];
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">待受理异议（{list.length}）</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="table-wrap">
        <table data-testid="pending">
          <caption className="sr-only">待受理异议</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">类型</th>
              <th scope="col">承办单位</th>
              <th scope="col">受理期限</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => (
              <tr key={o.id}>
                <td>{o.number}</td>
                <td>{term(OBJECTION_TYPE, o.type)}</td>
                <td>{names(o.unitCode)}</td>
                <td className={o.overdue ? 'overdue-date' : ''}>
                  {o.acceptDueDate}
                  {o.overdue ? '（已逾期）' : ''}
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      call(DashboardAcceptDocument, { id: o.id }).then(onChange, (e) => setError(describeError(e)))
                    }
                  >
                    受理并转办 {o.number}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
