/** First run: create a new vault in a data directory, with its first IT account. */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import type { VaultStatus } from '../../../shared/contract';
import { AuthLayout } from '../app/auth-layout';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { PASSWORD_MIN, passwordRules, usernameRules } from './rules';

interface SetupValues {
  dataDir: string;
  username: string;
  displayName?: string;
  password: string;
  confirm: string;
}

export function SetupScreen({ status, onCreated }: { status: VaultStatus; onCreated: (next: VaultStatus) => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const create = useMutation({
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
    <AuthLayout title={t('setup.title')}>
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
    </AuthLayout>
  );
}
