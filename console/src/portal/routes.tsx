import { Portal } from '../pages/Portal';
import type { ConsoleRoute } from '../router/route';

export const PORTAL_ROUTES: ConsoleRoute[] = [
  {
    path: '/portal',
    roles: ['SUBJECT'],
    nav: '我的信用',
    title: '信用主体',
    render: ({ session }) => <Portal session={session} />,
  },
];
