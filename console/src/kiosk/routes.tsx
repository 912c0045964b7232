import type { ConsoleRoute } from '../router/route';
import { KioskPage } from './KioskPage';

export const KIOSK_ROUTES: ConsoleRoute[] = [
  {
    path: '/kiosk',
    roles: ['OPERATOR'],
    channel: 'SELF_SERVICE_TERMINAL',
    nav: '自助打印',
    title: '自助终端',
    render: ({ place }) => <KioskPage place={place} />,
  },
];
