import { Desk } from '../pages/Desk';
import type { ConsoleRoute } from '../router/route';

export const DESK_ROUTES: ConsoleRoute[] = [
  {
    path: '/desk',
    roles: ['SOURCE_UNIT'],
    nav: '工作台',
    title: '数据来源单位',
    render: ({ session }) => <Desk session={session} />,
  },
];
