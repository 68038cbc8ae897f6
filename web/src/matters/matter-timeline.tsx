import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatterEvent, MatterStatus } from '../api/types.ts';
import { matterStatuses, ratings, type Rating } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';

// Steps that set a matter back are red, closing ones green, the rest blue (not the brand red of 'blue').
const setBack = new Set(['return', 'rate_unsatisfied', 'review_relapsed', 'escalate']);
const closing = new Set(['rate_satisfied', 'close_unmeetable', 'close_unrated', 'review_ok', 'resolve_on_spot']);

const isStatus = (s: string | null): s is MatterStatus => !!s && (matterStatuses as readonly string[]).includes(s);
const isRating = (s: unknown): s is Rating => typeof s === 'string' && (ratings as readonly string[]).includes(s);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The state an event moved the matter to, if it moved it (an attachment or note has no "from"; intake does). */
function movedTo(e: MatterEvent): MatterStatus | null {
  if (!isStatus(e.toStatus)) return null;
  const moved = e.fromStatus === null ? e.action === 'create' : e.fromStatus !== e.toStatus;
  return moved ? e.toStatus : null;
}

/** What an event's data says in words: the unit dispatched to, the rating, the reply, the measure … */
function EventDetail({ e }: { e: MatterEvent }) {
  const { t } = useTranslation();
  const d = (e.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  const unit = str(d.unitName) ?? str(d.toUnitName);
  if (unit) parts.push(unit);
  if (str(d.intoCode)) parts.push(String(d.intoCode));
  if (str(d.leaderName)) parts.push(String(d.leaderName));
  if (isRating(d.rating)) {
    parts.push(t(`matters.rating.${d.rating}`));
    if (typeof d.solved === 'boolean') parts.push(d.solved ? t('matters.solved.yes') : t('matters.solved.no'));
    if (d.source === 'citizen' || d.source === 'callback') parts.push(t(`matters.ratingSource.${d.source}`));
  }
  if (str(d.content)) parts.push(String(d.content));
  if (typeof d.approve === 'boolean') parts.push(d.approve ? t('matters.extension.status.approved') : t('matters.extension.status.rejected'));
  if (str(d.requestedResolveBy)) parts.push(t('matters.extension.to', { at: formatDateTime(String(d.requestedResolveBy)).slice(0, 16) }));
  const text = str(d.text) ?? str(d.reason);
  return (
    <>
      {parts.length > 0 && <div className="event-detail">{parts.join(' · ')}</div>}
      {text && <div className="event-text">{text}</div>}
      {e.note && e.note !== text && <div className="event-text">{e.note}</div>}
    </>
  );
}

/** 办理过程: every recorded step of the matter, oldest first, with who did it and what changed. */
export function MatterTimeline({ events }: { events: MatterEvent[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('matters.detail.sectionTimeline')} className="matter-card" data-testid="matter-timeline">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matters.detail.timelineEmpty')} />
      ) : (
        <Timeline
          className="matter-timeline"
          items={events.map((e) => ({
            key: e.id,
            color: setBack.has(e.action) ? 'red' : closing.has(e.action) ? 'green' : '#1f6fd1',
            content: (
              <div className="event" data-action={e.action}>
                <div className="event-head">
                  <strong className="event-action">{t(`matters.event.${e.action}`, { defaultValue: e.action })}</strong>
                  {movedTo(e) && <Tag className="event-status">{t(`matters.status.${movedTo(e)!}`)}</Tag>}
                </div>
                <Typography.Text type="secondary" className="event-meta">
                  {formatDateTime(e.at).slice(0, 16)} · {e.actorName}
                </Typography.Text>
                <EventDetail e={e} />
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
