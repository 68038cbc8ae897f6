import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { BrandMark } from '../components/brand-mark.tsx';

interface LoginForm {
  username: string;
  password: string;
}

/** The login screen; the API's refusal (wrong password, locked account…) is shown as it is worded. */
export function LoginPage({ onLoggedIn, notice }: { onLoggedIn: (s: Session) => void; notice?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api.post<Session>('/auth/login', values));
    } catch (err) {
      const left = applyFieldErrors(form, err);
      setError(isApiError(err) && Object.keys(err.fields).length > 0 && left.length === 0 ? null : err instanceof Error ? err.message : String(err));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <div className="login-panel">
        <section className="login-brand">
          <BrandMark size={56} />
          <h1>{t('app.title')}</h1>
          <p>{t('app.tagline')}</p>
        </section>
        <section className="login-form">
          <Typography.Title level={3}>{t('auth.loginTitle')}</Typography.Title>
          {notice && !error && <Alert className="login-alert" type="info" showIcon title={notice} />}
          {error && <Alert className="login-alert" type="error" showIcon title={error} data-testid="login-error" />}
          <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} disabled={busy}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('auth.username') }) }]}>
              <Input prefix={<UserOutlined />} placeholder={t('auth.usernamePlaceholder')} autoComplete="username" autoFocus maxLength={64} />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" maxLength={256} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('auth.login')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-hint">
            {t('auth.browserHint')}
          </Typography.Paragraph>
        </section>
      </div>
    </div>
  );
}
