import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Table, Typography, type ButtonProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MatterClassDetail, MatterRef, MatterStatus } from '../api/types.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { formatDateTime } from '../lib/format.ts';
import { RecordLoading, RecordUnavailable } from '../components/record-unavailable.tsx';
import { findMatterByCode } from './matter-api.ts';
import { useMatterClass, useMatterClassWrite } from './class-api.ts';
import { StatusTag } from './matter-bits.tsx';
import { ClassStatusTag } from './matter-classes-page.tsx';
import './matters.css';

/**
 * 一类问题 detail: what the class is about, its matters (each linking to its page), and for those
 * the server lets manage it (`can.manage`) adding a matter by its code, taking one out, and closing
 * the whole class with its fix — which the server records on every member and replies with to
 * those still in progress.
 */
export function MatterClassPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useMatterClass(id);

  if (q.isLoading) return <RecordLoading />;
  if (q.error || !q.data) {
    return (
      <RecordUnavailable
        error={q.error}
        notFoundTitle={t('classes.notFound')}
        loadFailedTitle={t('classes.loadFailed')}
        backTo="/matter-classes"
        backLabel={t('classes.back')}
        testIds={{ notFound: 'class-not-found', failed: 'class-load-failed' }}
      />
    );
  }
  const c = q.data;
  return (
    <div className="page matter-class-page" data-testid="class-page" data-closed={c.closedAt ? 'true' : 'false'}>
      <ClassHeader klass={c} refetch={() => void q.refetch()} refreshing={q.isRefetching} />
      <MembersCard klass={c} />
    </div>
  );
}

function ClassHeader({ klass: c, refetch, refreshing }: { klass: MatterClassDetail; refetch: () => void; refreshing: boolean }) {
  const { t } = useTranslation();
  const [closing, setClosing] = useState(false);
  return (
    <Card className="matter-header-card">
      <div className="matter-header-top">
        <Link to="/matter-classes" className="matter-back">
          <ArrowLeftOutlined /> {t('classes.back')}
        </Link>
        <span className="class-header-actions">
          <Button size="small" icon={<ReloadOutlined />} onClick={refetch} loading={refreshing}>
            {t('classes.refresh')}
          </Button>
          {c.can.manage && (
            <Button size="small" type="primary" icon={<CheckCircleOutlined />} onClick={() => setClosing(true)} disabled={c.members.length === 0} data-testid="class-close">
              {t('classes.close')}
            </Button>
          )}
        </span>
      </div>
      <div className="matter-title-row">
        <h2 className="matter-title" data-testid="class-name">
          {c.name}
        </h2>
        <ClassStatusTag closedAt={c.closedAt} />
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} className="matter-facts">
        <Descriptions.Item label={t('classes.ownerUnit')}>{c.ownerUnit.name}</Descriptions.Item>
        <Descriptions.Item label={t('classes.memberCount')}>{c.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t('classes.createdAt')}>{formatDateTime(c.createdAt).slice(0, 16)}</Descriptions.Item>
        <Descriptions.Item label={t('classes.closedAt')}>{c.closedAt ? formatDateTime(c.closedAt).slice(0, 16) : t('common.empty')}</Descriptions.Item>
      </Descriptions>
      <div className="matter-description" data-testid="class-description">
        {c.description ?? <Typography.Text type="secondary">{t('classes.noDescription')}</Typography.Text>}
      </div>
      {c.closingNote && (
        <Alert type="success" showIcon className="matter-alert" title={t('classes.closingNote')} description={<span data-testid="class-closing-note">{c.closingNote}</span>} />
      )}
      {closing && <CloseClassModal klass={c} onClose={() => setClosing(false)} />}
    </Card>
  );
}

/** The members with their status, each linking to its matter; add by code and remove when the caller manages the class. */
function MembersCard({ klass: c }: { klass: MatterClassDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const write = useMatterClassWrite(c.id);
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);

  const add = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      const hit = await findMatterByCode(code);
      if (!hit) {
        form.setFields([{ name: 'code', errors: [t('classes.addNotFound', { code: code.trim().toUpperCase() })] }]);
        return;
      }
      await write.mutateAsync({ path: 'members', body: { matterId: hit.id } });
      void message.success(t('classes.added', { code: hit.code }));
      form.resetFields();
    } catch (err) {
      report(err, form, { matterId: 'code' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (m: MatterRef) => {
    try {
      await write.mutateAsync({ path: `members/${m.id}`, method: 'DELETE' });
      void message.success(t('classes.removed', { code: m.code }));
    } catch (err) {
      report(err);
    }
  };

  return (
    <Card size="small" title={t('classes.sectionMembers', { count: c.members.length })} className="matter-card class-members-card" data-testid="class-members">
      {c.can.manage ? (
        <Form form={form} layout="inline" onFinish={add} className="class-add-form">
          {/* A fixed width, so that a message under the field wraps there instead of pushing the button aside. */}
          <Form.Item name="code" style={{ width: 300 }} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('matters.field.code') }) }]}>
            <Input maxLength={40} placeholder={t('classes.addCodePlaceholder')} className="mono-text" data-testid="class-add-code" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="class-add-submit">
              {t('classes.addMember')}
            </Button>
          </Form.Item>
        </Form>
      ) : (
        !c.closedAt && (
          <Typography.Paragraph type="secondary" className="class-read-only">
            {t('classes.readOnly')}
          </Typography.Paragraph>
        )
      )}
      <Table<MatterRef>
        rowKey="id"
        size="small"
        dataSource={c.members}
        pagination={false}
        data-testid="class-member-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.membersEmpty')} /> }}
        columns={[
          {
            title: t('matters.field.code'),
            dataIndex: 'code',
            width: 190,
            render: (v: string, m) => (
              <Link to={`/matters/${m.id}`} className="mono-text" data-testid="class-member-code">
                {v}
              </Link>
            ),
          },
          { title: t('matters.field.title'), dataIndex: 'title', render: (v: string, m) => <Link to={`/matters/${m.id}`}>{v}</Link> },
          { title: t('matters.field.status'), dataIndex: 'status', width: 110, render: (v: MatterStatus) => <StatusTag status={v} /> },
          ...(c.can.manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, m: MatterRef) => (
                    <Popconfirm title={t('classes.removeConfirm', { code: m.code })} onConfirm={() => remove(m)}>
                      <Button size="small" type="link" danger data-testid="class-member-remove">
                        {t('classes.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** Records the fix of the whole class and closes it (POST /matter-classes/:id/close). */
function CloseClassModal({ klass: c, onClose }: { klass: MatterClassDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const write = useMatterClassWrite(c.id);
  const [form] = Form.useForm<{ note: string }>();

  const submit = async ({ note }: { note: string }) => {
    try {
      await write.mutateAsync({ path: 'close', body: { note: note.trim() } });
      void message.success(t('classes.closedDone'));
      onClose();
    } catch (err) {
      report(err, form);
    }
  };

  return (
    <Modal
      open
      title={t('classes.closeTitle', { name: c.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={write.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'class-close-submit' } as ButtonProps}
    >
      <Alert type="warning" showIcon title={t('classes.closeHint')} className="modal-alert" />
      <Form form={form} layout="vertical" onFinish={submit} className="modal-form">
        <Form.Item name="note" label={t('classes.closeNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('classes.closeNote') }) }]}>
          <Input.TextArea rows={5} maxLength={10000} placeholder={t('classes.closeNotePlaceholder')} data-testid="class-close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
