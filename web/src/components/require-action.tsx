import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Action } from '../api/types.ts';
import { useSession } from '../session/session-context.tsx';

/** Renders children only when the session can do `action`; a typed-in URL gets a clear refusal. */
export function RequireAction({ action, children }: { action: Action; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can(action)) return <Result status="403" title={t('error.forbidden')} subTitle={t('error.forbiddenHint')} />;
  return <>{children}</>;
}
