/** The dialogs behind each account row's actions: reset password, unlock, close, change role, failures. */
import { Alert, App, Checkbox, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import type { AccountDetail } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { useClient } from '../app/client';
import { ROLES, useLabels } from '../app/labels';
import { FailuresDrawer } from './failures-drawer';
import { OneTimePasswordModal } from './one-time-password-modal';
import { ReasonModal } from './reason-modal';
import { useRefreshAdmin } from './refresh';

export type AccountActionKind = 'reset' | 'unlock' | 'close' | 'role' | 'failures';
export interface AccountAction {
  kind: AccountActionKind;
  account: AccountDetail;
}

export function AccountActionModal({ action, onClose }: { action: AccountAction; onClose: () => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const { message } = App.useApp();
  const refresh = useRefreshAdmin();
  const [oneTime, setOneTime] = useState<string | null>(null);
  const { username } = action.account;
  const done = (text: string) => {
    void message.success(text);
    void refresh();
    onClose();
  };

  switch (action.kind) {
    case 'failures':
      return <FailuresDrawer username={username} onClose={onClose} />;
    case 'reset':
      if (oneTime !== null)
        return (
          <OneTimePasswordModal
            username={username}
            password={oneTime}
            onClose={() => {
              setOneTime(null);
              onClose();
            }}
          />
        );
      return (
        <ReasonModal<object, { password: string }>
          title={t('accounts.reset.title', { username })}
          okText={t('accounts.reset.ok')}
          description={<Typography.Paragraph>{t('accounts.reset.intro', { username })}</Typography.Paragraph>}
          submit={(v) => client.call('account.reset', { username, reason: v.reason })}
          onDone={(r) => {
            void refresh();
            setOneTime(r.password);
          }}
          onCancel={onClose}
        />
      );
    case 'unlock':
      return (
        <ReasonModal<object, unknown>
          title={t('accounts.unlock.title', { username })}
          okText={t('accounts.unlock.ok')}
          description={
            <Typography.Paragraph>
              {t('accounts.unlock.intro', { username, failures: action.account.failures })}
            </Typography.Paragraph>
          }
          submit={(v) => client.call('account.unlock', { username, reason: v.reason })}
          onDone={() => done(t('accounts.unlock.done', { username }))}
          onCancel={onClose}
        />
      );
    case 'close':
      return (
        <ReasonModal<{ confirm: boolean }, unknown>
          title={t('accounts.close.title', { username })}
          okText={t('accounts.close.ok')}
          danger
          description={
            <Alert
              type="error"
              showIcon
              title={t('accounts.close.warning', { username })}
              style={{ marginBottom: 16 }}
            />
          }
          submit={(v) => client.call('account.close', { username, reason: v.reason })}
          onDone={() => done(t('accounts.close.done', { username }))}
          onCancel={onClose}
        >
          <Form.Item
            name="confirm"
            valuePropName="checked"
            rules={[
              {
                validator: (_r, value: unknown) =>
                  value ? Promise.resolve() : Promise.reject(new Error(t('accounts.close.confirmRequired'))),
              },
            ]}
          >
            <Checkbox>{t('accounts.close.confirm', { username })}</Checkbox>
          </Form.Item>
        </ReasonModal>
      );
    case 'role':
      return (
        <ReasonModal<{ role: Role }, unknown>
          title={t('accounts.roleChange.title', { username })}
          okText={t('accounts.roleChange.ok')}
          initialValues={{ role: action.account.role }}
          submit={(v) => client.call('account.role', { username, role: v.role, reason: v.reason })}
          onDone={() => done(t('accounts.roleChange.done', { username }))}
          onCancel={onClose}
        >
          <Form.Item
            name="role"
            label={t('accounts.roleChange.newRole')}
            rules={[{ required: true, message: t('accounts.roleRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
            />
          </Form.Item>
        </ReasonModal>
      );
  }
}
