import type { ConsoleRoute } from '../router/route';
import { WindowPage } from './WindowPage';

export const WINDOW_ROUTES: ConsoleRoute[] = [
  {
    path: '/window',
    roles: ['OPERATOR'],
    channel: 'SERVICE_WINDOW',
    nav: '窗口办理',
    title: '政务服务窗口',
    render: ({ session }) => <WindowPage session={session} />,
  },
];
