import type { ConsoleRoute } from '../router/route';
import { AuthorisedReportPage } from './AuthorisedReportPage';
import { RecognitionPage } from './RecognitionPage';
import { SubscriptionsPage } from './SubscriptionsPage';
import { VerifyPage } from './VerifyPage';

export const PARTNER_ROUTES: ConsoleRoute[] = [
  { path: '/partner', roles: ['PARTNER'], nav: '报告核验', title: '报告核验', render: () => <VerifyPage /> },
  {
    path: '/partner/reports',
    roles: ['PARTNER'],
    nav: '授权报告',
    title: '授权查看报告详情',
    render: () => <AuthorisedReportPage />,
  },
  {
    path: '/partner/recognition',
    roles: ['PARTNER'],
    nav: '外省报告互认',
    title: '外省报告互认',
    render: () => <RecognitionPage />,
  },
  {
    path: '/partner/subscriptions',
    roles: ['PARTNER'],
    nav: '订阅与推送',
    title: '订阅与推送',
    render: () => <SubscriptionsPage />,
  },
];
