import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries.ts';
import type { AuditEntry } from '../../api/types.ts';
import { useKeysetList } from '../../lib/use-keyset-list.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { AuditChanges } from './audit-changes.tsx';
import { isMachineActor, useAuditLabels } from './audit-labels.ts';

interface Filters {
  action?: string;
  subjectType?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Applied {
  action?: string;
  subjectType?: string;
  actor?: string;
  from?: string;
  to?: string;
}

function toApplied(f: Filters): Applied {
  const [from, to] = f.range ?? [null, null];
  return {
    action: f.action?.trim() || undefined,
    subjectType: f.subjectType?.trim() || undefined,
    actor: f.actor?.trim() || undefined,
    // Whole local days: from the first day's midnight to the end of the last day.
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
}

/** 审计日志: who did what to which record, filterable, newest first, with before/after snapshots. */
export function AuditPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const [form] = Form.useForm<Filters>();
  const [applied, setApplied] = useState<Applied>({});
  const list = useKeysetList<AuditEntry>(keys.audit, '/audit', { ...applied });

  return (
    <div className="page">
      <PageHeader title={t('audit.title')} />
      <Card className="filter-card">
        <Form<Filters> form={form} layout="inline" onFinish={(v) => setApplied(toApplied(v))} className="filter-form">
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="subjectType" label={t('audit.subjectType')}>
            <Input allowClear placeholder={t('audit.subjectTypePlaceholder')} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              icon={<ReloadOutlined />}
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
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 1150 }}
          expandable={{ expandedRowRender: (e) => <AuditChanges entry={e} />, rowExpandable: (e) => e.before != null || e.after != null }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? list.error.message : t('audit.empty')} /> }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              width: 140,
              render: (v: string | null) => (!v || isMachineActor(v) ? <Typography.Text type="secondary">{labels.actor(v || 'system')}</Typography.Text> : v),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 230,
              render: (v: string) => (
                <span className="audit-named-code" data-code={v}>
                  {labels.action(v)}
                  <Tag className="mono-tag">{v}</Tag>
                </span>
              ),
            },
            {
              title: t('audit.subjectType'),
              dataIndex: 'subjectType',
              width: 200,
              render: (v: string) => (
                <span className="audit-named-code" data-code={v}>
                  {labels.subject(v)}
                  <code className="audit-code">{v}</code>
                </span>
              ),
            },
            {
              title: t('audit.subjectId'),
              dataIndex: 'subjectId',
              render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }} className="mono-text">{v.length > 13 ? `${v.slice(0, 8)}…` : v}</Typography.Text> : t('common.empty')),
            },
            { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v || t('common.empty') },
          ]}
        />
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </Card>
    </div>
  );
}
