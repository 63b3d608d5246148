import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { canOpen } from '../auth/permissions';
import { FullPageSpin } from '../auth/route-guards';
import { useSession } from '../auth/session';
import { ErrorBoundary } from '../components/error-boundary';
import { activeLeaf, navigation, type NavEntry } from './navigation';
import { NotificationBell } from './notification-bell';
import { UserMenu } from './user-menu';
import { useAccountLocale } from './use-switch-locale';

const collapsedKey = 'patron.siderCollapsed';

function readCollapsed(): boolean {
  try {
    return globalThis.localStorage?.getItem(collapsedKey) === '1';
  } catch {
    return false;
  }
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  useAccountLocale();

  const visible = useMemo<NavEntry[]>(
    () =>
      navigation.flatMap((entry): NavEntry[] => {
        if (entry.kind === 'page') return canOpen(user, entry.page) ? [entry] : [];
        const children = entry.children.filter((child) => canOpen(user, child.page));
        return children.length ? [{ ...entry, children }] : [];
      }),
    [user],
  );

  const items: MenuProps['items'] = visible.map((entry) =>
    entry.kind === 'page'
      ? { key: entry.path, icon: entry.icon, label: <span data-testid={`nav-${entry.page}`}>{t(entry.labelKey)}</span> }
      : {
          key: entry.key,
          icon: entry.icon,
          label: <span data-testid={`nav-group-${entry.key}`}>{t(entry.labelKey)}</span>,
          children: entry.children.map((child) => ({
            key: child.path,
            icon: child.icon,
            label: <span data-testid={`nav-${child.page}`}>{t(child.labelKey)}</span>,
          })),
        },
  );
  const selected = activeLeaf(navigation, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => visible.filter((e) => e.kind === 'group').map((e) => (e.kind === 'group' ? e.key : '')));

  const toggle = () => {
    setCollapsed((value) => {
      try {
        globalThis.localStorage?.setItem(collapsedKey, value ? '0' : '1');
      } catch {
        // Only a layout preference.
      }
      return !value;
    });
  };

  if (!user) return null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} trigger={null} width={248} breakpoint="lg" onBreakpoint={(narrow) => setCollapsed(narrow || readCollapsed())}>
        <Flex align="center" gap={10} style={{ height: 64, padding: collapsed ? '0 24px' : '0 16px', overflow: 'hidden', whiteSpace: 'nowrap' }} data-testid="app-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {collapsed ? null : (
            <Typography.Text strong ellipsis={{ tooltip: t('app.name') }} style={{ color: '#fff', fontSize: 16 }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          data-testid="app-nav"
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected.path] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', boxShadow: '0 1px 4px rgba(0,21,41,0.08)', zIndex: 1 }}>
          <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={toggle} aria-label={t('common.toggleMenu')} />
          <Flex align="center" gap={12}>
            <NotificationBell />
            <UserMenu user={user} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
