import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { CalendarDay, CalendarDayKind } from '../../api/types.ts';
import { useReportError } from '../../lib/use-report-error.ts';

interface Values {
  date?: Dayjs;
  kind: CalendarDayKind;
  name?: string;
  note?: string;
}

/** Sets a day (PUT /calendar/days/:date): a new one, or a correction of a listed day. */
export function DayModal({ open, day, defaultYear, onClose, onSaved }: { open: boolean; day?: CalendarDay; defaultYear: number; onClose: () => void; onSaved: (date: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  // The form is mounted afresh on every opening (destroyOnHidden), so initial values suffice.
  const initialValues: Values = day ? { date: dayjs(day.date), kind: day.kind, name: day.name ?? undefined, note: day.note ?? undefined } : { kind: 'holiday' };

  const submit = async (v: Values) => {
    if (!v.date) return;
    const date = v.date.format('YYYY-MM-DD');
    setSaving(true);
    try {
      await api.put(`/calendar/days/${date}`, { kind: v.kind, name: v.name?.trim() || null, note: v.note?.trim() || null });
      await queryClient.invalidateQueries({ queryKey: keys.calendar });
      void message.success(t('calendar.saved', { date }));
      onSaved(date);
    } catch (err) {
      reportError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={day ? t('calendar.editTitle', { date: day.date }) : t('calendar.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('calendar.overrideHint')} className="modal-alert" />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark>
        <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('calendar.date') }) }]}>
          <DatePicker
            format="YYYY-MM-DD"
            disabled={!!day}
            style={{ width: '100%' }}
            defaultPickerValue={dayjs(`${defaultYear}-01-01`)}
            data-testid="calendar-day-date"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
          <Radio.Group data-testid="calendar-day-kind">
            <Radio value="holiday">
              {t('calendar.holidayMark')} · {t('calendar.kindNames.holiday')}
            </Radio>
            <Radio value="workday">
              {t('calendar.workdayMark')} · {t('calendar.kindNames.workday')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')} extra={t('calendar.nameHint')} rules={[{ max: 50 }]}>
          <Input placeholder={t('calendar.namePlaceholder')} maxLength={50} data-testid="calendar-day-name" />
        </Form.Item>
        <Form.Item name="note" label={t('calendar.note')} rules={[{ max: 500 }]}>
          <Input.TextArea placeholder={t('calendar.notePlaceholder')} maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="calendar-day-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
