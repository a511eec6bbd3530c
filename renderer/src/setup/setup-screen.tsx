/**
 * First run: "this station" creates a new vault in a data directory, with its first IT account;
 * "join a floor" makes the data directory this machine's seat on a floor's server.
 */
import { useIsMutating, useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { VaultStatus } from '../../../shared/contract';
import { AuthLayout } from '../app/auth-layout';
import { useClient } from '../app/client';
import { SETUP_MUTATION } from '../app/keys';
import { useLabels } from '../app/labels';
import { JoinFloorForm } from './join-floor-form';
import { PASSWORD_MIN, passwordRules, usernameRules } from './rules';

type SetupMode = 'station' | 'floor';

interface SetupValues {
  dataDir: string;
  username: string;
  displayName?: string;
  password: string;
  confirm: string;
}

interface SetupProps {
  status: VaultStatus;
  /** The data directory now holds a vault or a floor seat: its new status. */
  onCreated: (next: VaultStatus) => void;
}

export function SetupScreen({ status, onCreated }: SetupProps) {
  const { t } = useLabels();
  const [mode, setMode] = useState<SetupMode>('station');
  // Leaving a form while its call runs would hide the outcome.
  const busy = useIsMutating({ mutationKey: SETUP_MUTATION }) > 0;
  return (
    <AuthLayout title={mode === 'station' ? t('setup.title') : t('setup.floor.title')}>
      <Radio.Group
        aria-label={t('setup.mode')}
        optionType="button"
        buttonStyle="solid"
        value={mode}
        disabled={busy}
        onChange={(e) => setMode(e.target.value as SetupMode)}
        options={[
          { value: 'station', label: t('setup.modes.station') },
          { value: 'floor', label: t('setup.modes.floor') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {mode === 'station' ? (
        <CreateVaultForm status={status} onCreated={onCreated} />
      ) : (
        <JoinFloorForm status={status} onJoined={onCreated} />
      )}
    </AuthLayout>
  );
}

function CreateVaultForm({ status, onCreated }: SetupProps) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const create = useMutation({
    mutationKey: SETUP_MUTATION,
    mutationFn: (v: SetupValues) =>
      client.call('vault.create', {
        dataDir: v.dataDir.trim(),
        username: v.username.trim(),
        displayName: v.displayName?.trim() || undefined,
        password: v.password,
      }),
    onSuccess: onCreated,
  });

  return (
    <>
      <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
      <Form<SetupValues>
        layout="vertical"
        name="setup"
        initialValues={{ dataDir: status.dataDir }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="dataDir"
          label={t('setup.dataDir')}
          extra={t('setup.dataDirHint')}
          rules={[{ required: true, whitespace: true, message: t('setup.dataDirRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} className="sr-mono" />
        </Form.Item>
        <Form.Item name="username" label={t('setup.username')} extra={t('form.usernameHint')} rules={usernameRules(t)}>
          <Input autoComplete="username" spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label={t('setup.displayName')}>
          <Input autoComplete="name" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('setup.password')}
          extra={t('form.passwordRule', { min: PASSWORD_MIN })}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('setup.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: unknown) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('setup.confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {create.isError && (
          <Alert
            type="error"
            showIcon
            title={t('setup.failed')}
            description={labels.error(create.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </>
  );
}
