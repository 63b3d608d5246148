import { CheckOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/types';
import { useLogout } from '../auth/session';
import { supportedLocales } from '../i18n/locale';
import { useLabels } from '../lib/use-labels';
import { useSwitchLocale } from './use-switch-locale';

export function UserMenu({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const logout = useLogout();
  const switchLocale = useSwitchLocale();
  const roleNames = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(user.roles.map(labels.role));

  const items: MenuProps['items'] = [
    {
      key: 'profile',
      disabled: true,
      style: { cursor: 'default' },
      label: (
        <div data-testid="user-menu-profile" style={{ maxWidth: 280, whiteSpace: 'normal', color: 'rgba(0,0,0,0.88)' }}>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {user.username}
          </Typography.Text>
          <Flex gap={8} style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{t('userMenu.roles')}</Typography.Text>
            <span data-testid="user-menu-roles">{roleNames}</span>
          </Flex>
          <Flex gap={8}>
            <Typography.Text type="secondary">{t('userMenu.orgUnit')}</Typography.Text>
            <span>{user.orgUnitName}</span>
          </Flex>
        </div>
      ),
    },
    { type: 'divider' },
    {
      // A flat group rather than a submenu: one click to switch, and the current choice is visible.
      type: 'group',
      key: 'language',
      label: (
        <span>
          <GlobalOutlined /> {t('userMenu.language')}
        </span>
      ),
      children: supportedLocales.map((locale) => ({
        key: `lang:${locale}`,
        label: (
          <Flex justify="space-between" gap={16} data-testid={`lang-${locale}`}>
            <span>{t(`lang.${locale}`)}</span>
            {i18n.language === locale ? <CheckOutlined /> : null}
          </Flex>
        ),
      })),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('userMenu.logout')}</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') {
      void logout();
      return;
    }
    const locale = supportedLocales.find((l) => key === `lang:${l}`);
    if (locale) void switchLocale(locale);
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Flex align="center" gap={8} style={{ cursor: 'pointer', height: 64 }} data-testid="user-menu" role="button" tabIndex={0}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
        <span data-testid="user-display-name">{user.displayName}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {user.orgUnitName}
        </Typography.Text>
      </Flex>
    </Dropdown>
  );
}
