import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Lang } from '../i18n/index.ts';

/** The 中文 / English switch; each option names its language in that language. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  // Read i18n.language so the control re-renders when the language changes elsewhere.
  void i18n.language;
  // The wrapper carries the test hook so it does not depend on Segmented passing attributes on.
  return (
    <span data-testid="lang-switch" className={className}>
      <Segmented<Lang>
        size="small"
        aria-label={t('lang.label')}
        value={currentLanguage()}
        onChange={(v) => void setLanguage(v)}
        options={[
          { value: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
          { value: 'en-US', label: <span data-testid="lang-en">English</span> },
        ]}
      />
    </span>
  );
}
