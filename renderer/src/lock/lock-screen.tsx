/** 锁屏 — the session was locked: only the same user's password reopens it (as a new login). */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Space, Typography } from 'antd';
import type { SessionInfo, VaultStatus } from '../../../shared/contract';
import { AuthLayout } from '../app/auth-layout';
import { CallFailure, useClient } from '../app/client';
import { useLabels } from '../app/labels';
import type { EndNotice } from '../app/session-end';

interface LockProps {
  status: VaultStatus;
  notice: EndNotice;
  onUnlocked: (info: SessionInfo) => void;
  onSwitchUser: () => void;
}

export function LockScreen({ status, notice, onUnlocked, onSwitchUser }: LockProps) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [form] = Form.useForm<{ password: string }>();
  const unlock = useMutation({
    mutationFn: (password: string) => client.call('session.login', { username: notice.username, password }),
    onSuccess: onUnlocked,
    onError: () => form.setFieldValue('password', ''),
  });
  const message =
    unlock.error instanceof CallFailure && unlock.error.code === 'AUTH_FAILED'
      ? t('lock.wrongPassword')
      : labels.error(unlock.error);

  return (
    <AuthLayout title={t('lock.title')}>
      <Typography.Paragraph>{t('lock.intro', { name: notice.displayName })}</Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'user', label: t('lock.user'), children: `${notice.displayName} (${notice.username})` },
          { key: 'seat', label: t('login.seat'), children: <span className="sr-mono">{status.seatId ?? '—'}</span> },
        ]}
      />
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        name="unlock"
        onFinish={(v) => unlock.mutate(v.password)}
      >
        <Form.Item
          name="password"
          label={t('lock.password')}
          rules={[{ required: true, message: t('form.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        {unlock.isError && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={unlock.isPending}>
            {t('lock.unlock')}
          </Button>
          <Button block onClick={onSwitchUser} disabled={unlock.isPending}>
            {t('lock.switchUser')}
          </Button>
        </Space>
      </Form>
    </AuthLayout>
  );
}
