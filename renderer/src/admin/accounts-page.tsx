/** 账号管理 — the accounts on this vault; IT can add one. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Ref } from 'react';
import type { AccountDetail, SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { AddAccountForm } from './add-account-form';

export function AccountsPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const accounts = useQuery({ queryKey: ['account', 'list'], queryFn: () => client.call('account.list', {}) });
  const columns: ColumnsType<AccountDetail> = [
    { key: 'username', title: t('accounts.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
    { key: 'role', title: t('accounts.role'), render: (_, a) => labels.role(a.role) },
    {
      key: 'state',
      title: t('accounts.state'),
      render: (_, a) => <Tag color={a.state === 'active' ? 'green' : 'default'}>{t(`accounts.states.${a.state}`)}</Tag>,
    },
    { key: 'createdAt', title: t('accounts.created'), render: (_, a) => formatSeatTime(a.createdAt) },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('accounts.title')} headingRef={headingRef} />
      <Card title={t('accounts.list')}>
        {accounts.isError && (
          <Alert type="error" showIcon title={labels.error(accounts.error)} style={{ marginBottom: 16 }} />
        )}
        <Table<AccountDetail>
          rowKey="username"
          size="small"
          columns={columns}
          dataSource={accounts.data ?? []}
          loading={accounts.isFetching}
          pagination={false}
          locale={{ emptyText: t('accounts.empty') }}
        />
      </Card>
      {session.permissions.includes('account.manage') && (
        <Card title={t('accounts.addTitle')}>
          <AddAccountForm />
        </Card>
      )}
    </Space>
  );
}
