import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Space, Spin, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FireOutlined, InfoCircleOutlined, MinusOutlined, PartitionOutlined, ReloadOutlined, RocketOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { MatterDetail } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';
import { useReportError } from '../lib/use-report-error.ts';
import { formatDateTime } from '../lib/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { matterKeys } from '../matters/matter-api.ts';
import { classKeys, createMatterClass } from '../matters/class-api.ts';
import { textKeys, useHotTopics, useSuggestionStats, useTextModels, type HotTopic, type HotTopicsResult } from './text-api.ts';
import './text.css';

const DAY = 'YYYY-MM-DD';
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/**
 * 热点问题（每月一题）: clusters of matters about the same thing in a unit subtree and period,
 * hottest first, each with its label, figures, representative matters and two one-click
 * actions — a named class of its members (一类问题) or a proactive matter (未诉先办). The header
 * shows the acceptance rate of intake suggestions and the models' status.
 */
export function HotTopicsPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const [top, setTop] = useState(10);
  const q = useHotTopics({ unitId, from: range[0].format(DAY), to: range[1].format(DAY), top });

  return (
    <div className="page">
      <PageHeader title={t('text.hot.title')}>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('text.hot.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <div className="hot-stats">
        <AcceptanceCard />
        <ModelsCard />
      </div>
      <Card className="filter-card">
        <div className="hot-filter">
          <span>{t('text.hot.unit')}</span>
          <UnitTreeSelect value={unitId} onChange={setUnitId} allowClear placeholder={t('text.hot.unitAll')} style={{ width: 240 }} data-testid="hot-unit" />
          <span>{t('text.hot.period')}</span>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <span>{t('text.hot.top')}</span>
          <Select value={top} onChange={setTop} style={{ width: 80 }} options={[5, 10, 20, 50].map((n) => ({ value: n, label: n }))} />
          {q.data && (
            <Typography.Text type="secondary" data-testid="hot-count">
              {t('text.hot.matterCount', { count: q.data.matterCount })}
              {q.data.capped ? ` · ${t('text.hot.capped', { cap: q.data.cap })}` : ''}
            </Typography.Text>
          )}
        </div>
      </Card>
      {q.isLoading ? (
        <Card>
          <Spin />
        </Card>
      ) : q.error ? (
        <Card>
          <Typography.Text type="danger">{q.error.message}</Typography.Text>
        </Card>
      ) : !q.data?.topics.length ? (
        <Card>
          <Empty description={t('text.hot.empty')} />
        </Card>
      ) : (
        <div data-testid="hot-topics">
          {q.data.topics.map((topic, i) => (
            <TopicCard key={topic.memberIds[0]} rank={i + 1} topic={topic} result={q.data!} />
          ))}
        </div>
      )}
    </div>
  );
}

/** One topic: label, figures, representative matters, and the two actions. */
function TopicCard({ rank, topic, result }: { rank: number; topic: HotTopic; result: HotTopicsResult }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const report = useReportError();
  const [classOpen, setClassOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const trend = topic.growth > 0.05 ? 'rising' : topic.growth < -0.05 ? 'falling' : 'flat';
  const trendIcon = trend === 'rising' ? <ArrowUpOutlined /> : trend === 'falling' ? <ArrowDownOutlined /> : <MinusOutlined />;

  const proactive = async () => {
    setBusy(true);
    try {
      const m = await api.post<MatterDetail>('/matters', {
        kind: 'problem',
        origin: 'public_opinion',
        urgency: 'normal',
        title: t('text.hot.proactiveTitle', { label: topic.label }).slice(0, 200),
        description: t('text.hot.proactiveDescription', {
          from: result.from,
          to: result.to,
          label: topic.label,
          size: topic.size,
          petitioners: topic.petitioners,
          codes: topic.representatives.map((r) => r.code).join('、'),
        }),
      });
      void message.success(t('text.hot.proactiveDone', { code: m.code }));
      navigate(`/matters/${m.id}`);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="hot-topic" data-testid="hot-topic">
      <div className="hot-topic-head">
        <span className="hot-topic-rank">{rank}</span>
        <span className="hot-topic-label" data-testid="hot-topic-label">
          {topic.label}
        </span>
        {topic.keywords.slice(0, 5).map((k) => (
          <Tag key={k}>{k}</Tag>
        ))}
      </div>
      <div className="hot-topic-figures">
        <Statistic title={t('text.hot.heat')} value={topic.heat} precision={1} prefix={<FireOutlined />} />
        <Statistic title={t('text.hot.sizeLabel')} value={topic.size} />
        <Statistic title={t('text.hot.petitionersLabel')} value={topic.petitioners} />
        <Statistic title={t('text.hot.growth')} value={Math.round(topic.growth * 100)} suffix="%" prefix={trendIcon} valueStyle={{ color: trend === 'rising' ? '#c8161d' : undefined }} />
        {topic.firstAt && topic.lastAt && (
          <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>
            {t('text.hot.span', { from: formatDateTime(topic.firstAt).slice(0, 10), to: formatDateTime(topic.lastAt).slice(0, 10) })}
          </Typography.Text>
        )}
      </div>
      <Typography.Text strong>{t('text.hot.representatives')}</Typography.Text>
      <ul className="hot-topic-reps">
        {topic.representatives.map((r) => (
          <li key={r.id}>
            <Link to={`/matters/${r.id}`} className="mono-text">
              {r.code}
            </Link>{' '}
            {r.title}
          </li>
        ))}
      </ul>
      <Space style={{ marginTop: 8 }} wrap>
        <Button icon={<PartitionOutlined />} onClick={() => setClassOpen(true)} data-testid="hot-make-class">
          {t('text.hot.makeClass')}
        </Button>
        {can('matter.intake') || can('matter.lead') ? (
          <Popconfirm title={t('text.hot.proactiveTitle', { label: topic.label })} onConfirm={proactive}>
            <Button icon={<RocketOutlined />} loading={busy} data-testid="hot-proactive">
              {t('text.hot.proactive')}
            </Button>
          </Popconfirm>
        ) : (
          <Tooltip title={t('text.hot.proactiveNoRight')}>
            <Button icon={<RocketOutlined />} disabled data-testid="hot-proactive">
              {t('text.hot.proactive')}
            </Button>
          </Tooltip>
        )}
        <Typography.Text type="secondary">{t('text.hot.members', { count: topic.memberIds.length })}</Typography.Text>
      </Space>
      {classOpen && <MakeClassModal topic={topic} onClose={() => setClassOpen(false)} />}
    </Card>
  );
}

/** Names the class, creates it (POST /matter-classes), links the topic's members one by one and opens it. */
function MakeClassModal({ topic, onClose }: { topic: HotTopic; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { name: string; description?: string }) => {
    setBusy(true);
    try {
      const klass = await createMatterClass(v);
      let added = 0;
      let failed = 0;
      for (const matterId of topic.memberIds) {
        try {
          await api.post(`/matter-classes/${klass.id}/members`, { matterId });
          added++;
        } catch {
          // A member outside the leader's scope or already closed is left out; the count says so.
          failed++;
        }
      }
      void message.success(failed ? t('text.hot.classPartial', { name: klass.name, count: added, failed }) : t('text.hot.classDone', { name: klass.name, count: added }));
      await Promise.all([qc.invalidateQueries({ queryKey: matterKeys.matters }), qc.invalidateQueries({ queryKey: classKeys.classes })]);
      onClose();
      // The class is where its members are seen together and closed with one fix.
      navigate(`/matter-classes/${klass.id}`);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('text.hot.makeClass')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: topic.label.slice(0, 200), description: topic.representatives.map((r) => `${r.code} ${r.title}`).join('\n') }} className="modal-form">
        <Form.Item name="name" label={t('text.hot.className')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('text.hot.className') }) }]}>
          <Input maxLength={200} data-testid="class-name" />
        </Form.Item>
        <Form.Item name="description" label={t('text.hot.classDescription')}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The acceptance rate of intake suggestions over the last 30 days, with its definition. */
