/** The only screen while a password must change: expired, or a one-time password from IT. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Typography } from 'antd';
import type { SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { SESSION_KEY } from '../app/keys';
import { useLabels } from '../app/labels';
import { LanguageSwitch } from '../app/language-switch';
import { useEndSession } from '../app/session-end';
import { ChangePasswordForm } from './change-password-form';

export function ForcedPasswordScreen({ session }: { session: SessionInfo }) {
  const { t } = useLabels();
  const client = useClient();
  const queryClient = useQueryClient();
  const end = useEndSession();
  const logout = useMutation({ mutationFn: () => client.call('session.logout', {}), onSettled: () => end('logout') });
  const why = session.passwordChange === 'expired' ? 'expired' : 'oneTime';

  return (
    <main className="sr-auth">
      <div className="sr-auth-lang">
        <LanguageSwitch />
      </div>
      <Card className="sr-auth-card sr-auth-card-wide">
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t(`password.forced.${why}.title`)}
        </Typography.Title>
        <Alert
          type="info"
          showIcon
          title={t(`password.forced.${why}.intro`, { name: session.displayName })}
          style={{ marginBottom: 16 }}
        />
        <ChangePasswordForm
          session={session}
          onChanged={(info) => queryClient.setQueryData(SESSION_KEY, info)}
          secondary={
            <Button onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('shell.logout')}
            </Button>
          }
        />
      </Card>
    </main>
  );
}
