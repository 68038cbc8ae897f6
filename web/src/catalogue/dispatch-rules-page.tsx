import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { DispatchRule, DispatchRuleInput } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { PageHeader } from '../components/page-header.tsx';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { matterKeys } from '../matters/matter-api.ts';
import { CategoryTreeSelect, useCategoryNames } from '../matters/category-tree-select.tsx';
import { catalogueRoutes, useDispatchRules } from './catalogue-api.ts';
import './catalogue.css';

/** 派单目录 (权责清单): category × region → responsible unit, the default when dispatching. */
export function DispatchRulesPage() {
  const { t } = useTranslation();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const q = useDispatchRules(categoryId);
  const names = useCategoryNames();
  const [editing, setEditing] = useState<DispatchRule | 'new' | null>(null);

  return (
    <div className="page">
      <PageHeader
        title={t('catalogue.dispatch.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="dispatch-rule-add">
            {t('catalogue.dispatch.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('catalogue.dispatch.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Card className="filter-card">
        <CategoryTreeSelect value={categoryId} onChange={setCategoryId} placeholder={t('catalogue.dispatch.filterCategory')} style={{ width: 260 }} />
      </Card>
      <Card className="table-card">
        <Table<DispatchRule>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="dispatch-rules-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.error ? q.error.message : t('catalogue.dispatch.empty')} /> }}
          columns={[
            {
              title: t('catalogue.dispatch.category'),
              key: 'category',
              render: (_: unknown, r) => (r.category ? (names.get(r.category.id) ?? r.category.name) : <Typography.Text type="secondary">{t('catalogue.dispatch.anyCategory')}</Typography.Text>),
            },
            {
              title: t('catalogue.dispatch.regionShort'),
              dataIndex: 'regionPrefix',
              width: 140,
              render: (v: string | null) => (v ? <code>{v}</code> : <Typography.Text type="secondary">{t('catalogue.dispatch.anyRegion')}</Typography.Text>),
            },
            { title: t('catalogue.dispatch.unit'), key: 'unit', width: 220, render: (_: unknown, r) => r.unit.name },
            { title: t('catalogue.dispatch.ownerUnit'), key: 'owner', width: 180, render: (_: unknown, r) => r.ownerUnit.name },
            { title: t('catalogue.dispatch.note'), dataIndex: 'note', render: (v: string | null) => v || t('common.empty') },
            { title: t('catalogue.dispatch.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v).slice(0, 16) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 150,
              fixed: 'right' as const,
              render: (_: unknown, r) => <RuleActions rule={r} onEdit={() => setEditing(r)} />,
            },
          ]}
        />
      </Card>
      {editing && <RuleModal rule={editing === 'new' ? undefined : editing} defaultCategoryId={categoryId} onClose={() => setEditing(null)} />}
    </div>
  );
}

function RuleActions({ rule, onEdit }: { rule: DispatchRule; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const remove = async () => {
    try {
      await api.delete(catalogueRoutes.dispatchRule(rule.id));
      void message.success(t('catalogue.dispatch.deleted'));
      await qc.invalidateQueries({ queryKey: matterKeys.dispatchRules });
    } catch (err) {
      report(err);
    }
  };
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={t('catalogue.dispatch.deleteConfirm')} onConfirm={remove}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
          {t('catalogue.dispatch.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

interface Values {
  categoryId?: string;
  regionPrefix?: string;
  unitId: string;
  note?: string;
}

function RuleModal({ rule, defaultCategoryId, onClose }: { rule?: DispatchRule; defaultCategoryId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    const body: DispatchRuleInput = { categoryId: v.categoryId ?? null, regionPrefix: v.regionPrefix?.trim() || null, unitId: v.unitId, note: v.note?.trim() || null };
    try {
      if (rule) await api.patch<DispatchRule>(catalogueRoutes.dispatchRule(rule.id), body);
      else await api.post<DispatchRule>(catalogueRoutes.dispatchRules, body);
      void message.success(rule ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: matterKeys.dispatchRules });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={rule ? t('catalogue.dispatch.editTitle') : t('catalogue.dispatch.createTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={560}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        className="modal-form"
        data-testid="dispatch-rule-form"
        initialValues={rule ? { categoryId: rule.category?.id, regionPrefix: rule.regionPrefix ?? undefined, unitId: rule.unit.id, note: rule.note ?? undefined } : { categoryId: defaultCategoryId }}
      >
        <Form.Item name="categoryId" label={t('catalogue.dispatch.category')}>
          <CategoryTreeSelect usableOnly placeholder={t('catalogue.dispatch.anyCategory')} data-testid="dispatch-rule-category" />
        </Form.Item>
        <Form.Item name="regionPrefix" label={t('catalogue.dispatch.region')} extra={t('catalogue.dispatch.regionHint')} rules={[{ pattern: /^(\d{2}|\d{4}|\d{6})$/, message: t('catalogue.dispatch.regionInvalid') }]}>
          <Input maxLength={6} placeholder={t('catalogue.dispatch.anyRegion')} className="mono-text" />
        </Form.Item>
        <Form.Item name="unitId" label={t('catalogue.dispatch.unit')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('catalogue.dispatch.unit') }) }]}>
          <UnitTreeSelect data-testid="dispatch-rule-unit" />
        </Form.Item>
        <Form.Item name="note" label={t('catalogue.dispatch.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
