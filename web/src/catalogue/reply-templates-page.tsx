import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ReplyTemplate, ReplyTemplateInput } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { PageHeader } from '../components/page-header.tsx';
import { matterKeys } from '../matters/matter-api.ts';
import { CategoryTreeSelect, useCategoryNames } from '../matters/category-tree-select.tsx';
import { catalogueRoutes, useTemplateList } from './catalogue-api.ts';
import './catalogue.css';

/** 答复模板: frequent replies by category, offered in the reply dialog; edit/delete follow each template's `canManage`. */
export function ReplyTemplatesPage() {
  const { t } = useTranslation();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const q = useTemplateList(categoryId);
  const names = useCategoryNames();
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);

  return (
    <div className="page">
      <PageHeader
        title={t('catalogue.templates.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="template-add">
            {t('catalogue.templates.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('catalogue.templates.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Card className="filter-card">
        <CategoryTreeSelect value={categoryId} onChange={setCategoryId} placeholder={t('catalogue.templates.filterCategory')} style={{ width: 260 }} />
      </Card>
      <Card className="table-card">
        <Table<ReplyTemplate>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="templates-table"
          expandable={{ expandedRowRender: (r) => <div className="template-body">{r.body}</div> }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.error ? q.error.message : t('catalogue.templates.empty')} /> }}
          columns={[
            { title: t('catalogue.templates.titleField'), dataIndex: 'title', width: 200 },
            {
              title: t('catalogue.templates.category'),
              key: 'category',
              width: 220,
              render: (_: unknown, r) => (r.category ? (names.get(r.category.id) ?? r.category.name) : <Typography.Text type="secondary">{t('catalogue.templates.anyCategory')}</Typography.Text>),
            },
            { title: t('catalogue.templates.body'), dataIndex: 'body', ellipsis: true },
            { title: t('catalogue.templates.ownerUnit'), key: 'owner', width: 180, render: (_: unknown, r) => r.ownerUnit.name },
            { title: t('catalogue.templates.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v).slice(0, 16) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 150,
              fixed: 'right' as const,
              render: (_: unknown, r) => (r.canManage ? <TemplateActions template={r} onEdit={() => setEditing(r)} /> : null),
            },
          ]}
        />
      </Card>
      {editing && <TemplateModal template={editing === 'new' ? undefined : editing} defaultCategoryId={categoryId} onClose={() => setEditing(null)} />}
    </div>
  );
}

function TemplateActions({ template, onEdit }: { template: ReplyTemplate; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const remove = async () => {
    try {
      await api.delete(catalogueRoutes.replyTemplate(template.id));
      void message.success(t('catalogue.templates.deleted'));
      await qc.invalidateQueries({ queryKey: matterKeys.replyTemplates });
    } catch (err) {
      report(err);
    }
  };
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={t('catalogue.templates.deleteConfirm', { title: template.title })} onConfirm={remove}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
          {t('catalogue.templates.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

interface Values {
  categoryId?: string;
  title: string;
  body: string;
}

function TemplateModal({ template, defaultCategoryId, onClose }: { template?: ReplyTemplate; defaultCategoryId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    const body: ReplyTemplateInput = { categoryId: v.categoryId ?? null, title: v.title.trim(), body: v.body.trim() };
    try {
      if (template) await api.patch<ReplyTemplate>(catalogueRoutes.replyTemplate(template.id), body);
      else await api.post<ReplyTemplate>(catalogueRoutes.replyTemplates, body);
      void message.success(template ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: matterKeys.replyTemplates });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <Modal open title={template ? t('catalogue.templates.editTitle') : t('catalogue.templates.createTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        className="modal-form"
        data-testid="template-form"
        initialValues={template ? { categoryId: template.category?.id, title: template.title, body: template.body } : { categoryId: defaultCategoryId }}
      >
        <Form.Item name="title" label={t('catalogue.templates.titleField')} rules={required(t('catalogue.templates.titleField'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('catalogue.templates.category')}>
          <CategoryTreeSelect usableOnly placeholder={t('catalogue.templates.anyCategory')} />
        </Form.Item>
        <Form.Item name="body" label={t('catalogue.templates.body')} rules={required(t('catalogue.templates.body'))}>
          <Input.TextArea rows={8} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
