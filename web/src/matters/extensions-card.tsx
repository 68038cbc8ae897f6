import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MatterDetail, MatterExtension } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { useMatterWrite } from './matter-api.ts';

const statusColor = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

/**
 * 延期申请: requests for a later resolution deadline and their decisions. The responsible unit
 * requests (one pending at a time), a leader over it approves or rejects; both follow `can`.
 */
export function ExtensionsCard({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ ext: MatterExtension; approve: boolean } | null>(null);
  if (matter.extensions.length === 0 && !matter.can.request_extension) return null;
  return (
    <Card
      size="small"
      className="matter-card"
      data-testid="extensions-card"
      title={t('matters.detail.sectionExtensions')}
      extra={
        matter.can.request_extension && (
          <Button size="small" icon={<FieldTimeOutlined />} onClick={() => setRequesting(true)} data-testid="extension-request">
            {t('matters.extension.request')}
          </Button>
        )
      }
    >
      {matter.extensions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matters.extension.empty')} />
      ) : (
        <List<MatterExtension>
          size="small"
          dataSource={matter.extensions}
          renderItem={(x) => (
            <List.Item
              data-testid="extension"
              actions={
                x.status === 'pending' && matter.can.decide_extension
                  ? [
                      <Button key="ok" size="small" type="primary" onClick={() => setDeciding({ ext: x, approve: true })} data-testid="extension-approve">
                        {t('matters.extension.approve')}
                      </Button>,
                      <Button key="no" size="small" danger onClick={() => setDeciding({ ext: x, approve: false })} data-testid="extension-reject">
                        {t('matters.extension.reject')}
                      </Button>,
                    ]
                  : []
              }
            >
              <div className="extension">
                <Space size={6} wrap>
                  <Tag color={statusColor[x.status]}>{t(`matters.extension.status.${x.status}`)}</Tag>
                  <span>{t('matters.extension.to', { at: formatDateTime(x.requestedResolveBy).slice(0, 16) })}</span>
                  {x.previousResolveBy && <Typography.Text type="secondary">{t('matters.extension.from', { at: formatDateTime(x.previousResolveBy).slice(0, 16) })}</Typography.Text>}
                </Space>
                <div className="extension-reason">{x.reason}</div>
                <Typography.Text type="secondary" className="extension-meta">
                  {t('matters.extension.requestedBy', { name: x.requestedByName })} · {formatDateTime(x.createdAt).slice(0, 16)}
                  {x.decidedByName ? ` · ${t('matters.extension.decidedBy', { name: x.decidedByName })}` : ''}
                  {x.decisionNote ? `：${x.decisionNote}` : ''}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      <RequestModal matter={matter} open={requesting} onClose={() => setRequesting(false)} />
      <DecideModal matter={matter} deciding={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}

function RequestModal({ matter, open, onClose }: { matter: MatterDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const write = useMatterWrite(matter.id);
  const [form] = Form.useForm<{ reason: string; date: Dayjs }>();
  const submit = async (v: { reason: string; date: Dayjs }) => {
    try {
      await write.mutateAsync({ path: 'extensions', body: { version: matter.version, reason: v.reason.trim(), requestedResolveBy: v.date.format('YYYY-MM-DD') } });
      onClose();
    } catch (err) {
      report(err, form, { requestedResolveBy: 'date' });
    }
  };
  return (
    <Modal open={open} title={t('matters.extension.request')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={write.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} className="modal-form">
        <Form.Item name="date" label={t('matters.form.extensionDate')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('matters.form.extensionDate') }) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('matters.form.extensionReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('matters.form.extensionReason') }) }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ matter, deciding, onClose }: { matter: MatterDetail; deciding: { ext: MatterExtension; approve: boolean } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const write = useMatterWrite(matter.id);
  const [form] = Form.useForm<{ note?: string }>();
  const submit = async (v: { note?: string }) => {
    if (!deciding) return;
    try {
      await write.mutateAsync({ path: `extensions/${deciding.ext.id}/decide`, body: { version: matter.version, approve: deciding.approve, note: v.note?.trim() || undefined } });
      onClose();
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Modal
      open={!!deciding}
      title={deciding ? (deciding.approve ? t('matters.extension.approve') : t('matters.extension.reject')) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: deciding ? !deciding.approve : false }}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} className="modal-form">
        <Form.Item name="note" label={t('matters.extension.decideNote')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
