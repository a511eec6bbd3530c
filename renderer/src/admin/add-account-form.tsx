/** Add an account (IT only): username, display name, role, initial (one-time) password, and the seat it is bound to. */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import type { AccountDetail } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { useClient } from '../app/client';
import { ROLES, useLabels } from '../app/labels';
import { PASSWORD_MIN, passwordRules, usernameRules } from '../setup/rules';
import { approvalNeeded, ApprovalModal, askedForApproval, type Approval } from './approval-modal';
import { useRefreshAdmin } from './refresh';
import { seatRules } from './seat-rules';

interface AddValues {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
  seatId?: string;
}

export function AddAccountForm({ seatId, accounts }: { seatId: string; accounts: readonly AccountDetail[] }) {
  const labels = useLabels();
  const { t } = labels;
  const { message } = App.useApp();
  const client = useClient();
  const refresh = useRefreshAdmin();
  const [form] = Form.useForm<AddValues>();
  // A new auditor or general manager once the vault has one: the second person approves first.
  const [pending, setPending] = useState<AddValues | null>(null);
  const call = (v: AddValues, approval?: Approval) =>
    client.call('account.add', {
      username: v.username.trim(),
      displayName: v.displayName?.trim() || undefined,
      role: v.role,
      password: v.password,
      seatId: v.seatId?.trim() || undefined,
      approval,
    });
  const added = (v: AddValues) => {
    void message.success(t('accounts.added', { username: v.username.trim().toLowerCase() }));
    form.resetFields();
  };
  const add = useMutation({
    mutationFn: (v: AddValues) =>
      approvalNeeded(accounts, 'account.add', v.username, v.role)
        ? Promise.resolve({ approve: v })
        : askedForApproval(call(v), v),
    onSuccess: (r, v) => {
      if ('approve' in r) setPending(r.approve);
      else added(v);
    },
    onSettled: refresh,
  });

  return (
    <>
      <Form<AddValues>
        form={form}
        name="add-account"
        aria-label={t('accounts.addTitle')}
        layout="vertical"
        initialValues={{ seatId }}
        onFinish={(v) => add.mutate(v)}
        style={{ maxWidth: 480 }}
      >
        <Form.Item
          name="username"
          label={t('accounts.username')}
          extra={t('form.usernameHint')}
          rules={usernameRules(t)}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayNameOptional')}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('accounts.role')}
          rules={[{ required: true, message: t('accounts.roleRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.password')}
          extra={t('form.passwordRule', { min: PASSWORD_MIN })}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="seatId" label={t('accounts.seatOptional')} extra={t('accounts.seatHint')} rules={seatRules(t)}>
          <Input autoComplete="off" spellCheck={false} className="sr-mono" maxLength={32} />
        </Form.Item>
        {add.isError && <Alert type="error" showIcon title={labels.error(add.error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('accounts.add')}
        </Button>
      </Form>
      {pending && (
        <ApprovalModal
          intro={t('approval.intro.add', {
            username: pending.username.trim().toLowerCase(),
            role: labels.role(pending.role),
          })}
          submit={(approval) => call(pending, approval)}
          onDone={() => {
            added(pending);
            setPending(null);
            void refresh();
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}
