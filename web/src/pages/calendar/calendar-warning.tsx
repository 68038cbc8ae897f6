import { Alert } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CalendarStatus } from '../../api/types.ts';

/**
 * The warning of GET /calendar/status while the holidays of the next 60 days are not known, in
 * the server's words; `link` adds a way to the calendar page (left out on that page itself).
 */
export function CalendarWarning({ status, link, className }: { status: CalendarStatus | undefined; link?: boolean; className?: string }) {
  const { t } = useTranslation();
  if (!status?.warning) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className={className}
      data-testid="calendar-warning"
      title={t('calendar.warningTitle')}
      description={status.warning.message}
      action={
        link ? (
          <Link to="/calendar" data-testid="calendar-warning-link">
            {t('calendar.warningLink')}
          </Link>
        ) : undefined
      }
    />
  );
}
