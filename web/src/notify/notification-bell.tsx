import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Spin, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';
import './notify.css';

/** One notification as GET /api/notifications answers it. */
export interface AppNotification {
  id: number;
  kind: string;
  kindLabel: string;
  matterId: string | null;
  title: string;
  body: string | null;
  createdAt: string;
  readAt: string | null;
}

const keys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  latest: (lang: string) => ['notifications', 'latest', lang] as const,
};

/** How often the count is asked again while the page is open. */
const POLL_MS = 30_000;
const LATEST = 10;

// Kinds that call for action now are red; the rest are news.
const urgentKinds = new Set(['overdue', 'reopened', 'relapsed', 'returned']);

function NotificationList({ onOpenMatter }: { onOpenMatter: (n: AppNotification) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // The kind labels are worded by the server in the request's language.
  const latest = useQuery({ queryKey: keys.latest(i18n.language), queryFn: () => api.get<{ items: AppNotification[] }>('/notifications', { limit: LATEST }).then((r) => r.items) });
  const readAll = useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
  const items = latest.data ?? [];
  return (
    <div className="notify-panel" data-testid="notification-panel">
      <div className="notify-panel-head">
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Button type="link" size="small" onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={!items.some((n) => !n.readAt)} data-testid="notification-read-all">
          {t('notify.readAll')}
        </Button>
      </div>
      {latest.isLoading ? (
        <div className="notify-panel-empty">
          <Spin />
        </div>
      ) : latest.isError ? (
        <Typography.Text type="danger" className="notify-panel-empty">
          {t('notify.loadFailed')}
        </Typography.Text>
      ) : items.length === 0 ? (
        <Empty className="notify-panel-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <ul className="notify-list">
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className={`notify-item${n.readAt ? '' : ' notify-item-unread'}`} onClick={() => onOpenMatter(n)} data-testid="notification-item">
                <span className="notify-item-line">
                  <Tag color={urgentKinds.has(n.kind) ? 'red' : 'blue'} variant="filled">
                    {n.kindLabel}
                  </Tag>
                  <span className="notify-item-title">{n.title}</span>
                  {!n.readAt && <Badge status="error" title={t('notify.unread')} />}
                </span>
                {n.body && <span className="notify-item-body">{n.body}</span>}
                <span className="notify-item-time">{formatDateTime(n.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The bell in the header: the number of unread notifications (asked every 30 s), and on click the
 * latest ten; choosing one marks it read and opens its matter.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: keys.unread,
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count').then((r) => r.count),
    refetchInterval: POLL_MS,
  });
  const markRead = useMutation({
    mutationFn: (id: number) => api.post<AppNotification>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
  const openMatter = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.matterId) navigate(`/matters/${n.matterId}`);
  };
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        // Opening shows what is new now, not what was loaded at the last opening.
        if (o) void queryClient.invalidateQueries({ queryKey: keys.all });
      }}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      content={<NotificationList onOpenMatter={openMatter} />}
      destroyOnHidden
    >
      <button type="button" className="header-bell" aria-label={t('notify.bell')} data-testid="notification-bell">
        <Badge count={unread.data ?? 0} overflowCount={99} size="small" data-testid="notification-count">
          <BellOutlined className="header-bell-icon" />
        </Badge>
      </button>
    </Popover>
  );
}
