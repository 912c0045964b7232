import type { ConsoleRoute } from '../router/route';
import { AccessLogPage } from './AccessLogPage';
import { ComplaintsPage } from './ComplaintsPage';
import { HistoryPage } from './HistoryPage';
import { ObjectionsPage } from './ObjectionsPage';
import { ReportsPage } from './ReportsPage';
import { SummaryPage } from './SummaryPage';

const SUBJECT = ['SUBJECT'];

export const PORTAL_ROUTES: ConsoleRoute[] = [
  {
    path: '/portal',
    roles: SUBJECT,
    nav: '概览',
    title: '信用主体',
    render: ({ session }) => <SummaryPage session={session} />,
  },
  {
    path: '/portal/history',
    roles: SUBJECT,
    nav: '信用记录',
    title: '信用记录',
    render: (ctx) => <HistoryPage {...ctx} />,
  },
  {
    path: '/portal/reports',
    roles: SUBJECT,
    nav: '信用报告',
    title: '信用报告',
    render: (ctx) => <ReportsPage {...ctx} />,
  },
  {
    path: '/portal/objections',
    roles: SUBJECT,
    nav: '异议',
    title: '我的异议',
    render: (ctx) => <ObjectionsPage {...ctx} />,
  },
  { path: '/portal/complaints', roles: SUBJECT, nav: '咨询投诉', title: '咨询投诉', render: () => <ComplaintsPage /> },
  {
    path: '/portal/access-log',
    roles: SUBJECT,
    nav: '查看记录',
    title: '谁查看了我',
    render: (ctx) => <AccessLogPage {...ctx} />,
  },
];
