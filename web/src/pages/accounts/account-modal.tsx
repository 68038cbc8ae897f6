import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { roles, type Account, type Role } from '../../api/types.ts';
import { isStrongPassword } from '../../lib/password.ts';
import { useReportError } from '../../lib/use-report-error.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { PersonSelect } from '../../components/remote-select.tsx';
import { PasswordInput } from '../../components/password-input.tsx';

interface Values {
  username: string;
  displayName: string;
  personId?: string | null;
  password?: string;
  isActive?: boolean;
  roles: { role?: Role; unitId?: string }[];
}

/** New account (POST /accounts) or edit of name, person, active flag and roles (PATCH). */
export function AccountModal({ open, account, onClose }: { open: boolean; account?: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  // The form is mounted afresh on every opening (destroyOnHidden), so initial values suffice.
  const initialValues = useMemo<Partial<Values>>(
    () =>
      account
        ? { username: account.username, displayName: account.displayName, personId: account.personId, isActive: account.isActive, roles: account.roles.map((r) => ({ role: r.role, unitId: r.unitId })) }
        : { roles: [{}] },
    [account],
  );

  const knownPerson = useMemo(() => (account?.personId && account.personName ? [{ value: account.personId, label: account.personName }] : []), [account]);

  const submit = async (v: Values) => {
    setBusy(true);
    const roleList = v.roles.filter((r) => r.role && r.unitId).map((r) => ({ role: r.role!, unitId: r.unitId! }));
    try {
      if (account) {
        await api.patch<Account>(`/accounts/${account.id}`, { displayName: v.displayName.trim(), personId: v.personId ?? null, isActive: v.isActive, roles: roleList });
        void message.success(t('common.saved'));
      } else {
        await api.post<Account>('/accounts', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          ...(v.personId ? { personId: v.personId } : {}),
          password: v.password,
          roles: roleList,
        });
        void message.success(t('common.created'));
      }
      await Promise.all([qc.invalidateQueries({ queryKey: keys.accounts }), qc.invalidateQueries({ queryKey: keys.units })]);
      onClose();
    } catch (err) {
      // 409 carries no field, but the user needs to see it next to the username.
      if (isApiError(err, 'USERNAME_TAKEN')) form.setFields([{ name: 'username', errors: [err.message] }]);
      else report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={account ? t('accounts.editTitle', { username: account.username }) : t('accounts.createTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} initialValues={initialValues} clearOnDestroy layout="vertical" onFinish={submit} disabled={busy} className="modal-form">
        <div className="form-row">
          <Form.Item
            name="username"
            label={t('accounts.username')}
            extra={account ? undefined : t('accounts.usernameHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('accounts.username') }) },
              { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('accounts.usernameFormat') },
            ]}
          >
            <Input disabled={!!account} autoComplete="off" maxLength={32} />
          </Form.Item>
          <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('accounts.displayName') }) }, { max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item name="personId" label={t('accounts.person')}>
          <PersonSelect known={knownPerson} placeholder={t('accounts.personPlaceholder')} />
        </Form.Item>
        {account ? (
          <Form.Item name="isActive" label={t('accounts.isActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('accounts.initialPassword')}
            extra={
              <>
                {t('auth.passwordRule')}
                <br />
                {t('accounts.initialPasswordHint')}
              </>
            }
            rules={[
              { required: true, message: t('common.required', { field: t('accounts.initialPassword') }) },
              { validator: (_, v: string | undefined) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordWeak')))) },
            ]}
          >
            <PasswordInput />
          </Form.Item>
        )}
        <Form.Item label={t('accounts.roles')} required className="roles-item">
          <Form.List
            name="roles"
            rules={[
              {
                validator: async (_, list: Values['roles'] | undefined) => {
                  if (!list || list.length === 0) throw new Error(t('accounts.rolesRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <div key={field.key} className="role-row">
                    <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('common.requiredSelect', { field: t('accounts.role') }) }]} className="role-row-role">
                      <Select placeholder={t('accounts.role')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unitId']} rules={[{ required: true, message: t('common.requiredSelect', { field: t('accounts.unit') }) }]} className="role-row-unit">
                      <UnitTreeSelect placeholder={t('accounts.unit')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="remove" className="role-row-remove" />
                  </div>
                ))}
                <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} block>
                  {t('accounts.addRole')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
