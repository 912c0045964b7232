import type { ConsoleRoute } from '../router/route';
import { ComplaintsPage } from './ComplaintsPage';
import { DeskSummary } from './DeskSummary';
import { ImportsPage } from './ImportsPage';
import { ObjectionCase } from './ObjectionCase';
import { ObjectionsPage } from './ObjectionsPage';
import { UploadPage } from './UploadPage';

const UNIT = ['SOURCE_UNIT'];

export const DESK_ROUTES: ConsoleRoute[] = [
  {
    path: '/desk',
    roles: UNIT,
    nav: '工作台',
    title: '数据来源单位',
    render: ({ session }) => <DeskSummary session={session} />,
  },
  {
    path: '/desk/objections',
    roles: UNIT,
    nav: '异议办理',
    title: '异议办理',
    render: ({ place }) => <ObjectionsPage place={place} />,
  },
  {
    path: '/desk/objections/:number',
    roles: UNIT,
    title: '异议',
    render: ({ params }) => <ObjectionCase key={params.number} number={params.number} />,
  },
  {
    path: '/desk/complaints',
    roles: UNIT,
    nav: '转办投诉',
    title: '转办投诉',
    render: () => <ComplaintsPage />,
  },
  {
    path: '/desk/upload',
    roles: UNIT,
    nav: '上传文件',
    title: '上传双公示文件',
    render: ({ session }) => <UploadPage session={session} />,
  },
  {
    path: '/desk/imports',
    roles: UNIT,
    nav: '导入记录',
    title: '导入记录',
    render: ({ session }) => <ImportsPage session={session} />,
  },
];
