import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from './form-errors.ts';

/** Reporter for failed requests: field messages onto the form's fields, the rest into one toast. */
export function useReportError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown, form?: FormInstance, aliases?: Record<string, string>) => {
      const leftovers = form ? applyFieldErrors(form, err, aliases) : [];
      const base = err instanceof Error && err.message ? err.message : t('error.http', { status: '?' });
      void message.error(leftovers.length ? `${base}（${leftovers.join('；')}）` : base);
    },
    [message, t],
  );
}
