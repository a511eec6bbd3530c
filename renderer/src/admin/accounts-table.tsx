/** The accounts table: state as a tag with text, last login, seats, failures, and each row's actions. */
import { Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AccountDetail } from '../../../shared/contract';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import type { AccountActionKind } from './account-action-modal';

const STATE_COLOR: Record<AccountDetail['state'], string> = {
  active: 'green',
  mustChange: 'blue',
  expiring: 'gold',
  locked: 'red',
  closed: 'default',
};

interface AccountsTableProps {
  accounts: AccountDetail[];
  loading: boolean;
  canManage: boolean;
  onAction: (kind: AccountActionKind, account: AccountDetail) => void;
}

export function AccountsTable({ accounts, loading, canManage, onAction }: AccountsTableProps) {
  const labels = useLabels();
  const { t } = labels;
  const action = (kind: AccountActionKind, a: AccountDetail, danger = false) => (
    <Button key={kind} size="small" type="link" danger={danger} onClick={() => onAction(kind, a)}>
      {t(`accounts.actions.${kind}`)}
    </Button>
  );
  const columns: ColumnsType<AccountDetail> = [
    { key: 'username', title: t('accounts.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
    { key: 'role', title: t('accounts.role'), render: (_, a) => labels.role(a.role) },
    {
      key: 'state',
      title: t('accounts.state'),
      render: (_, a) => <Tag color={STATE_COLOR[a.state]}>{labels.state(a.state)}</Tag>,
    },
    {
      key: 'lastLogin',
      title: t('accounts.lastLogin'),
      render: (_, a) => (a.lastLoginAt ? formatSeatTime(a.lastLoginAt) : t('accounts.never')),
    },
    {
      key: 'seats',
      title: t('accounts.seats'),
      render: (_, a) => (a.seats.length ? <span className="sr-mono">{a.seats.join(', ')}</span> : '—'),
    },
    { key: 'failures', title: t('accounts.failures'), dataIndex: 'failures', align: 'right' },
    {
      key: 'actions',
      title: t('accounts.actionsTitle'),
      render: (_, a) => {
        const open = a.state !== 'closed';
        return (
          <Space size={0} wrap>
            {action('failures', a)}
            {canManage && open && action('reset', a)}
            {canManage && (a.state === 'locked' || a.failures > 0) && action('unlock', a)}
            {canManage && open && action('role', a)}
            {canManage && open && action('close', a, true)}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<AccountDetail>
      rowKey="username"
      size="small"
      columns={columns}
      dataSource={accounts}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('accounts.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
