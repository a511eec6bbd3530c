/** Routing by state: no vault → first run; no session → login; otherwise the signed-in shell. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import type { SessionInfo, VaultStatus } from '../../../shared/contract';
import { LoginScreen } from '../login/login-screen';
import { SetupScreen } from '../setup/setup-screen';
import { useClient } from './client';
import { useLabels } from './labels';
import { Shell } from './shell';

export const STATUS_KEY = ['vault', 'status'] as const;
export const SESSION_KEY = ['session', 'current'] as const;

function Loading() {
  const { t } = useLabels();
  return (
    <main className="sr-auth">
      <Spin size="large" aria-label={t('app.loading')} />
    </main>
  );
}

function Failed({ error, retry }: { error: unknown; retry: () => void }) {
  const labels = useLabels();
  return (
    <main className="sr-auth">
      <Result
        status="error"
        title={labels.t('app.failedTitle')}
        subTitle={labels.error(error)}
        extra={<Button onClick={retry}>{labels.t('app.retry')}</Button>}
      />
    </main>
  );
}

function SessionGate({ status }: { status: VaultStatus }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => client.call('session.current', {}),
    staleTime: Infinity,
  });
  if (session.isPending) return <Loading />;
  if (session.isError) return <Failed error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    const signedIn = (info: SessionInfo) => queryClient.setQueryData(SESSION_KEY, info);
    return <LoginScreen status={status} onSignedIn={signedIn} />;
  }
  return <Shell session={session.data} />;
}

export function Gate() {
  const client = useClient();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => client.call('vault.status', {}),
    staleTime: Infinity,
  });
  if (status.isPending) return <Loading />;
  if (status.isError) return <Failed error={status.error} retry={() => void status.refetch()} />;
  if (!status.data.initialized) {
    const created = (next: VaultStatus) => queryClient.setQueryData(STATUS_KEY, next);
    return <SetupScreen status={status.data} onCreated={created} />;
  }
  return <SessionGate status={status.data} />;
}
