import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, List, Space, Tag, Typography, Upload } from 'antd';
import { FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { MatterAttachment, MatterDetail } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { matterKeys } from './matter-api.ts';

/** A byte count as people read it. */
function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 附件: the files of a matter (the citizen's photos and staff uploads), each downloadable; staff
 * upload one at a time (POST /matters/:id/attachments), optionally visible to the citizen.
 */
export function AttachmentsCard({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const qc = useQueryClient();
  const report = useReportError();
  const [visible, setVisible] = useState(false);
  const [busy, setBusy] = useState(false);
  // The server has no `can.attach` yet; until it does, those who take in or handle may try and the server decides.
  const mayUpload = (matter.can as Record<string, boolean | undefined>).attach ?? (can('matter.handle') || can('matter.intake'));

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await api.upload(`/matters/${matter.id}/attachments`, file, file.name, { visibleToCitizen: String(visible) });
      void message.success(t('matters.attachment.uploaded', { name: file.name }));
      await qc.invalidateQueries({ queryKey: matterKeys.matter(matter.id) });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      className="matter-card"
      data-testid="attachments-card"
      title={t('matters.detail.sectionAttachments')}
      extra={
        mayUpload && (
          <Space size={8}>
            <Checkbox checked={visible} onChange={(e) => setVisible(e.target.checked)}>
              {t('matters.attachment.visibleToCitizen')}
            </Checkbox>
            <Upload
              showUploadList={false}
              maxCount={1}
              beforeUpload={(file) => {
                void upload(file);
                // The request goes through the API client (CSRF, language), not antd's uploader.
                return Upload.LIST_IGNORE;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">
                {t('matters.attachment.upload')}
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      {matter.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matters.attachment.empty')} />
      ) : (
        <List<MatterAttachment>
          size="small"
          dataSource={matter.attachments}
          renderItem={(a) => (
            <List.Item data-testid="attachment">
              <Space size={8} wrap>
                {a.contentType.startsWith('image/') ? <PaperClipOutlined /> : <FileOutlined />}
                <a href={`/api/matters/${matter.id}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                  {a.fileName}
                </a>
                <Typography.Text type="secondary">
                  {fileSize(a.size)} · {formatDateTime(a.createdAt).slice(0, 16)}
                </Typography.Text>
                <Tag>{a.source === 'citizen' ? t('matters.attachment.sourceCitizen') : t('matters.attachment.sourceStaff')}</Tag>
                {a.visibleToCitizen && <Tag color="blue">{t('matters.tag.visibleToCitizen')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {mayUpload && (
        <Typography.Text type="secondary" className="card-hint">
          {t('matters.attachment.hint')}
        </Typography.Text>
      )}
    </Card>
  );
}
