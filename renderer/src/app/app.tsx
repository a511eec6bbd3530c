/**
 * Providers (client, react-query, antd locale) and the session lifecycle: an ended session clears
 * every cache and all screen state, then the lock screen (locked) or the login screen shows.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/contract';
import { CallFailure, ClientContext, sessionEndReason, type Client } from './client';
import { Gate } from './gate';
import { SESSION_KEY } from './keys';
import { useReauth } from './reauth';
import { SessionEndContext, type EndNotice, type EndReason, type SessionEnd } from './session-end';

function Localized({ children }: { children: ReactNode }) {
  const { i18n, t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.language]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      // Contrast ≥ 4.5:1 (axe, WCAG AA): placeholders, labels, links, danger and the selected menu item darker than antd's.
      theme={{
        token: {
          colorPrimary: '#1f5f8b',
          colorLink: '#1f5f8b',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          // Danger buttons (raise a complaint, close an account) and error text.
          colorError: '#c0262d',
        },
        components: { Menu: { itemSelectedColor: '#17476a', itemSelectedBg: '#e3edf5' } },
      }}
      // Keep "登录" as written: antd's inserted space would change the button's accessible name.
      // A plain spinner: antd's animated one can stick half-gone after a very fast call, leaving
      // "loading" in the button's name for good.
      button={{ autoInsertSpace: false, loadingIcon: <span className="sr-spinner" aria-hidden="true" /> }}
      // Optional fields say so in their label; required ones carry aria-required, not a "*" in their name.
      form={{ requiredMark: false }}
    >
      {children}
    </ConfigProvider>
  );
}

export function App({ client: base }: { client: Client }) {
  // Bumping the generation remounts every screen, so nothing from the old session survives.
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<EndNotice | null>(null);
  const reauth = useReauth(base);
  const cancelReauth = reauth.cancel;
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Calls go over IPC, never the network: the browser's online/offline state must not pause them.
        defaultOptions: {
          queries: { retry: false, refetchOnWindowFocus: false, networkMode: 'always' },
          mutations: { retry: false, networkMode: 'always' },
        },
      }),
  );

  const end = useCallback(
    (reason: EndReason) => {
      const info = queryClient.getQueryData<SessionInfo | null>(SESSION_KEY);
      // Already over in the UI (our own lock, then main's event about it): nothing more to do.
      if (!info) return;
      cancelReauth(new CallFailure('NO_SESSION', 'session.none'));
      queryClient.clear();
      setNotice(reason === 'logout' ? null : { reason, username: info.username, displayName: info.displayName });
      setGeneration((g) => g + 1);
    },
    [queryClient, cancelReauth],
  );
  // Any call that finds the session gone (closed, expired, locked) ends it in the UI too.
  useEffect(() => {
    const check = (error: unknown) => {
      const reason = sessionEndReason(error);
      if (reason) end(reason);
    };
    const stopQueries = queryClient.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') check(e.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') check(e.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, end]);
  useEffect(() => base.subscribe('session.ended', ({ reason }) => end(reason)), [base, end]);

  const sessionEnd = useMemo<SessionEnd>(() => ({ end, notice, clearNotice: () => setNotice(null) }), [end, notice]);

  return (
    <ClientContext.Provider value={reauth.client}>
      <QueryClientProvider client={queryClient}>
        <SessionEndContext.Provider value={sessionEnd}>
          <Localized>
            {/* Remounted with the session: its toasts and dialogs go with it. */}
            <AntApp key={generation}>
              <Gate />
            </AntApp>
            {reauth.prompt}
          </Localized>
        </SessionEndContext.Provider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}
