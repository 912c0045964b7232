import type { ConsoleRoute } from '../router/route';
import { ComplaintPage } from './ComplaintPage';
import { FollowPage } from './FollowPage';

/** Pages for anyone, signed in or not (no navigation: the landing page links them). */
export const PUBLIC_ROUTES: ConsoleRoute[] = [
  { path: '/public/complaint', roles: 'anyone', title: '咨询投诉', render: () => <ComplaintPage /> },
  { path: '/public/follow', roles: 'anyone', title: '查询办理进度', render: (ctx) => <FollowPage {...ctx} /> },
];
