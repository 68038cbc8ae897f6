import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Account } from '../../api/types.ts';
import { isStrongPassword } from '../../lib/password.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { PasswordInput } from '../../components/password-input.tsx';

/** Sets a new password for another account (POST /accounts/:id/reset-password). */
export function ResetPasswordModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    if (!account) return;
    setBusy(true);
    try {
      await api.post(`/accounts/${account.id}/reset-password`, { password });
      void message.success(t('accounts.resetDone'));
      await qc.invalidateQueries({ queryKey: keys.accounts });
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!account} title={account ? t('accounts.resetTitle', { name: account.displayName }) : ''} okText={t('accounts.resetPassword')} onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon title={t('accounts.resetHint')} className="modal-alert" />
      <Form form={form} clearOnDestroy layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item
          name="password"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, message: t('common.required', { field: t('auth.newPassword') }) },
            { validator: (_, v: string | undefined) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordWeak')))) },
          ]}
        >
          <PasswordInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
