import type { ConsoleRoute } from '../router/route';
import { AdminHome } from './AdminHome';
import { CalendarPage } from './CalendarPage';
import { CommitmentsPage } from './CommitmentsPage';
import { DomainsPage } from './DomainsPage';
import { GuidesPage } from './GuidesPage';
import { ReportsPage } from './ReportsPage';
import { SubstitutionPage } from './SubstitutionPage';
import { UnitsPage } from './UnitsPage';

const LEAD = ['LEAD_DEPARTMENT'];

/** The lead department's administration: registers and catalogues, each with its history. */
export const ADMIN_ROUTES: ConsoleRoute[] = [
  { path: '/admin', roles: LEAD, title: '名录与目录管理', render: () => <AdminHome /> },
  { path: '/admin/units', roles: LEAD, nav: '单位名录', title: '数据来源单位名录', render: () => <UnitsPage /> },
  { path: '/admin/domains', roles: LEAD, nav: '领域目录', title: '适用领域目录', render: () => <DomainsPage /> },
  {
    path: '/admin/substitution',
    roles: LEAD,
    nav: '替代事项',
    title: '替代事项目录',
    render: () => <SubstitutionPage />,
  },
  { path: '/admin/guides', roles: LEAD, nav: '办事指南', title: '办事指南', render: () => <GuidesPage /> },
  { path: '/admin/calendar', roles: LEAD, nav: '工作日安排', title: '工作日安排', render: () => <CalendarPage /> },
  {
    path: '/admin/commitments',
    roles: LEAD,
    nav: '信用承诺',
    title: '信用承诺',
    render: ({ place }) => <CommitmentsPage place={place} />,
  },
  {
    path: '/admin/reports',
    roles: LEAD,
    nav: '撤销报告',
    title: '撤销报告',
    render: ({ place }) => <ReportsPage place={place} />,
  },
];
