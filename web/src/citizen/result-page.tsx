import { Alert, App, Button, Result } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CitizenReceipt } from './citizen-api.ts';

/** The secret in two groups of four (K7QM-3XPA), easier to read out and copy by hand. */
export function groupSecret(secret: string): string {
  return secret.length === 8 ? `${secret.slice(0, 4)}-${secret.slice(4)}` : secret;
}

/** One value to keep, large, with a copy button. */
function KeepValue({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('citizen.result.copied'));
    } catch {
      // No clipboard on a plain-HTTP page: the value stays on screen to be written down.
      void message.warning(t('citizen.result.copyFailed'));
    }
  };
  return (
    <div className="citizen-keep">
      <div className="citizen-keep-label">{label}</div>
      <div className="citizen-keep-row">
        <span className="citizen-keep-value" data-testid={testId}>
          {value}
        </span>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} aria-label={`${t('citizen.result.copy')} ${label}`}>
          {t('citizen.result.copy')}
        </Button>
      </div>
    </div>
  );
}

/**
 * After a submission: the matter code and the lookup secret, shown prominently with "save this".
 * They come in the navigation state, so a reload of this tab still shows them and nothing is
 * written to the browser's storage.
 */
export function ResultPage() {
  const { t } = useTranslation();
  const receipt = useLocation().state as CitizenReceipt | null;
  if (!receipt?.code) {
    return (
      <div className="citizen-page">
        <Alert type="info" showIcon title={t('citizen.result.missing')} />
        <Link to="/m/lookup">
          <Button type="primary" block size="large" className="citizen-primary">
            {t('citizen.result.lookup')}
          </Button>
        </Link>
      </div>
    );
  }
  return (
    <div className="citizen-page" data-testid="citizen-result">
      <Result status="success" title={t('citizen.result.title')} subTitle={t('citizen.result.intro')} className="citizen-result" />
      <div className="citizen-keep-box">
        <KeepValue label={t('citizen.result.code')} value={receipt.code} testId="citizen-code" />
        {receipt.secret ? <KeepValue label={t('citizen.result.secret')} value={groupSecret(receipt.secret)} testId="citizen-secret" /> : <Alert type="warning" showIcon title={t('citizen.result.noSecret')} />}
      </div>
      <Alert type="warning" showIcon title={t('citizen.result.saveHint')} className="citizen-alert" />
      {/* Only the code is carried over: the secret is typed in, which is how it will be used later. */}
      <Link to="/m/lookup" state={{ code: receipt.code }}>
        <Button type="primary" block size="large" className="citizen-primary" data-testid="citizen-go-lookup">
          {t('citizen.result.lookup')}
        </Button>
      </Link>
      <Link to="/m/submit">
        <Button block size="large" className="citizen-secondary">
          {t('citizen.result.again')}
        </Button>
      </Link>
    </div>
  );
}
