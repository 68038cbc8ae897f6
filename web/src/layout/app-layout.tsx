import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Avatar, Dropdown, Layout, Menu, Modal, Result, Spin, Tag, Tooltip } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { BrandMark } from '../components/brand-mark.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { useCalendarStatus } from '../api/queries.ts';
import { CalendarWarning } from '../pages/calendar/calendar-warning.tsx';
import { navItems, type NavItem } from './nav.tsx';
import { NotificationBell } from '../notify/notification-bell.tsx';

const { Header, Sider, Content } = Layout;

/** Menu entries the session may open, in menu order. */
export function useAllowedNav(): NavItem[] {
  const { can } = useSession();
  return navItems.filter((n) => can(n.action));
}

function RoleSummary() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session.roles.length === 0) return null;
  const [first, ...rest] = session.roles;
  const label = (r: (typeof session.roles)[number]) => `${t(`role.${r.role}`)} · ${r.unitName}`;
  return (
    <span className="header-roles" data-testid="header-roles">
      <Tag variant="filled" className="header-role-tag">
        {label(first)}
      </Tag>
      {rest.length > 0 && (
        <Tooltip title={rest.map(label).join('，')}>
          <Tag variant="filled" className="header-role-tag">
            +{rest.length}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** The application frame: red title bar, menu shaped by `session.can`, routed content. */
export function AppLayout() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session, setSession, logout, can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const allowed = useAllowedNav();
  const [collapsed, setCollapsed] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);

  const selected = useMemo(() => allowed.filter((n) => location.pathname === n.path || location.pathname.startsWith(`${n.path}/`)).map((n) => n.key), [allowed, location.pathname]);

  const userMenu = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.logout')}</span>, danger: true },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') setPwOpen(true);
      if (key === 'logout') {
        void logout().then(() => {
          // The next person to log in starts from their own home, not from this user's last screen.
          navigate('/', { replace: true });
          void message.success(t('auth.loggedOut'));
        });
      }
    },
  };

  // Those who can keep the calendar are told on every screen when it runs out; the calendar page
  // shows the warning to everyone itself. `calendar.manage` in the session means "somewhere", the
  // status's `canManage` says whether it is this calendar.
  const mayManageCalendar = can('calendar.manage');
  const calendarStatus = useCalendarStatus(mayManageCalendar);
  const onCalendarPage = location.pathname === '/calendar' || location.pathname.startsWith('/calendar/');

  return (
    <Layout className="app-shell">
      <Header className="app-header">
        <Link to="/" className="app-brand">
          <BrandMark size={30} />
          <span className="app-brand-title">{t('app.title')}</span>
        </Link>
        <div className="app-header-right">
          <RoleSummary />
          <LanguageSwitch className="header-lang" />
          <NotificationBell />
          <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
            <button type="button" className="header-user" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} className="header-avatar" />
              <span className="header-user-name">{session.account.displayName}</span>
              <DownOutlined className="header-user-caret" />
            </button>
          </Dropdown>
        </div>
      </Header>
      <Layout>
        <Sider
          width={208}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="app-sider"
          breakpoint="lg"
        >
          <Menu
            mode="inline"
            selectedKeys={selected}
            className="app-menu"
            data-testid="main-menu"
            items={allowed.map((n) => ({
              key: n.key,
              icon: n.icon,
              label: (
                <Link to={n.path} data-testid={`menu-${n.key}`}>
                  {t(`menu.${n.key}`)}
                </Link>
              ),
            }))}
          />
        </Sider>
        <Content className="app-content">
          {calendarStatus.data?.canManage && !onCalendarPage && <CalendarWarning status={calendarStatus.data} link className="layout-alert" />}
          <Suspense
            fallback={
              <div className="content-loading">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <Modal open={pwOpen} title={t('auth.changePassword')} footer={null} onCancel={() => setPwOpen(false)} destroyOnHidden>
        <ChangePasswordForm
          onCancel={() => setPwOpen(false)}
          onChanged={(s) => {
            setSession(s);
            setPwOpen(false);
            void message.success(t('auth.passwordChanged'));
          }}
        />
      </Modal>
    </Layout>
  );
}

/** Sends `/` to the first screen the session may use. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const allowed = useAllowedNav();
  if (allowed.length === 0) return <Result status="info" title={t('error.noFeatures')} />;
  return <Navigate to={allowed[0].path} replace />;
}
