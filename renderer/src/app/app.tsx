/** Providers (client, react-query, antd locale) and the session lifecycle: an ended session clears every cache. */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientContext, endsSession, type Client } from './client';
import { Gate } from './gate';
import { SessionEndContext } from './session-end';

function Localized({ children }: { children: ReactNode }) {
  const { i18n, t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.language]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f5f8b' } }}
      // Keep "登录" as written: antd's inserted space would change the button's accessible name.
      button={{ autoInsertSpace: false }}
      // Optional fields say so in their label; required ones carry aria-required, not a "*" in their name.
      form={{ requiredMark: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App({ client }: { client: Client }) {
  // Bumping the generation remounts every screen, so nothing from the old session survives.
  const [generation, setGeneration] = useState(0);
  const [queryClient] = useState(() => {
    const onError = (error: unknown) => {
      if (!endsSession(error)) return;
      queryClient.clear();
      setGeneration((g) => g + 1);
    };
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
    });
    return queryClient;
  });
  const endSession = useCallback(() => {
    queryClient.clear();
    setGeneration((g) => g + 1);
  }, [queryClient]);
  useEffect(() => client.subscribe('session.ended', () => endSession()), [client, endSession]);

  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <SessionEndContext.Provider value={endSession}>
          <Localized>
            <Gate key={generation} />
          </Localized>
        </SessionEndContext.Provider>
      </QueryClientProvider>
    </ClientContext.Provider>
  );
}
