import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  DashboardOutlined,
  GiftOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  ToolOutlined,
  HomeOutlined,
  ImportOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  RiseOutlined,
  CommentOutlined,
  PhoneOutlined,
  BarChartOutlined,
  LineChartOutlined,
  LikeOutlined,
  FormOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { zhCN } from '../i18n/zh-CN';
import type { PageKey } from '../auth/permissions';

type NavLabelKey = `nav.${keyof typeof zhCN.nav}`;

export interface NavLeaf {
  kind: 'page';
  page: PageKey;
  path: string;
  labelKey: NavLabelKey;
  icon: ReactNode;
}

export interface NavGroup {
  kind: 'group';
  key: string;
  labelKey: NavLabelKey;
  icon: ReactNode;
  children: NavLeaf[];
}

export type NavEntry = NavLeaf | NavGroup;

// The menu shows only pages the user may open; a group with no visible page disappears.
export const navigation: NavEntry[] = [
  { kind: 'page', page: 'home', path: '/', labelKey: 'nav.home', icon: <HomeOutlined /> },
  { kind: 'page', page: 'customers', path: '/customers', labelKey: 'nav.customers', icon: <TeamOutlined /> },
  { kind: 'page', page: 'customerManagers', path: '/customers/managers', labelKey: 'nav.customerManagers', icon: <DashboardOutlined /> },
  { kind: 'page', page: 'customerImport', path: '/customers/import', labelKey: 'nav.customerImport', icon: <ImportOutlined /> },
  {
    kind: 'group',
    key: 'workOrders',
    labelKey: 'nav.workOrderGroup',
    icon: <ToolOutlined />,
    children: [
      { kind: 'page', page: 'workOrders', path: '/work-orders', labelKey: 'nav.workOrders', icon: <ProfileOutlined /> },
      { kind: 'page', page: 'workOrderBoard', path: '/work-orders/board', labelKey: 'nav.workOrderBoard', icon: <AppstoreOutlined /> },
      { kind: 'page', page: 'compensations', path: '/work-orders/compensations', labelKey: 'nav.compensations', icon: <MoneyCollectOutlined /> },
      { kind: 'page', page: 'slaQuote', path: '/sla/quote', labelKey: 'nav.slaQuote', icon: <CalculatorOutlined /> },
    ],
  },
  {
    kind: 'group',
    key: 'rules',
    labelKey: 'nav.rules',
    icon: <RiseOutlined />,
    children: [
      { kind: 'page', page: 'ruleSets', path: '/rules/sets', labelKey: 'nav.ruleSets', icon: <ProfileOutlined /> },
      { kind: 'page', page: 'regrade', path: '/rules/regrade', labelKey: 'nav.regrade', icon: <RiseOutlined /> },
      { kind: 'page', page: 'potential', path: '/rules/potential', labelKey: 'nav.potential', icon: <TeamOutlined /> },
      { kind: 'page', page: 'pointsAdjustments', path: '/rules/points-adjustments', labelKey: 'nav.pointsAdjustments', icon: <GiftOutlined /> },
    ],
  },
  {
    kind: 'group',
    key: 'complaints',
    labelKey: 'nav.complaintGroup',
    icon: <CommentOutlined />,
    children: [
      { kind: 'page', page: 'complaints', path: '/complaints', labelKey: 'nav.complaints', icon: <CommentOutlined /> },
      { kind: 'page', page: 'revisits', path: '/revisits', labelKey: 'nav.revisits', icon: <PhoneOutlined /> },
      { kind: 'page', page: 'complaintMeasures', path: '/complaints/measures', labelKey: 'nav.complaintMeasures', icon: <BarChartOutlined /> },
      { kind: 'page', page: 'outboundQueue', path: '/revisits/outbound', labelKey: 'nav.outboundQueue', icon: <PhoneOutlined /> },
      { kind: 'page', page: 'surveySend', path: '/surveys/send', labelKey: 'nav.surveySend', icon: <FormOutlined /> },
      { kind: 'page', page: 'questionnaires', path: '/surveys/questionnaires', labelKey: 'nav.questionnaires', icon: <FormOutlined /> },
      { kind: 'page', page: 'revisitMeasures', path: '/revisits/measures', labelKey: 'nav.revisitMeasures', icon: <LineChartOutlined /> },
      { kind: 'page', page: 'surveyMeasures', path: '/surveys/measures', labelKey: 'nav.surveyMeasures', icon: <LikeOutlined /> },
      { kind: 'page', page: 'surveyResponses', path: '/surveys/responses', labelKey: 'nav.surveyResponses', icon: <FormOutlined /> },
    ],
  },
  {
    kind: 'group',
    key: 'admin',
    labelKey: 'nav.admin',
    icon: <SettingOutlined />,
    children: [
      { kind: 'page', page: 'orgUnits', path: '/admin/org-units', labelKey: 'nav.orgUnits', icon: <ApartmentOutlined /> },
      { kind: 'page', page: 'users', path: '/admin/users', labelKey: 'nav.users', icon: <UserOutlined /> },
      { kind: 'page', page: 'roles', path: '/admin/roles', labelKey: 'nav.roles', icon: <SafetyCertificateOutlined /> },
      { kind: 'page', page: 'apiTokens', path: '/admin/api-tokens', labelKey: 'nav.apiTokens', icon: <KeyOutlined /> },
      { kind: 'page', page: 'audit', path: '/admin/audit', labelKey: 'nav.audit', icon: <AuditOutlined /> },
      { kind: 'page', page: 'jobs', path: '/admin/jobs', labelKey: 'nav.jobs', icon: <ScheduleOutlined /> },
      { kind: 'page', page: 'calendar', path: '/admin/calendar', labelKey: 'nav.calendar', icon: <CalendarOutlined /> },
      { kind: 'page', page: 'tmfHubs', path: '/admin/tmf-hubs', labelKey: 'nav.tmfHubs', icon: <ApiOutlined /> },
    ],
  },
];

export function leaves(entries: readonly NavEntry[]): NavLeaf[] {
  return entries.flatMap((entry) => (entry.kind === 'group' ? entry.children : [entry]));
}

// The most specific menu entry for a path: /customers/42 selects "customers", / selects only home.
export function activeLeaf(entries: readonly NavEntry[], pathname: string): NavLeaf | undefined {
  return leaves(entries)
    .filter((leaf) => (leaf.path === '/' ? pathname === '/' : pathname === leaf.path || pathname.startsWith(`${leaf.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