function AcceptanceCard() {
  const { t } = useTranslation();
  const q = useSuggestionStats({});
  return (
    <Card
      size="small"
      data-testid="acceptance-card"
      title={
        <span>
          {t('text.hot.stats.title')}{' '}
          {q.data && (
            <Tooltip title={q.data.definition}>
              <InfoCircleOutlined />
            </Tooltip>
          )}
        </span>
      }
    >
      {q.isLoading ? (
        <Spin size="small" />
      ) : (
        <Space size={32} wrap>
          {(q.data?.kinds ?? []).map((k) => (
            <div key={k.kind}>
              <Typography.Text strong>{t(`text.hot.stats.${k.kind}`)}</Typography.Text>
              <div>
                {k.decided ? (
                  <Space size={16}>
                    <Statistic title={t('text.hot.stats.top1')} value={percent(k.top1Rate)} />
                    <Statistic title={t('text.hot.stats.top3')} value={percent(k.top3Rate)} />
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('text.hot.stats.none')}</Typography.Text>
                )}
              </div>
              {k.decided > 0 && <Typography.Text type="secondary">{t('text.hot.stats.decided', { count: k.decided })}</Typography.Text>}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** The models in use, and for administrators a button to retrain now. */
function ModelsCard() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const qc = useQueryClient();
  const q = useTextModels();
  const [busy, setBusy] = useState(false);
  const retrain = async () => {
    setBusy(true);
    try {
      await api.post('/text/models/retrain');
      void message.success(t('text.hot.models.queued'));
      await qc.invalidateQueries({ queryKey: textKeys.models });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  const data = q.data;
  return (
    <Card
      size="small"
      data-testid="models-card"
      title={t('text.hot.models.title')}
      extra={
        can('settings.manage') && (
          <Button size="small" icon={<ReloadOutlined />} loading={busy} disabled={data?.retrainPending} onClick={retrain} data-testid="models-retrain">
            {data?.retrainPending ? t('text.hot.models.pending') : t('text.hot.models.retrain')}
          </Button>
        )
      }
    >
      {q.isLoading ? (
        <Spin size="small" />
      ) : !data?.models.length ? (
        <Typography.Text type="secondary">{t('text.hot.models.none', { matters: data?.minimum.matters ?? 30, labels: data?.minimum.labels ?? 2 })}</Typography.Text>
      ) : (
        data.models.map((m) => (
          <div key={m.id}>
            {t('text.hot.models.trained', {
              kind: t(`text.hot.stats.${m.kind}`),
              date: formatDateTime(m.createdAt).slice(0, 16),
              count: m.trainedOn,
              labels: m.metrics?.labelCount ?? '—',
              accuracy: percent(m.metrics?.holdoutAccuracy ?? null),
            })}
          </div>
        ))
      )}
    </Card>
  );
}
