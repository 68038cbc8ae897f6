import { useEffect } from 'react';
import { createBrowserRouter, Navigate, NavLink, Outlet } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { FormOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { BrandMark } from '../components/brand-mark.tsx';
import { RouteErrorPage } from '../pages/not-found-page.tsx';
import { SubmitPage } from './submit-page.tsx';
import { ResultPage } from './result-page.tsx';
import { LookupPage } from './lookup-page.tsx';
import './citizen.css';

/** The frame of the phone pages: a title bar with two large tabs under it, then the page. */
function CitizenLayout() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    // After the language switch has set the staff title (setLanguage does so once the change has
    // settled), so this page's own title wins.
    const id = window.setTimeout(() => {
      document.title = t('citizen.appTitle');
    }, 0);
    return () => window.clearTimeout(id);
  }, [t, i18n.language]);
  return (
    <div className="citizen">
      {/* Title and the two tabs stay on top while the page scrolls. */}
      <div className="citizen-top">
        <header className="citizen-header">
          <BrandMark size={28} />
          <div className="citizen-header-text">
            <div className="citizen-header-title">{t('citizen.appTitle')}</div>
            <div className="citizen-header-sub">{t('citizen.appSubtitle')}</div>
          </div>
          <LanguageSwitch className="citizen-lang" />
        </header>
        <nav className="citizen-tabs" aria-label={t('citizen.appTitle')}>
          <NavLink to="/m/submit" className="citizen-tab" data-testid="tab-submit">
            <FormOutlined />
            <span>{t('citizen.navSubmit')}</span>
          </NavLink>
          <NavLink to="/m/lookup" className="citizen-tab" data-testid="tab-lookup">
            <SearchOutlined />
            <span>{t('citizen.navLookup')}</span>
          </NavLink>
        </nav>
      </div>
      <main className="citizen-main">
        <Outlet />
      </main>
    </div>
  );
}

const router = createBrowserRouter([
  {
    path: '/m',
    element: <CitizenLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/m/submit" replace /> },
      { path: 'submit', element: <SubmitPage /> },
      { path: 'result', element: <ResultPage /> },
      { path: 'lookup', element: <LookupPage /> },
      { path: '*', element: <Navigate to="/m/submit" replace /> },
    ],
  },
]);

/** The citizen's phone pages (/m/…): submit, result, lookup and rating. No account, no session. */
export function CitizenApp() {
  return <RouterProvider router={router} />;
}
