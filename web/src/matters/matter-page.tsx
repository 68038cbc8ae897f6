import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MatterDetail } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { RecordLoading, RecordUnavailable } from '../components/record-unavailable.tsx';
import { useMatter } from './matter-api.ts';
import { useCategoryNames } from './category-tree-select.tsx';
import { Deadline, MatterFlags, MatterProgress, StatusTag } from './matter-bits.tsx';
import { PetitionerCard } from './petitioner-card.tsx';
import { Open311Card } from './open311-card.tsx';
import { MatterTimeline } from './matter-timeline.tsx';
import { MeasuresCard } from './measures-card.tsx';
import { NotesCard } from './notes-card.tsx';
import { AttachmentsCard } from './attachments-card.tsx';
import { ExtensionsCard } from './extensions-card.tsx';
import { ActionsPanel } from './actions-panel.tsx';
import './matters.css';

/** 事项详情: everything recorded about one matter, and the actions the caller may take now. */
export function MatterPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useMatter(id);

  if (q.isLoading) return <RecordLoading />;
  if (q.error || !q.data) {
    // Outside the caller's scope is the same 404 as a matter that does not exist.
    return (
      <RecordUnavailable
        error={q.error}
        notFoundTitle={t('matters.detail.notFound')}
        notFoundHint={t('matters.detail.notFoundHint')}
        loadFailedTitle={t('matters.detail.loadFailed')}
        backTo="/matters"
        backLabel={t('matters.detail.back')}
        testIds={{ notFound: 'matter-not-found', failed: 'matter-load-failed' }}
      />
    );
  }
  const m = q.data;
  return (
    <div className="page matter-page" data-testid="matter-page" data-status={m.status}>
      <MatterHeader matter={m} refetch={() => void q.refetch()} refreshing={q.isRefetching} />
      <div className="matter-layout">
        <div className="matter-main">
          <MatterBody matter={m} />
          <MeasuresCard matter={m} />
          <AttachmentsCard matter={m} />
          <ExtensionsCard matter={m} />
          <NotesCard matter={m} />
        </div>
        <div className="matter-side">
          <ActionsPanel matter={m} />
          <PetitionerCard matter={m} />
          <Open311Card matter={m} />
          <MatterTimeline events={m.events} />
        </div>
      </div>
    </div>
  );
}

