import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN, type Messages } from './zh-cn.ts';
import { enUS } from './en-us.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const languages = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof languages)[number];

const STORAGE_KEY = 'jiceng.lang';

function storedLanguage(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en-US' || v === 'zh-CN') return v;
  } catch {
    // Storage can be unavailable (private mode, policies); Chinese is the default anyway.
  }
  return 'zh-CN';
}

// Resources are bundled, so initialisation is synchronous and the first render is translated.
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function reflectInDocument(lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = i18n.t('app.title');
}
reflectInDocument(currentLanguage());

/** The UI language in use. */
export function currentLanguage(): Lang {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Switches the UI language and remembers it for the next visit. */
export async function setLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
  await i18n.changeLanguage(lang);
  reflectInDocument(lang);
}

export default i18n;
