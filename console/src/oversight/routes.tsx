import { Dashboard } from '../pages/Dashboard';
import type { ConsoleRoute } from '../router/route';

export const OVERSIGHT_ROUTES: ConsoleRoute[] = [
  {
    path: '/oversight',
    roles: ['LEAD_DEPARTMENT', 'ANALYST'],
    nav: '监测',
    title: '监测与统计',
    render: ({ session }) => <Dashboard session={session} />,
  },
];