function MatterHeader({ matter: m, refetch, refreshing }: { matter: MatterDetail; refetch: () => void; refreshing: boolean }) {
  const { t } = useTranslation();
  const categoryNames = useCategoryNames();
  return (
    <Card className="matter-header-card">
      <div className="matter-header-top">
        <Link to="/matters" className="matter-back">
          <ArrowLeftOutlined /> {t('matters.detail.back')}
        </Link>
        <Button size="small" icon={<ReloadOutlined />} onClick={refetch} loading={refreshing}>
          {t('matters.detail.refresh')}
        </Button>
      </div>
      <div className="matter-title-row">
        <Typography.Text copyable className="matter-code mono-text" data-testid="matter-code">
          {m.code}
        </Typography.Text>
        <StatusTag status={m.status} />
        <MatterFlags {...m} escalationStatus={m.escalation?.status ?? null} />
      </div>
      <h2 className="matter-title" data-testid="matter-title">
        {m.title}
      </h2>
      {m.mergedInto && (
        <Alert
          type="info"
          showIcon
          className="matter-alert"
          title={t('matters.detail.mergedInto', { code: m.mergedInto.code })}
          action={<Link to={`/matters/${m.mergedInto.id}`}>{t('matters.detail.openMain')}</Link>}
        />
      )}
      {m.escalation && <Alert type="warning" showIcon className="matter-alert" title={t('matters.detail.escalation', { unit: m.escalation.toUnit.name })} description={m.escalation.reason ?? undefined} />}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3, xl: 4 }} className="matter-facts">
        <Descriptions.Item label={t('matters.field.kind')}>
          {t(`matters.kind.${m.kind}`)} · {t(`matters.origin.${m.origin}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('matters.field.category')}>{(m.categoryId && categoryNames.get(m.categoryId)) || t('common.empty')}</Descriptions.Item>
        <Descriptions.Item label={t('matters.field.urgency')}>{t(`matters.urgency.${m.urgency}`)}</Descriptions.Item>
        <Descriptions.Item label={t('matters.field.createdAt')}>{formatDateTime(m.createdAt).slice(0, 16)}</Descriptions.Item>
        <Descriptions.Item label={t('matters.field.intakeUnit')}>{m.intakeUnit.name}</Descriptions.Item>
        <Descriptions.Item label={t('matters.field.unit')}>
          <span data-testid="matter-unit">{m.unit?.name ?? t('common.empty')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('matters.field.coUnits')}>{m.coUnits.length ? m.coUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : t('common.empty')}</Descriptions.Item>
        <Descriptions.Item label={t('matters.field.leader')}>{m.leader?.name ?? t('common.empty')}</Descriptions.Item>
        <Descriptions.Item label={t('matters.field.respondBy')}>
          <Deadline at={m.respondBy} overdue={false} />
        </Descriptions.Item>
        <Descriptions.Item label={t('matters.field.resolveBy')}>
          <Deadline at={m.resolveBy} overdue={m.isOverdue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('matters.field.progress')}>
          <MatterProgress value={m.progress} />
        </Descriptions.Item>
        <Descriptions.Item label={t('matters.field.reviewDueOn')}>
          <span data-testid="matter-review-due">{m.reviewDueOn ?? t('common.empty')}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" className="matter-counts">
        {t('matters.detail.counts', { returns: m.returnCount, reopens: m.reopenCount, extensions: m.extensionCount, contacts: m.contactCount })}
      </Typography.Text>
    </Card>
  );
}

function MatterBody({ matter: m }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Card size="small" title={t('matters.detail.sectionBasic')} className="matter-card">
        <div className="matter-description" data-testid="matter-description">
          {m.description}
        </div>
        {(m.address || m.regionCode) && (
          <Typography.Paragraph type="secondary" className="matter-place">
            {t('matters.field.address')}：{m.address ?? ''} {m.regionCode ? <Tag className="mono-tag">{m.regionCode}</Tag> : null}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('matters.detail.sectionReply')} className="matter-card" data-testid="reply-card">
        {m.replyText ? (
          <>
            <div className="matter-reply" data-testid="matter-reply">
              {m.replyText}
            </div>
            <Typography.Text type="secondary">
              {t('matters.field.repliedAt')}：{formatDateTime(m.repliedAt).slice(0, 16)}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('matters.detail.noReply')}</Typography.Text>
        )}
        <div className="matter-rating" data-testid="matter-rating">
          <span className="matter-rating-label">{t('matters.field.rating')}：</span>
          {m.rating ? (
            <Space size={6} wrap>
              <Tag color={m.rating === 'unsatisfied' ? 'red' : 'green'}>{t(`matters.rating.${m.rating}`)}</Tag>
              {m.ratingSolved !== null && <Tag>{m.ratingSolved ? t('matters.solved.yes') : t('matters.solved.no')}</Tag>}
              {m.ratingSource && <Typography.Text type="secondary">{t(`matters.ratingSource.${m.ratingSource}`)}</Typography.Text>}
              {m.ratedAt && <Typography.Text type="secondary">{formatDateTime(m.ratedAt).slice(0, 16)}</Typography.Text>}
              {m.ratingNote && <span className="matter-rating-note">{m.ratingNote}</span>}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('matters.detail.notRated')}</Typography.Text>
          )}
        </div>
        {m.unmeetable && (
          <Alert
            type="warning"
            className="matter-alert"
            title={t('matters.detail.unmeetable')}
            description={
              <>
                <div>{m.unmeetable.reason}</div>
                {m.unmeetable.byName && <Typography.Text type="secondary">{t('matters.detail.unmeetableBy', { name: m.unmeetable.byName })}</Typography.Text>}
              </>
            }
          />
        )}
      </Card>
      {m.mergedMatters.length > 0 && (
        <Card size="small" title={t('matters.detail.mergedMatters')} className="matter-card">
          <Space direction="vertical" size={4}>
            {m.mergedMatters.map((x) => (
              <span key={x.id}>
                <Link to={`/matters/${x.id}`} className="mono-text">
                  {x.code}
                </Link>{' '}
                {x.title} <StatusTag status={x.status} />
              </span>
            ))}
          </Space>
        </Card>
      )}
      {m.classes.length > 0 && (
        <Card size="small" title={t('matters.detail.sectionClasses')} className="matter-card">
          <Space size={6} wrap>
            {m.classes.map((c) => (
              <Link key={c.id} to={`/matter-classes/${c.id}`} data-testid="matter-class-link">
                <Tag color={c.closedAt ? 'green' : 'blue'}>{c.name}</Tag>
              </Link>
            ))}
          </Space>
        </Card>
      )}
    </>
  );
}
