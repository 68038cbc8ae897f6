import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { revealFields, type MatterDetail, type RevealField } from '../api/types.ts';
import { useReportError } from '../lib/use-report-error.ts';

const fieldLabel = {
  name: 'matters.field.petitionerName',
  phone: 'matters.field.petitionerPhone',
  idNumber: 'matters.field.petitionerIdNumber',
  address: 'matters.field.petitionerAddress',
} as const;

/**
 * The petitioner as the server sends it: masked (张*, 138****5678). Roles that may see more get a
 * 查看 button per field; the full value is asked for with a reason (POST /matters/:id/reveal, an
 * audit row on the server) and kept only in this component, never in the cache.
 */
export function PetitionerCard({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [revealed, setRevealed] = useState<Partial<Record<RevealField, string>>>({});
  const [asking, setAsking] = useState<RevealField | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const p = matter.petitioner;
  const isAnonymous = revealFields.every((f) => !p[f]);

  const reveal = async ({ reason }: { reason: string }) => {
    if (!asking) return;
    setBusy(true);
    try {
      const r = await api.post<{ field: RevealField; value: string }>(`/matters/${matter.id}/reveal`, { field: asking, reason: reason.trim() || undefined });
      setRevealed((prev) => ({ ...prev, [r.field]: r.value }));
      setAsking(null);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('matters.detail.sectionPetitioner')} className="matter-card" data-testid="petitioner-card">
      {isAnonymous ? (
        <Typography.Text type="secondary">{t('matters.detail.anonymous')}</Typography.Text>
      ) : (
        <Descriptions column={1} size="small">
          {revealFields.map((f) => (
            <Descriptions.Item key={f} label={t(fieldLabel[f])}>
              {!p[f] ? (
                <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
              ) : revealed[f] !== undefined ? (
                <span data-testid={`petitioner-${f}-full`}>
                  <EyeOutlined className="revealed-icon" /> {revealed[f]}
                </span>
              ) : (
                <span className="masked-value">
                  <span data-testid={`petitioner-${f}`}>{p[f]}</span>
                  {matter.can.reveal && (
                    <Button size="small" type="link" icon={<LockOutlined />} onClick={() => setAsking(f)} data-testid={`reveal-${f}`}>
                      {t('matters.detail.reveal')}
                    </Button>
                  )}
                </span>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Modal
        open={!!asking}
        title={asking ? t('matters.detail.revealTitle', { field: t(fieldLabel[asking]) }) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('matters.detail.revealHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={reveal} initialValues={{ reason: t('matters.detail.revealReasonDefault') }}>
          <Form.Item name="reason" label={t('matters.detail.revealReason')}>
            <Input maxLength={500} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
