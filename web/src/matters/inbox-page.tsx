import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Empty, Form, Input, Select, Table, Tabs, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { matterOrigins, matterQueues, matterStatuses, type MatterListItem, type MatterOrigin, type MatterQueue, type MatterStatus } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';
import { useKeysetList } from '../lib/use-keyset-list.ts';
import { formatDateTime } from '../lib/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { CategoryTreeSelect, useCategoryNames } from './category-tree-select.tsx';
import { matterKeys } from './matter-api.ts';
import { Deadline, MatterFlags, MatterProgress, StatusTag } from './matter-bits.tsx';
import './matters.css';

type Tab = MatterQueue | 'all';

interface Filters {
  status?: MatterStatus;
  categoryId?: string;
  origin?: MatterOrigin;
  unitId?: string;
  overdue?: 'true' | 'false';
  q?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Applied {
  status?: MatterStatus;
  categoryId?: string;
  origin?: MatterOrigin;
  unitId?: string;
  overdue?: 'true' | 'false';
  q?: string;
  createdFrom?: string;
  createdTo?: string;
}

function toApplied(f: Filters): Applied {
  const [from, to] = f.range ?? [null, null];
  return {
    status: f.status,
    categoryId: f.categoryId,
    origin: f.origin,
    unitId: f.unitId,
    overdue: f.overdue,
    q: f.q?.trim() || undefined,
    // Calendar days as the server counts them (China dates).
    createdFrom: from ? from.format('YYYY-MM-DD') : undefined,
    createdTo: to ? to.format('YYYY-MM-DD') : undefined,
  };
}

/** The queues a session is offered: intake only for those who take in, the leader's own only for leaders. */
function useTabs(): Tab[] {
  const { can } = useSession();
  return useMemo(
    () =>
      (['all', ...matterQueues] as Tab[]).filter((q) => {
        if (q === 'intake') return can('matter.intake');
        if (q === 'mine_leader') return can('matter.lead');
        return true;
      }),
    [can],
  );
}

/**
 * 事项办理: the inbox. One tab per named queue of the server (受理队列, 待签收, 办理中, 即将到期,
 * 已超期, 我包案的, 回头看到期, 上级认领, 积案) plus every matter in scope, with filters and "load more"
 * over the keyset pages. Rows carry no personal data; flags and progress come from the server.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const tabs = useTabs();
  const [params, setParams] = useSearchParams();
  const fallback: Tab = can('matter.intake') ? 'intake' : 'to_accept';
  const asked = params.get('queue') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : fallback;
  const [form] = Form.useForm<Filters>();
  const [applied, setApplied] = useState<Applied>({});
  const categoryNames = useCategoryNames();

  const list = useKeysetList<MatterListItem>(matterKeys.matters, '/matters', { queue: tab === 'all' ? undefined : tab, ...applied });

  const setTab = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('queue', next);
    setParams(p, { replace: true });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('matters.inbox.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
              {t('matters.inbox.refresh')}
            </Button>
            {can('matter.intake') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/intake')} data-testid="matter-new">
                {t('matters.inbox.newMatter')}
              </Button>
            )}
          </>
        }
      />
      <Card className="filter-card inbox-filter-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          className="inbox-tabs"
          data-testid="inbox-tabs"
          items={tabs.map((q) => ({ key: q, label: <span data-testid={`queue-${q}`}>{t(`matters.queue.${q}`)}</span> }))}
        />
        <Typography.Paragraph type="secondary" className="inbox-queue-hint" data-testid="queue-hint">
          {t(`matters.queueHint.${tab}`)}
        </Typography.Paragraph>
        <Form<Filters> form={form} layout="inline" onFinish={(v) => setApplied(toApplied(v))} className="filter-form">
          <Form.Item name="q">
            <Input allowClear placeholder={t('matters.inbox.search')} style={{ width: 200 }} data-testid="inbox-search" />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('matters.inbox.filterStatus')} style={{ width: 120 }} options={matterStatuses.map((s) => ({ value: s, label: t(`matters.status.${s}`) }))} />
          </Form.Item>
          <Form.Item name="categoryId">
            <CategoryTreeSelect placeholder={t('matters.inbox.filterCategory')} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="origin">
            <Select allowClear placeholder={t('matters.inbox.filterOrigin')} style={{ width: 130 }} options={matterOrigins.map((o) => ({ value: o, label: t(`matters.origin.${o}`) }))} />
          </Form.Item>
          <Form.Item name="unitId">
            <UnitTreeSelect allowClear placeholder={t('matters.inbox.filterUnit')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="overdue">
            <Select
              allowClear
              placeholder={t('matters.inbox.filterOverdue')}
              style={{ width: 110 }}
              options={[
                { value: 'true', label: t('matters.inbox.overdueOnly') },
                { value: 'false', label: t('matters.inbox.notOverdue') },
              ]}
            />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('matters.inbox.dateRange'), t('matters.inbox.dateRange')]} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="inbox-search-submit">
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                setApplied({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card className="table-card">
        <Table<MatterListItem>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 1150 }}
          data-testid="inbox-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? list.error.message : t('matters.inbox.empty')} /> }}
          columns={[
            {
              title: t('matters.field.code'),
              dataIndex: 'code',
              width: 165,
              fixed: 'left',
              render: (v: string, m) => (
                <div className="inbox-code-cell">
                  <Link to={`/matters/${m.id}`} className="mono-text" data-testid="inbox-code">
                    {v}
                  </Link>
                  <Typography.Text type="secondary" className="inbox-sub">
                    {formatDateTime(m.createdAt).slice(0, 16)}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('matters.field.title'),
              dataIndex: 'title',
              render: (v: string, m) => (
                <div className="inbox-title-cell">
                  <Link to={`/matters/${m.id}`} className="inbox-title">
                    {v}
                  </Link>
                  <Typography.Text type="secondary" className="inbox-sub">
                    {t(`matters.kind.${m.kind}`)} · {t(`matters.origin.${m.origin}`)}
                    {m.categoryId && categoryNames.get(m.categoryId) ? ` · ${categoryNames.get(m.categoryId)}` : ''}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('matters.field.status'), dataIndex: 'status', width: 90, render: (v: MatterStatus) => <StatusTag status={v} /> },
            { title: t('matters.field.unit'), dataIndex: 'unitName', width: 150, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text> },
            {
              title: t('matters.inbox.deadline'),
              key: 'deadline',
              width: 155,
              render: (_: unknown, m) => <Deadline at={m.resolveBy} overdue={m.isOverdue} />,
            },
            { title: t('matters.field.progress'), dataIndex: 'progress', width: 120, render: (v: number | null) => <MatterProgress value={v} /> },
            { title: t('matters.field.flags'), key: 'flags', width: 170, render: (_: unknown, m) => <MatterFlags {...m} /> },
          ]}
        />
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </Card>
    </div>
  );
}
