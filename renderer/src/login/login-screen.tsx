/**
 * Login: this seat and vault (and a floor seat's server), username and password. Failures never
 * say whether the username exists.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input } from 'antd';
import type { SessionInfo, VaultStatus } from '../../../shared/contract';
import { AuthLayout } from '../app/auth-layout';
import { CallFailure, useClient } from '../app/client';
import { shortVaultId } from '../app/format';
import { useLabels } from '../app/labels';
import type { EndNotice } from '../app/session-end';

/** A floor seat's server as people write it: `floor1 @ db.floor.lan:5432` (an IPv6 address in brackets). */
function floorServer(floor: NonNullable<VaultStatus['floor']>): string {
  const host = floor.host.includes(':') ? `[${floor.host}]` : floor.host;
  return `${floor.database} @ ${host}:${floor.port}`;
}

interface LoginValues {
  username: string;
  password: string;
}

interface LoginProps {
  status: VaultStatus;
  /** Why the last session ended, when it did not end by logging out. */
  notice?: EndNotice | null;
  onSignedIn: (info: SessionInfo) => void;
}

export function LoginScreen({ status, notice, onSignedIn }: LoginProps) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [form] = Form.useForm<LoginValues>();
  const login = useMutation({
    mutationFn: (v: LoginValues) => client.call('session.login', { username: v.username.trim(), password: v.password }),
    onSuccess: onSignedIn,
    onError: () => form.setFieldValue('password', ''),
  });
  // Any credential failure reads the same, whether or not the account exists.
  const message =
    login.error instanceof CallFailure && login.error.code === 'AUTH_FAILED'
      ? t('errors.login.failed')
      : labels.error(login.error);

  return (
    <AuthLayout title={t('login.title')}>
      {notice && notice.reason !== 'locked' && (
        <Alert type="warning" showIcon title={t(`login.ended.${notice.reason}`)} style={{ marginBottom: 16 }} />
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'seat', label: t('login.seat'), children: <span className="sr-mono">{status.seatId ?? '—'}</span> },
          {
            key: 'vault',
            label: t('login.vault'),
            children: <span className="sr-mono">{shortVaultId(status.vaultId)}</span>,
          },
          ...(status.floor
            ? [
                {
                  key: 'floor',
                  label: t('login.floor'),
                  children: <span className="sr-mono">{floorServer(status.floor)}</span>,
                },
              ]
            : []),
        ]}
      />
      <Form<LoginValues> form={form} layout="vertical" name="login" onFinish={(v) => login.mutate(v)}>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('form.usernameRequired') }]}
        >
          <Input autoComplete="username" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('form.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {login.isError && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
