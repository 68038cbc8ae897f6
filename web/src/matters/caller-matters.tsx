import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Space, Spin, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { MatterListItem } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { matterKeys, useByCaller } from './matter-api.ts';
import { MatterFlags, StatusTag } from './matter-bits.tsx';

/**
 * "This caller already has open matters": the operator's hint while typing the phone (GET
 * /matters/by-caller). 催办 records the call on that matter (POST /matters/:id/contacts) instead of
 * taking in a duplicate, then opens it.
 */
export function CallerMatters({ phone }: { phone: string | null }) {
  const { t } = useTranslation();
  const q = useByCaller(phone);
  const [chasing, setChasing] = useState<MatterListItem | null>(null);
  if (!phone) return null;
  const items = q.data ?? [];
  return (
    <Card
      size="small"
      className={items.length ? 'caller-card caller-card-hit' : 'caller-card'}
      data-testid="caller-matters"
      title={
        <span>
          <PhoneOutlined /> {items.length ? t('matters.intake.callerTitle', { count: items.length }) : phone}
        </span>
      }
    >
      {q.isLoading ? (
        <Spin size="small" />
      ) : q.error ? (
        <Typography.Text type="secondary">{q.error.message}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matters.intake.callerEmpty')} />
      ) : (
        <>
          <Alert type="warning" showIcon title={t('matters.intake.callerHint')} className="caller-hint" />
          <List<MatterListItem>
            size="small"
            dataSource={items}
            renderItem={(m) => (
              <List.Item
                data-testid="caller-matter"
                actions={
                  m.can.add_contact
                    ? [
                        <Button key="chase" size="small" type="primary" ghost onClick={() => setChasing(m)} data-testid="caller-chase">
                          {t('matters.intake.contact')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <Link to={`/matters/${m.id}`} className="mono-text">
                        {m.code}
                      </Link>
                      <StatusTag status={m.status} />
                    </Space>
                  }
                  description={
                    <>
                      <div className="caller-matter-title">{m.title}</div>
                      <Typography.Text type="secondary" className="caller-matter-meta">
                        {formatDateTime(m.createdAt).slice(0, 16)}
                        {m.unitName ? ` · ${m.unitName}` : ''}
                      </Typography.Text>
                      <MatterFlags {...m} />
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </>
      )}
      <ContactModal matter={chasing} onClose={() => setChasing(null)} />
    </Card>
  );
}

/** The 催办 dialog: a note recorded on the earlier matter, then that matter opens. */
function ContactModal({ matter, onClose }: { matter: MatterListItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ note }: { note: string }) => {
    if (!matter) return;
    setBusy(true);
    try {
      await api.post(`/matters/${matter.id}/contacts`, { note: note.trim() });
      void message.success(t('matters.intake.contactSaved'));
      await qc.invalidateQueries({ queryKey: matterKeys.matters });
      onClose();
      navigate(`/matters/${matter.id}`);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!matter} title={matter ? t('matters.intake.contactTitle', { code: matter.code }) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ note: t('matters.intake.contactNoteDefault') }} className="modal-form">
        <Form.Item name="note" label={t('matters.intake.contactNote')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('matters.intake.contactNote') }) }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="contact-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
