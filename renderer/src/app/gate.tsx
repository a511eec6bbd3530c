/**
 * Routing by state: no vault → first run; a locked session → the lock screen; no session → login;
 * a password that must change → only the change-password screen; otherwise the signed-in shell.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import type { SessionInfo, VaultStatus } from '../../../shared/contract';
import { LockScreen } from '../lock/lock-screen';
import { LoginScreen } from '../login/login-screen';
import { ForcedPasswordScreen } from '../password/forced-password-screen';
import { SetupScreen } from '../setup/setup-screen';
import { useClient } from './client';
import { IdleGuard } from './idle-guard';
import { useLabels } from './labels';
import { useSessionEnd } from './session-end';
import { SESSION_KEY, STATUS_KEY } from './keys';
import { Shell } from './shell';

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
  const { notice, clearNotice } = useSessionEnd();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => client.call('session.current', {}),
    staleTime: Infinity,
  });
  if (session.isPending) return <Loading />;
  if (session.isError) return <Failed error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    const signedIn = (info: SessionInfo) => {
      clearNotice();
      queryClient.setQueryData(SESSION_KEY, info);
    };
    if (notice?.reason === 'locked')
      return <LockScreen status={status} notice={notice} onUnlocked={signedIn} onSwitchUser={clearNotice} />;
    return <LoginScreen status={status} notice={notice} onSignedIn={signedIn} />;
  }
  return (
    <IdleGuard session={session.data}>
      {session.data.passwordChange ? <ForcedPasswordScreen session={session.data} /> : <Shell session={session.data} />}
    </IdleGuard>
  );
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
