import type { ConsoleRoute } from '../router/route';
import { AssessmentPage } from './AssessmentPage';
import { ComplaintCase } from './complaints/ComplaintCase';
import { ComplaintsPage } from './complaints/ComplaintsPage';
import { ObjectionsPage } from './ObjectionsPage';
import { OversightSummary } from './OversightSummary';
import { QualityPage } from './QualityPage';
import { StatisticsPage } from './StatisticsPage';

// Analysts read aggregates only: no unit-level quality, no objection or complaint case.
const BOTH = ['LEAD_DEPARTMENT', 'ANALYST'];
const LEAD = ['LEAD_DEPARTMENT'];

export const OVERSIGHT_ROUTES: ConsoleRoute[] = [
  {
    path: '/oversight',
    roles: BOTH,
    nav: '监测',
    title: '监测与统计',
    render: ({ session, place }) => <OversightSummary session={session} place={place} />,
  },
  {
    path: '/oversight/statistics',
    roles: BOTH,
    nav: '统计图表',
    title: '统计图表',
    render: ({ session, place }) => <StatisticsPage session={session} place={place} />,
  },
  {
    path: '/oversight/quality',
    roles: LEAD,
    nav: '归集质量',
    title: '归集质量',
    render: ({ place }) => <QualityPage place={place} />,
  },
  {
    path: '/oversight/assessment',
    roles: BOTH,
    nav: '季度评估',
    title: '季度评估',
    render: () => <AssessmentPage />,
  },
  {
    path: '/oversight/objections',
    roles: LEAD,
    nav: '异议受理',
    title: '异议受理',
    render: () => <ObjectionsPage />,
  },
  {
    path: '/oversight/complaints',
    roles: LEAD,
    nav: '咨询投诉',
    title: '咨询投诉',
    render: ({ place }) => <ComplaintsPage place={place} />,
  },
  {
    path: '/oversight/complaints/:number',
    roles: LEAD,
    title: '咨询投诉案件',
    render: ({ params }) => <ComplaintCase key={params.number} number={params.number} />,
  },
];
