import { App, Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { BrandMark } from '../components/brand-mark.tsx';

/** Shown instead of the app while the account must change its password (first login, reset). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session, setSession, logout } = useSession();
  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card
        className="force-password-card"
        title={
          <span className="force-password-title">
            <BrandMark size={24} />
            {t('auth.mustChangeTitle')}
          </span>
        }
        extra={
          <Button type="link" onClick={() => void logout()}>
            {t('auth.logout')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('auth.mustChangeHint')} className="login-alert" />
        <p className="force-password-user">
          <strong>{session.account.displayName}</strong> · {session.account.username}
        </p>
        <ChangePasswordForm
          onChanged={(s) => {
            void message.success(t('auth.passwordChanged'));
            setSession(s);
          }}
        />
      </Card>
    </div>
  );
}
