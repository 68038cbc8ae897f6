import { Progress, Tag, Typography } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MatterStatus } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';

const statusColors: Record<MatterStatus, string> = {
  received: 'default',
  dispatched: 'orange',
  in_progress: 'processing',
  replied: 'cyan',
  closed: 'success',
  reviewed: 'green',
  merged: 'default',
};

/** The state of a matter as a coloured tag. */
export function StatusTag({ status }: { status: MatterStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-status={status} className="matter-status-tag">
      {t(`matters.status.${status}`)}
    </Tag>
  );
}

/** The flags the server computed for a matter: overdue, backlog, urgent, reworked, returned, chased, escalated. */
export function MatterFlags(m: {
  isOverdue: boolean;
  isBacklog: boolean;
  urgency: string;
  reopenCount: number;
  relapseCount: number;
  returnCount: number;
  contactCount: number;
  escalationStatus?: 'pending' | 'claimed' | null;
}) {
  const { t } = useTranslation();
  return (
    <span className="matter-flags">
      {m.isOverdue && (
        <Tag color="red" icon={<ExclamationCircleOutlined />} data-flag="overdue">
          {t('matters.tag.overdue')}
        </Tag>
      )}
      {m.isBacklog && (
        <Tag color="volcano" data-flag="backlog">
          {t('matters.tag.backlog')}
        </Tag>
      )}
      {m.urgency === 'urgent' && (
        <Tag color="magenta" data-flag="urgent">
          {t('matters.tag.urgent')}
        </Tag>
      )}
      {m.reopenCount > 0 && (
        <Tag color="orange" data-flag="reopened">
          {t('matters.tag.reopened', { count: m.reopenCount })}
        </Tag>
      )}
      {m.relapseCount > 0 && (
        <Tag color="orange" data-flag="relapsed">
          {t('matters.tag.relapsed', { count: m.relapseCount })}
        </Tag>
      )}
      {m.returnCount > 0 && <Tag data-flag="returned">{t('matters.tag.returned', { count: m.returnCount })}</Tag>}
      {/* The first contact is the intake itself; more mean the petitioner came back (催办). */}
      {m.contactCount > 1 && (
        <Tag color="gold" data-flag="contacts">
          {t('matters.tag.contacts', { count: m.contactCount })}
        </Tag>
      )}
      {m.escalationStatus && (
        <Tag color="purple" data-flag="escalation">
          {m.escalationStatus === 'pending' ? t('matters.tag.escalationPending') : t('matters.tag.escalationClaimed')}
        </Tag>
      )}
    </span>
  );
}

/** A deadline, red with a warning icon when the server says the matter is overdue. */
export function Deadline({ at, overdue }: { at: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  if (!at) return <Typography.Text type="secondary">{t('matters.inbox.noDeadline')}</Typography.Text>;
  return (
    <Typography.Text type={overdue ? 'danger' : undefined} className={overdue ? 'deadline deadline-overdue' : 'deadline'} data-overdue={overdue || undefined}>
      {overdue ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />} {formatDateTime(at).slice(0, 16)}
    </Typography.Text>
  );
}

/** The mean progress of a matter's measures, or a dash without measures. */
export function MatterProgress({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return <Progress percent={Math.round(value)} size="small" className="matter-progress" />;
}
