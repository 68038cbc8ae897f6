import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Space, Switch, Tag, Typography } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MatterDetail, Measure, MeasureInput } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { useReportError } from '../lib/use-report-error.ts';
import { useMatterWrite } from './matter-api.ts';

interface Values {
  content: string;
  ownerName: string;
  dueOn?: Dayjs | null;
  progress: number;
  done: boolean;
  evidence?: string;
}

/**
 * 整改措施: what is done about the matter, by whom and by when, with progress and evidence. The
 * matter's progress is the server's mean of these. Add and edit follow the matter's `can`.
 */
export function MeasuresCard({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Measure | 'new' | null>(null);
  const canAdd = !!matter.can.add_measure;
  const canEdit = !!matter.can.update_measure;
  const report = useReportError();
  const write = useMatterWrite(matter.id);
  const remove = async (m: Measure) => {
    try {
      await write.mutateAsync({ path: `measures/${m.id}`, method: 'DELETE' });
    } catch (err) {
      report(err);
    }
  };
  return (
    <Card
      size="small"
      className="matter-card"
      data-testid="measures-card"
      title={
        <Space>
          {t('matters.detail.sectionMeasures')}
          {matter.progress !== null && <Typography.Text type="secondary">{t('matters.measure.meanProgress', { progress: Math.round(matter.progress) })}</Typography.Text>}
        </Space>
      }
      extra={
        canAdd && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="measure-add">
            {t('matters.measure.add')}
          </Button>
        )
      }
    >
      {matter.measures.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matters.measure.empty')} />
      ) : (
        <List<Measure>
          size="small"
          dataSource={matter.measures}
          renderItem={(m) => (
            <List.Item
              data-testid="measure"
              actions={
                canEdit
                  ? [
                      <Button key="edit" size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(m)}>
                        {t('common.edit')}
                      </Button>,
                      // A measure recorded by mistake; the server keeps the deletion on the timeline.
                      <Popconfirm key="delete" title={t('matters.measure.deleteConfirm')} onConfirm={() => remove(m)}>
                        <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                          {t('matters.measure.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <div className="measure">
                <div className="measure-head">
                  <span className="measure-content">{m.content}</span>
                  {m.done && (
                    <Tag color="success" icon={<CheckCircleOutlined />}>
                      {t('matters.measure.done')}
                    </Tag>
                  )}
                </div>
                <Typography.Text type="secondary" className="measure-meta">
                  {t('matters.measure.owner')}：{m.ownerName}
                  {m.dueOn ? ` · ${t('matters.measure.dueOn')}：${m.dueOn}` : ''}
                  {m.doneAt ? ` · ${t('matters.measure.doneAt', { at: formatDateTime(m.doneAt).slice(0, 16) })}` : ''}
                </Typography.Text>
                <Progress percent={m.done ? 100 : m.progress} size="small" className="measure-progress" />
                {m.evidence && <div className="measure-evidence">{m.evidence}</div>}
              </div>
            </List.Item>
          )}
        />
      )}
      <MeasureModal matter={matter} measure={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function MeasureModal({ matter, measure, onClose }: { matter: MatterDetail; measure: Measure | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const write = useMatterWrite<MeasureInput>(matter.id);
  const [form] = Form.useForm<Values>();
  const existing = measure && measure !== 'new' ? measure : null;

  const submit = async (v: Values) => {
    const body: MeasureInput = {
      version: matter.version,
      content: v.content.trim(),
      ownerName: v.ownerName.trim(),
      dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
      progress: v.progress,
      done: v.done,
      evidence: v.evidence?.trim() || null,
    };
    try {
      if (existing) await write.mutateAsync({ path: `measures/${existing.id}`, body, method: 'PATCH' });
      else await write.mutateAsync({ path: 'measures', body });
      onClose();
    } catch (err) {
      report(err, form);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <Modal
      open={measure !== null}
      title={existing ? t('matters.measure.edit') : t('matters.measure.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        className="modal-form"
        data-testid="measure-form"
        initialValues={
          existing
            ? { content: existing.content, ownerName: existing.ownerName, dueOn: existing.dueOn ? dayjs(existing.dueOn) : null, progress: existing.progress, done: existing.done, evidence: existing.evidence ?? undefined }
            : { progress: 0, done: false }
        }
      >
        <Form.Item name="content" label={t('matters.measure.content')} rules={required(t('matters.measure.content'))}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="ownerName" label={t('matters.measure.owner')} rules={required(t('matters.measure.owner'))}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('matters.measure.dueOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="progress" label={t('matters.measure.progress')}>
            <InputNumber min={0} max={100} step={10} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="done" label={t('matters.measure.done')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
        <Form.Item name="evidence" label={t('matters.measure.evidence')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
