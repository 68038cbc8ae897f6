import { lazy, Suspense, useMemo } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/zh-cn';
import { ApiError } from './api/client.ts';
import { SessionGate } from './session/session-context.tsx';
import { AppLayout, HomeRedirect } from './layout/app-layout.tsx';
import { RequireAction } from './components/require-action.tsx';
import { NotFoundPage, RouteErrorPage } from './pages/not-found-page.tsx';

// Each screen is its own chunk: the login page loads without the tables and forms behind it.
const OrgPage = lazy(() => import('./pages/org/org-page.tsx').then((m) => ({ default: m.OrgPage })));
const PeoplePage = lazy(() => import('./pages/people/people-page.tsx').then((m) => ({ default: m.PeoplePage })));
const AccountsPage = lazy(() => import('./pages/accounts/accounts-page.tsx').then((m) => ({ default: m.AccountsPage })));
const GroupsPage = lazy(() => import('./pages/groups/groups-page.tsx').then((m) => ({ default: m.GroupsPage })));
const CalendarPage = lazy(() => import('./pages/calendar/calendar-page.tsx').then((m) => ({ default: m.CalendarPage })));
const AuditPage = lazy(() => import('./pages/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const InboxPage = lazy(() => import('./matters/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const IntakePage = lazy(() => import('./matters/intake-page.tsx').then((m) => ({ default: m.IntakePage })));
const MatterPage = lazy(() => import('./matters/matter-page.tsx').then((m) => ({ default: m.MatterPage })));
const CategoriesPage = lazy(() => import('./catalogue/categories-page.tsx').then((m) => ({ default: m.CategoriesPage })));
const DispatchRulesPage = lazy(() => import('./catalogue/dispatch-rules-page.tsx').then((m) => ({ default: m.DispatchRulesPage })));
const ReplyTemplatesPage = lazy(() => import('./catalogue/reply-templates-page.tsx').then((m) => ({ default: m.ReplyTemplatesPage })));
const SettingsPage = lazy(() => import('./catalogue/settings-page.tsx').then((m) => ({ default: m.SettingsPage })));
const MatterClassesPage = lazy(() => import('./matters/matter-classes-page.tsx').then((m) => ({ default: m.MatterClassesPage })));
const MatterClassPage = lazy(() => import('./matters/matter-class-page.tsx').then((m) => ({ default: m.MatterClassPage })));
const HotTopicsPage = lazy(() => import('./text/hot-topics-page.tsx').then((m) => ({ default: m.HotTopicsPage })));

// The citizen's phone pages (/m/…) need no account: they bypass the session gate and load as a
// chunk of their own (the staff screens are never fetched on a phone).
const CitizenApp = lazy(() => import('./citizen/citizen-app.tsx').then((m) => ({ default: m.CitizenApp })));
/** True on the citizen's pages. */
const isCitizenPage = () => /^\/m(\/|$)/.test(window.location.pathname);

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        errorElement: <RouteErrorPage />,
        children: [
          { path: 'org/:unitId?', element: <RequireAction action="unit.read"><OrgPage /></RequireAction> },
          { path: 'people', element: <RequireAction action="person.read"><PeoplePage /></RequireAction> },
          { path: 'accounts', element: <RequireAction action="account.read"><AccountsPage /></RequireAction> },
          { path: 'groups', element: <RequireAction action="group.read"><GroupsPage /></RequireAction> },
          { path: 'calendar', element: <RequireAction action="unit.read"><CalendarPage /></RequireAction> },
          { path: 'audit', element: <RequireAction action="audit.read"><AuditPage /></RequireAction> },
          { path: 'matters', element: <RequireAction action="matter.read"><InboxPage /></RequireAction> },
          { path: 'matters/:id', element: <RequireAction action="matter.read"><MatterPage /></RequireAction> },
          { path: 'intake', element: <RequireAction action="matter.intake"><IntakePage /></RequireAction> },
          { path: 'categories', element: <RequireAction action="category.manage"><CategoriesPage /></RequireAction> },
          { path: 'dispatch-rules', element: <RequireAction action="category.manage"><DispatchRulesPage /></RequireAction> },
          { path: 'reply-templates', element: <RequireAction action="category.manage"><ReplyTemplatesPage /></RequireAction> },
          { path: 'settings', element: <RequireAction action="settings.manage"><SettingsPage /></RequireAction> },
          { path: 'matter-classes', element: <RequireAction action="matter.read"><MatterClassesPage /></RequireAction> },
          { path: 'matter-classes/:id', element: <RequireAction action="matter.read"><MatterClassPage /></RequireAction> },
          { path: 'hot-topics', element: <RequireAction action="matter.lead"><HotTopicsPage /></RequireAction> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; only transient failures are retried.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const fieldFocus = { activeBorderColor: '#5b6b82', hoverBorderColor: '#8a97a8', activeShadow: '0 0 0 2px rgba(91, 107, 130, 0.15)', activeOutlineColor: 'rgba(91, 107, 130, 0.15)' };

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#b3141b',
    colorInfo: '#1f6fd1',
    borderRadius: 4,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#b3141b', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f3f4f6' },
    Menu: { itemSelectedBg: '#fdecec', itemSelectedColor: '#b3141b' },
    // With a red brand colour a focused field would look like a field in error; focus is slate instead.
    Input: fieldFocus,
    InputNumber: fieldFocus,
    Select: fieldFocus,
    DatePicker: fieldFocus,
  },
};

/** Root component: data cache, antd locale/theme following the UI language, session gate, routes. */
export function Root() {
  const { i18n } = useTranslation();
  const locale = useMemo(() => (i18n.language === 'en-US' ? enUSLocale : zhCNLocale), [i18n.language]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale} theme={theme}>
        <AntApp>
          {isCitizenPage() ? (
            <Suspense fallback={<div className="full-page-center"><Spin size="large" /></div>}>
              <CitizenApp />
            </Suspense>
          ) : (
            <SessionGate>
              <RouterProvider router={router} />
            </SessionGate>
          )}
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
