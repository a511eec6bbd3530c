/** The dialogs behind each account row's actions: reset password, unlock, close, change role, failures. */
import { Alert, App, Checkbox, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import type { AccountDetail } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { useClient } from '../app/client';
import { ROLES, useLabels } from '../app/labels';
import { approvalNeeded, ApprovalModal, askedForApproval } from './approval-modal';
import { FailuresDrawer } from './failures-drawer';
import { OneTimePasswordModal } from './one-time-password-modal';
import { ReasonModal } from './reason-modal';
import { useRefreshAdmin } from './refresh';

export type AccountActionKind = 'reset' | 'unlock' | 'close' | 'role' | 'failures';
export interface AccountAction {
  kind: AccountActionKind;
  account: AccountDetail;
}

/** The change IT filled in, waiting for the second person's approval (the dialog's second step). */
type Pending = { kind: 'reset'; reason: string } | { kind: 'role'; reason: string; role: Role };

export function AccountActionModal({
  action,
  accounts,
  onClose,
}: {
  action: AccountAction;
  /** Every account, to tell whether the change needs a second person's approval. */
  accounts: readonly AccountDetail[];
  onClose: () => void;
}) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const { message } = App.useApp();
  const refresh = useRefreshAdmin();
  const [oneTime, setOneTime] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const { username } = action.account;
  const needs = (kind: 'reset' | 'role', role: Role) =>
    approvalNeeded(accounts, kind === 'reset' ? 'account.reset' : 'account.role', username, role);
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
      if (pending?.kind === 'reset')
        return (
          <ApprovalModal
            intro={t('approval.intro.reset', { username, role: labels.role(action.account.role) })}
            submit={(approval) => client.call('account.reset', { username, reason: pending.reason, approval })}
            onDone={(r) => {
              void refresh();
              setPending(null);
              setOneTime(r.password);
            }}
            onCancel={onClose}
          />
        );
      return (
        <ReasonModal<object, { password: string } | { approve: string }>
          title={t('accounts.reset.title', { username })}
          okText={t('accounts.reset.ok')}
          description={<Typography.Paragraph>{t('accounts.reset.intro', { username })}</Typography.Paragraph>}
          submit={(v) =>
            // An auditor's or general manager's password: the second step asks for the approval.
            needs('reset', action.account.role)
              ? Promise.resolve({ approve: v.reason })
              : askedForApproval(client.call('account.reset', { username, reason: v.reason }), v.reason)
          }
          onDone={(r) => {
            if ('approve' in r) {
              setPending({ kind: 'reset', reason: r.approve });
              return;
            }
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
      if (pending?.kind === 'role')
        return (
          <ApprovalModal
            intro={t('approval.intro.role', { username, role: labels.role(pending.role) })}
            submit={(approval) =>
              client.call('account.role', { username, role: pending.role, reason: pending.reason, approval })
            }
            onDone={() => done(t('accounts.roleChange.done', { username }))}
            onCancel={onClose}
          />
        );
      return (
        <ReasonModal<{ role: Role }, { ok: true } | { approve: { reason: string; role: Role } }>
          title={t('accounts.roleChange.title', { username })}
          okText={t('accounts.roleChange.ok')}
          initialValues={{ role: action.account.role }}
          submit={(v) =>
            // Making someone auditor or general manager: the second step asks for the approval.
            v.role !== action.account.role && needs('role', v.role)
              ? Promise.resolve({ approve: { reason: v.reason, role: v.role } })
              : askedForApproval(client.call('account.role', { username, role: v.role, reason: v.reason }), {
                  reason: v.reason,
                  role: v.role,
                })
          }
          onDone={(r) => {
            if ('approve' in r) setPending({ kind: 'role', ...r.approve });
            else done(t('accounts.roleChange.done', { username }));
          }}
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
