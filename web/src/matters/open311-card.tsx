import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { MatterDetail } from '../api/types.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { matterKeys } from './matter-api.ts';

interface Open311Submission {
  email: string | null;
  mediaUrl: string | null;
  createdAt: string;
}

/**
 * What an Open311 client posted with a public matter beyond the matter (GET
 * /open311/submissions/:id): the email masked — revealed like the petitioner's phone, with a
 * reason, audited on the server, kept only in this component — and the media link. Nothing is
 * shown for a matter that did not come through Open311.
 */
export function Open311Card({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const q = useQuery({
    queryKey: [...matterKeys.matter(matter.id), 'open311'],
    queryFn: () => api.get<{ submission: Open311Submission | null }>(`/open311/submissions/${matter.id}`).then((r) => r.submission),
    // Only the public channels (origin web) can have come through Open311.
    enabled: matter.origin === 'web',
    staleTime: 60_000,
  });
  const s = q.data;
  if (!s) return null;

  const reveal = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const r = await api.post<{ value: string }>(`/open311/submissions/${matter.id}/reveal`, { reason: reason.trim() || undefined });
      setRevealed(r.value);
      setAsking(false);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('matters.detail.sectionOpen311')} className="matter-card" data-testid="open311-card">
      <Descriptions column={1} size="small">
        {s.email && (
          <Descriptions.Item label={t('matters.detail.open311Email')}>
            {revealed !== null ? (
              <span data-testid="open311-email-full">
                <EyeOutlined className="revealed-icon" /> {revealed}
              </span>
            ) : (
              <span className="masked-value">
                <span data-testid="open311-email">{s.email}</span>
                {matter.can.reveal && (
                  <Button size="small" type="link" icon={<LockOutlined />} onClick={() => setAsking(true)} data-testid="reveal-open311-email">
                    {t('matters.detail.reveal')}
                  </Button>
                )}
              </span>
            )}
          </Descriptions.Item>
        )}
        {s.mediaUrl && (
          <Descriptions.Item label={t('matters.detail.open311Media')}>
            <Typography.Link href={s.mediaUrl} target="_blank" rel="noopener noreferrer nofollow" ellipsis data-testid="open311-media">
              {s.mediaUrl}
            </Typography.Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Modal open={asking} title={t('matters.detail.revealEmailTitle')} onCancel={() => setAsking(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('matters.detail.revealHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={reveal} initialValues={{ reason: t('matters.detail.revealReasonDefault') }}>
          <Form.Item name="reason" label={t('matters.detail.revealReason')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
