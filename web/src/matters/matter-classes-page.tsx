import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Empty, Form, Input, Modal, Segmented, Table, Tag, Typography, type ButtonProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MatterClass } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';
import { useReportError } from '../lib/use-report-error.ts';
import { formatDateTime } from '../lib/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { classKeys, createMatterClass, useMatterClasses } from './class-api.ts';
import './matters.css';

type StatusFilter = 'all' | 'open' | 'closed';

/** Open or closed, as a tag. */
export function ClassStatusTag({ closedAt }: { closedAt: string | null }) {
  const { t } = useTranslation();
  return closedAt ? (
    <Tag color="green" data-testid="class-status" data-closed="true">
      {t('classes.closed')}
    </Tag>
  ) : (
    <Tag color="blue" data-testid="class-status" data-closed="false">
      {t('classes.open')}
    </Tag>
  );
}

/**
 * 一类问题: the classes of matters owned in the caller's scope (the server decides which), newest
 * first, filtered by open or closed. Leaders open a new one here; hot topics open one from a topic.
 */
export function MatterClassesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);
  const q = useMatterClasses(status === 'all' ? undefined : status === 'open');

  return (
    <div className="page">
      <PageHeader
        title={t('classes.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isRefetching}>
              {t('classes.refresh')}
            </Button>
            {can('matter.lead') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="class-new">
                {t('classes.create')}
              </Button>
            )}
          </>
        }
      >
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('classes.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Card className="filter-card">
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          data-testid="class-filter"
          options={[
            { value: 'all', label: t('classes.allStatuses') },
            { value: 'open', label: t('classes.open') },
            { value: 'closed', label: t('classes.closed') },
          ]}
        />
      </Card>
      <Card className="table-card">
        <Table<MatterClass>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          pagination={false}
          data-testid="class-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.error ? q.error.message : t('classes.empty')} /> }}
          columns={[
            {
              title: t('classes.name'),
              dataIndex: 'name',
              render: (v: string, c) => (
                <div className="inbox-title-cell">
                  <Link to={`/matter-classes/${c.id}`} className="inbox-title" data-testid="class-link">
                    {v}
                  </Link>
                  {c.description && (
                    <Typography.Text type="secondary" className="inbox-sub" ellipsis={{ tooltip: c.description }}>
                      {c.description}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            { title: t('classes.ownerUnit'), key: 'unit', width: 160, render: (_: unknown, c) => c.ownerUnit.name },
            { title: t('classes.status'), key: 'status', width: 120, render: (_: unknown, c) => <ClassStatusTag closedAt={c.closedAt} /> },
            { title: t('classes.memberCount'), dataIndex: 'memberCount', width: 90, align: 'right', render: (v: number) => <span data-testid="class-member-count">{v}</span> },
            { title: t('classes.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v).slice(0, 16) },
            { title: t('classes.closedAt'), dataIndex: 'closedAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v).slice(0, 16) : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>) },
          ]}
        />
      </Card>
      {creating && <CreateClassModal onClose={() => setCreating(false)} />}
    </div>
  );
}

/** Names a new class (POST /matter-classes) and opens it, to add its matters there. */
function CreateClassModal({ onClose }: { onClose: () => void }) {
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
      const c = await createMatterClass(v);
      void message.success(t('classes.created', { name: c.name }));
      await qc.invalidateQueries({ queryKey: classKeys.classes });
      onClose();
      navigate(`/matter-classes/${c.id}`);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('classes.createTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'class-create-submit' } as ButtonProps}>
      <Form form={form} layout="vertical" onFinish={submit} className="modal-form">
        <Form.Item name="name" label={t('classes.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('classes.name') }) }]}>
          <Input maxLength={200} placeholder={t('classes.namePlaceholder')} data-testid="class-name" />
        </Form.Item>
        <Form.Item name="description" label={t('classes.description')}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('classes.descriptionPlaceholder')} data-testid="class-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
