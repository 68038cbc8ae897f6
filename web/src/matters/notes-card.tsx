import { Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MatterDetail, MatterNote } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { useMatterWrite } from './matter-api.ts';

/** 内部备注: staff-only notes on the matter, marked as internal; never shown on the citizen's page. */
export function NotesCard({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const report = useReportError();
  const write = useMatterWrite<{ body: string }>(matter.id);
  const [form] = Form.useForm<{ body: string }>();

  const submit = async ({ body }: { body: string }) => {
    try {
      await write.mutateAsync({ path: 'notes', body: { body: body.trim() } });
      form.resetFields();
    } catch (err) {
      report(err, form);
    }
  };

  return (
    <Card
      size="small"
      className="matter-card notes-card"
      data-testid="notes-card"
      title={
        <Space>
          {t('matters.detail.sectionNotes')}
          <Tag icon={<LockOutlined />} color="gold">
            {t('matters.tag.internal')}
          </Tag>
        </Space>
      }
    >
      {matter.notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matters.note.empty')} />
      ) : (
        <List<MatterNote>
          size="small"
          dataSource={matter.notes}
          renderItem={(n) => (
            <List.Item data-testid="note">
              <div className="note">
                <div className="note-body">{n.body}</div>
                <Typography.Text type="secondary" className="note-meta">
                  {n.authorName} · {formatDateTime(n.createdAt).slice(0, 16)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      {matter.can.add_note && (
        <Form form={form} onFinish={submit} className="note-form">
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('matters.detail.sectionNotes') }) }]}>
            <Input.TextArea rows={2} maxLength={10000} placeholder={t('matters.note.placeholder')} data-testid="note-input" />
          </Form.Item>
          <div className="form-actions">
            <Button htmlType="submit" loading={write.isPending} data-testid="note-add">
              {t('matters.note.add')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}
