import { useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Category, CategoryInput } from '../api/types.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { PageHeader } from '../components/page-header.tsx';
import { matterKeys, useCategories } from '../matters/matter-api.ts';
import { buildCategoryTree, categoryLabel } from '../matters/category-tree-select.tsx';
import { catalogueRoutes } from './catalogue-api.ts';
import { FileImportButton } from '../components/file-import-button.tsx';
import './catalogue.css';

interface Row {
  key: string;
  category: Category;
  children?: Row[];
}

const ruleFields = ['respondDays', 'resolveDays', 'urgentRespondHours', 'urgentResolveDays', 'reviewAfterDays'] as const;
type RuleField = (typeof ruleFields)[number];
const ruleMax: Record<RuleField, number> = { respondDays: 30, resolveDays: 60, urgentRespondHours: 72, urgentResolveDays: 30, reviewAfterDays: 365 };

/**
 * 诉求分类: the category tree (up to three levels) with each level's deadlines and review days,
 * own or inherited as the server computed them; create, rename, deactivate, and import from CSV.
 */
export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const [showInactive, setShowInactive] = useState(false);
  const q = useCategories(showInactive);
  const [editing, setEditing] = useState<{ category?: Category; parent?: Category } | null>(null);
  const canManage = q.data?.canManage ?? false;

  const rows = useMemo(() => buildCategoryTree<Row>(q.data?.items ?? [], (c, children) => ({ key: c.id, category: c, children: children.length ? children : undefined })), [q.data]);

  return (
    <div className="page">
      <PageHeader
        title={t('catalogue.categories.title')}
        extra={
          canManage && (
            <Space>
              <CategoryImportButton />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="category-add">
                {t('catalogue.categories.add')}
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('catalogue.categories.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <Card className="filter-card">
        <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} data-testid="category-show-inactive">
          {t('catalogue.categories.showInactive')}
        </Checkbox>
      </Card>
      <Card className="table-card">
        <Table<Row>
          // The whole tree opens; a new or imported category remounts it so that it shows too.
          key={q.data?.items.length ?? 0}
          size="middle"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 1100 }}
          data-testid="categories-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.error ? q.error.message : t('catalogue.categories.empty')} /> }}
          columns={[
            {
              title: t('catalogue.categories.name'),
              key: 'name',
              width: 280,
              render: (_: unknown, { category: c }) => (
                <span className={c.isUsable ? 'category-name' : 'category-name category-inactive'} data-testid="category-name">
                  {categoryLabel(c, i18n.language)}
                  {c.nameEn && i18n.language !== 'en-US' && <Typography.Text type="secondary"> {c.nameEn}</Typography.Text>}
                </span>
              ),
            },
            { title: t('catalogue.categories.code'), key: 'code', width: 150, render: (_: unknown, { category: c }) => <code>{c.code}</code> },
            { title: t('catalogue.categories.level'), key: 'level', width: 80, render: (_: unknown, { category: c }) => t('catalogue.categories.levelN', { level: c.level }) },
            {
              title: t('catalogue.categories.rules'),
              key: 'rules',
              render: (_: unknown, { category: c }) => {
                const own = ruleFields.some((f) => c[f] !== null);
                return (
                  <div className="category-rules">
                    <span>{t('catalogue.categories.ruleSummary', { ...c.effective })}</span>
                    <Typography.Text type="secondary">
                      {t('catalogue.categories.reviewSummary', { days: c.effective.reviewAfterDays })} · {own ? t('catalogue.categories.own') : t('catalogue.categories.inherited')}
                    </Typography.Text>
                  </div>
                );
              },
            },
            {
              title: t('catalogue.categories.status'),
              key: 'status',
              width: 110,
              render: (_: unknown, { category: c }) =>
                c.isActive ? (
                  c.isUsable ? (
                    <Tag color="green">{t('common.statusActive')}</Tag>
                  ) : (
                    <Tag>{t('catalogue.categories.unusable')}</Tag>
                  )
                ) : (
                  <Tag color="default">{t('common.statusInactive')}</Tag>
                ),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 290,
                    fixed: 'right' as const,
                    render: (_: unknown, { category: c }: Row) => <CategoryActions category={c} onEdit={() => setEditing({ category: c })} onAddChild={() => setEditing({ parent: c })} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <CategoryModal category={editing.category} parent={editing.parent} all={q.data?.items ?? []} onClose={() => setEditing(null)} />}
    </div>
  );
}

function CategoryActions({ category: c, onEdit, onAddChild }: { category: Category; onEdit: () => void; onAddChild: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const toggle = async () => {
    try {
      await api.post(catalogueRoutes.categoryActive(c.id, !c.isActive));
      void message.success(c.isActive ? t('catalogue.categories.deactivated') : t('catalogue.categories.activated'));
      await qc.invalidateQueries({ queryKey: matterKeys.categories });
    } catch (err) {
      report(err);
    }
  };
  // The server refuses (409) a category that matters, rules or templates refer to: deactivate it instead.
  const remove = async () => {
    try {
      await api.delete(catalogueRoutes.category(c.id));
      void message.success(t('catalogue.categories.deleted'));
      await qc.invalidateQueries({ queryKey: matterKeys.categories });
    } catch (err) {
      report(err);
    }
  };
  return (
    <Space size={0} wrap>
      {c.level < 3 && c.isActive && (
        <Button type="link" size="small" icon={<PlusOutlined />} onClick={onAddChild} data-testid="category-add-child">
          {t('catalogue.categories.addChild')}
        </Button>
      )}
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="category-edit">
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={<div className="popconfirm-text">{c.isActive ? t('catalogue.categories.deactivateConfirm', { name: c.name }) : t('catalogue.categories.activateConfirm', { name: c.name })}</div>}
        onConfirm={toggle}
      >
        <Button type="link" size="small" danger={c.isActive} icon={c.isActive ? <StopOutlined /> : <CheckCircleOutlined />} data-testid="category-toggle">
          {c.isActive ? t('catalogue.categories.deactivate') : t('catalogue.categories.activate')}
        </Button>
      </Popconfirm>
      <Popconfirm title={<div className="popconfirm-text">{t('catalogue.categories.deleteConfirm', { name: c.name })}</div>} onConfirm={remove}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="category-delete">
          {t('catalogue.categories.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

type Values = { name: string; nameEn?: string; code?: string; sortOrder?: number | null } & Partial<Record<RuleField, number | null>>;

/** Create (at the top or under a parent) or edit a category; empty rule fields inherit. */
function CategoryModal({ category, parent, all, onClose }: { category?: Category; parent?: Category; all: Category[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // What an empty field falls back to: the parent's effective rule.
  const parentOf = category ? all.find((c) => c.id === category.parentId) : parent;
  const inherited = parentOf?.effective;

  const submit = async (v: Values) => {
    setBusy(true);
    const rules = Object.fromEntries(ruleFields.map((f) => [f, v[f] ?? null])) as Record<RuleField, number | null>;
    const common = { name: v.name.trim(), nameEn: v.nameEn?.trim() || null, ...(v.sortOrder != null ? { sortOrder: v.sortOrder } : {}), ...rules };
    try {
      if (category) {
        await api.patch<Category>(catalogueRoutes.category(category.id), common satisfies CategoryInput);
      } else {
        const body: CategoryInput = { ...common, parentId: parent?.id ?? null, code: v.code?.trim() || undefined };
        await api.post<Category>(catalogueRoutes.categories, body);
      }
      void message.success(category ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: matterKeys.categories });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  const title = category ? t('catalogue.categories.editTitle', { name: category.name }) : parent ? t('catalogue.categories.createChildTitle', { name: parent.name }) : t('catalogue.categories.createTitle');

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        className="modal-form"
        data-testid="category-form"
        initialValues={
          category
            ? { name: category.name, nameEn: category.nameEn ?? undefined, sortOrder: category.sortOrder, ...Object.fromEntries(ruleFields.map((f) => [f, category[f]])) }
            : {}
        }
      >
        <div className="form-row">
          <Form.Item name="name" label={t('catalogue.categories.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('catalogue.categories.name') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('catalogue.categories.nameEn')}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <div className="form-row">
          {category ? (
            <Form.Item label={t('catalogue.categories.code')}>
              <code>{category.code}</code>
            </Form.Item>
          ) : (
            <Form.Item name="code" label={t('catalogue.categories.code')} extra={t('catalogue.categories.codeHint')} rules={[{ pattern: /^[a-z0-9][a-z0-9._-]{0,63}$/, message: t('catalogue.categories.codeInvalid') }]}>
              <Input maxLength={64} className="mono-text" />
            </Form.Item>
          )}
          <Form.Item name="sortOrder" label={t('catalogue.categories.sortOrder')}>
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <h4 className="modal-section">{t('catalogue.categories.rulesSection')}</h4>
        <div className="form-row">
          {ruleFields.map((f) => (
            <Form.Item key={f} name={f} label={t(`catalogue.categories.${f}`)}>
              <InputNumber min={1} max={ruleMax[f]} precision={0} style={{ width: '100%' }} placeholder={inherited ? t('catalogue.categories.inheritPlaceholder', { value: inherited[f] }) : undefined} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}

/** Uploads a CSV or XLSX of the three-level tree (POST /categories/import); a refused file shows its row errors. */
function CategoryImportButton() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <FileImportButton<{ created: number; unchanged: number }>
      path={catalogueRoutes.categoryImport}
      label={t('catalogue.categories.import')}
      testId="category-import"
      loadingText={t('catalogue.categories.importing')}
      failedTitle={t('catalogue.categories.importFailedTitle')}
      hint={t('catalogue.categories.importHint')}
      doneText={(r) => t('catalogue.categories.importDone', r)}
      onDone={() => qc.invalidateQueries({ queryKey: matterKeys.categories })}
    />
  );
}
