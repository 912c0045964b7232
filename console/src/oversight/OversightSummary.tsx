import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { Notice } from '../components/Status';
import {
  DashboardOverdueFeedbackDocument,
  DashboardPendingDocument,
  OversightComplaintsDocument,
} from '../graphql/generated/operations';
import { Link } from '../router/Link';
import type { Place } from '../router/router';
import type { Session } from '../session/session';
import { CalendarBanner } from './CalendarBanner';
import { periodOf, PeriodFilter } from './period';
import { useAggregates } from './useAggregates';

/** The headline figures of the period and where to go next. */
export function OversightSummary({ session, place }: { session: Session; place: Place }) {
  const lead = session.role === 'LEAD_DEPARTMENT';
  const { agg, ops, error } = useAggregates(periodOf(place), lead);
  const stats = agg?.recordStatistics;
  const work = useLeadWork(lead);
  const keep = place.search.toString() ? `?${place.search.toString()}` : '';
  return (
    <div className="page">
      <h1>{lead ? '信用主管部门监测' : '统计分析'}</h1>
      <PeriodFilter place={place} effective={stats} />
      {!lead && <Notice kind="info">统计分析角色仅可查看汇总数据，不显示任何主体信息。</Notice>}
      <CalendarBanner ops={ops} />
      {error && <Notice kind="error">{error}</Notice>}
      {stats && agg && (
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
            <strong data-testid="kpi-overdue-objections">{agg.objectionStatistics.overdue}</strong>
          </div>
          {lead && ops && (
            <div className="kpi">
              <span>预警单位</span>
              <strong>
                {ops.recordQualityWarnings.warnings.length + ops.recordQualityWarnings.silentUnits.length}
              </strong>
            </div>
          )}
          {lead && work && (
            <>
              <div className="kpi">
                <Link to="/oversight/objections">待受理异议</Link>
                <strong data-testid="kpi-pending">{work.pending}</strong>
              </div>
              <div className="kpi">
                <Link to="/oversight/complaints?status=SUBMITTED">待办投诉</Link>
                <strong>{work.complaints}</strong>
              </div>
              <div className="kpi">
                <Link to="/oversight/complaints">超期投诉</Link>
                <strong>{work.overdueComplaints}</strong>
              </div>
            </>
          )}
        </div>
      )}
      <section className="card" aria-labelledby="go-title">
        <h2 id="go-title">查看</h2>
        <ul className="links">
          <li>
            <Link to={`/oversight/statistics${keep}`}>统计图表</Link>：分领域、地区、月份的记录，报告出具与异议
          </li>
          {lead && (
            <li>
              <Link to={`/oversight/quality${keep}`}>归集质量</Link>：单位报送时效排名与预警
            </li>
          )}
          <li>
            <Link to="/oversight/assessment">季度评估</Link>：单位排名与评估表下载
          </li>
          {lead && (
            <>
              <li>
                <Link to="/oversight/objections">异议受理</Link>：待受理与逾期异议
              </li>
              <li>
                <Link to="/oversight/complaints">咨询投诉</Link>：答复、转办、办结反馈、不予受理
              </li>
            </>
          )}
        </ul>
      </section>
    </div>
  );
}

/** What waits for the lead department: objections to accept, complaints to handle (new or replied), overdue ones. */
function useLeadWork(lead: boolean) {
  const [work, setWork] = useState<{ pending: number; complaints: number; overdueComplaints: number }>();
  useEffect(() => {
    if (!lead) return;
    Promise.all([
      call(DashboardPendingDocument, {}),
      call(OversightComplaintsDocument, { status: 'SUBMITTED' }),
      call(OversightComplaintsDocument, { status: 'UNIT_REPLIED' }),
      call(DashboardOverdueFeedbackDocument, {}),
    ]).then(
      ([p, s, r, o]) =>
        setWork({
          pending: p.objections.edges.length,
          complaints: s.feedbacks.edges.length + r.feedbacks.edges.length,
          overdueComplaints: o.overdueFeedback.length,
        }),
      // The headline figures above stand without these.
      () => setWork(undefined),
    );
  }, [lead]);
  return work;
}
