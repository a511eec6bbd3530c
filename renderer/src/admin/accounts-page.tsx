/** 账号管理 — the accounts on this vault; IT adds, resets, unlocks, closes and re-roles them. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space } from 'antd';
import { useState, type Ref } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { AccountActionModal, type AccountAction } from './account-action-modal';
import { AccountsTable } from './accounts-table';
import { AddAccountForm } from './add-account-form';

export function AccountsPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [action, setAction] = useState<AccountAction | null>(null);
  const accounts = useQuery({ queryKey: ['account', 'list'], queryFn: () => client.call('account.list', {}) });
  const canManage = session.permissions.includes('account.manage');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('accounts.title')} headingRef={headingRef} />
      <Card title={t('accounts.list')}>
        {accounts.isError && (
          <Alert type="error" showIcon title={labels.error(accounts.error)} style={{ marginBottom: 16 }} />
        )}
        <AccountsTable
          accounts={accounts.data ?? []}
          loading={accounts.isFetching}
          canManage={canManage}
          onAction={(kind, account) => setAction({ kind, account })}
        />
      </Card>
      {canManage && (
        <Card title={t('accounts.addTitle')}>
          <AddAccountForm seatId={session.seatId} accounts={accounts.data ?? []} />
        </Card>
      )}
      {action && (
        <AccountActionModal
          key={`${action.kind}:${action.account.username}`}
          action={action}
          accounts={accounts.data ?? []}
          onClose={() => setAction(null)}
        />
      )}
    </Space>
  );
}
