import { Button, Result } from 'antd';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/** 404 inside the app frame. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('error.notFound')}
      subTitle={t('error.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.title')}</Button>
        </Link>
      }
    />
  );
}

/** Router error element: a failed lazy chunk (e.g. after a redeploy) or a render error. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const err = useRouteError();
  if (isRouteErrorResponse(err) && err.status === 404) return <NotFoundPage />;
  const detail = err instanceof Error ? err.message : String(err);
  return (
    <Result
      status="error"
      title={t('error.pageLoad')}
      subTitle={detail}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
