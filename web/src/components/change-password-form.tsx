import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { isStrongPassword } from '../lib/password.ts';
import { useReportError } from '../lib/use-report-error.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current / new / confirm form for POST /auth/password; hands the renewed session to the caller. */
export function ChangePasswordForm({ onChanged, onCancel }: { onChanged: (s: Session) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const report = useReportError();

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    try {
      onChanged(await api.post<Session>('/auth/password', { currentPassword, newPassword }));
      form.resetFields();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('common.required', { field: t('auth.currentPassword') }) }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.passwordRule')}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.newPassword') }) },
          { validator: (_, v: string | undefined) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordWeak')))) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <div className="form-actions">
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('auth.changePassword')}
        </Button>
      </div>
    </Form>
  );
}
