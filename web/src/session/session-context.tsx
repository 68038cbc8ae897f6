import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError, onSessionRefreshed, onSessionStale, onUnauthorized, setCsrfToken } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { Action, Session } from '../api/types.ts';
import { LoginPage } from '../pages/login-page.tsx';
import { ChangePasswordPage } from '../pages/change-password-page.tsx';

interface SessionValue {
  session: Session;
  can: (action: Action) => boolean;
  /** Replaces the session after a call that returns one (password change). */
  setSession: (s: Session) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api.get<Session>('/auth/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (err) {
    // 401 is the ordinary "not logged in" answer, not a failure.
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** The logged-in session; only usable below SessionGate. */
export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionGate');
  return v;
}

// The login page and the forced password change render in place of the app (no redirect), so a
// deep link still opens once the user has logged in.
/** Renders its children only for a logged-in account that needs no password change. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [expired, setExpired] = useState(false);
  const query = useQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false, refetchOnWindowFocus: true });

  // Data of one account must never show to the next one logging in on the same page.
  const forgetData = useCallback(() => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
  }, [qc]);

  const setSession = useCallback(
    (s: Session | null) => {
      setCsrfToken(s?.csrfToken ?? null);
      qc.setQueryData(keys.session, s);
    },
    [qc],
  );

  useEffect(
    () =>
      onUnauthorized(() => {
        setExpired(true);
        forgetData();
        setSession(null);
      }),
    [forgetData, setSession],
  );
  useEffect(() => onSessionRefreshed((s) => setSession(s)), [setSession]);
  useEffect(() => onSessionStale(() => void qc.invalidateQueries({ queryKey: keys.session })), [qc]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setExpired(false);
      forgetData();
      setSession(null);
    }
  }, [forgetData, setSession]);

  const session = query.data;
  const value = useMemo<SessionValue | null>(
    () => (session ? { session, can: (a) => session.can.includes(a), setSession, logout } : null),
    [session, setSession, logout],
  );

  if (query.isPending) {
    return (
      <div className="full-page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (query.isError && session === undefined) {
    return (
      <div className="full-page-center">
        <Result
          status="warning"
          title={t('error.sessionLoad')}
          subTitle={query.error.message}
          extra={
            <Button type="primary" onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!session || !value) {
    return (
      <LoginPage
        notice={expired ? t('auth.sessionExpired') : undefined}
        onLoggedIn={(s) => {
          setExpired(false);
          // Toasts of the previous account (a refusal, "logged out") are not the new account's business.
          message.destroy();
          forgetData();
          setSession(s);
        }}
      />
    );
  }
  if (session.account.mustChangePassword) {
    return (
      <SessionContext.Provider value={value}>
        <ChangePasswordPage />
      </SessionContext.Provider>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
