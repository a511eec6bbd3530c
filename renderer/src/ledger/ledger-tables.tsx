/** The day's accounts (operator ↔ seat ↔ account) and the day's changes, as plain-text tables. */
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { LedgerView } from '../../../shared/contract';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { AuditTable } from '../audit/audit-table';

type Row = LedgerView['accounts'][number];

export function LedgerAccounts({ rows, loading }: { rows: Row[]; loading: boolean }) {
  const labels = useLabels();
  const { t } = labels;
  const time = (at: number | null) => (at ? formatSeatTime(at) : '—');
  const columns: ColumnsType<Row> = [
    { key: 'username', title: t('ledger.col.account'), dataIndex: 'username' },
    { key: 'displayName', title: t('ledger.col.name'), dataIndex: 'displayName' },
    { key: 'role', title: t('ledger.col.role'), render: (_, r) => labels.roleOf(r.role) },
    { key: 'state', title: t('ledger.col.state'), render: (_, r) => <Tag>{labels.state(r.state)}</Tag> },
    {
      key: 'seats',
      title: t('ledger.col.seats'),
      render: (_, r) => (r.seats.length ? <span className="sr-mono">{r.seats.join(', ')}</span> : '—'),
    },
    { key: 'logins', title: t('ledger.col.logins'), dataIndex: 'logins', align: 'right' },
    { key: 'failed', title: t('ledger.col.failed'), dataIndex: 'failedLogins', align: 'right' },
    { key: 'first', title: t('ledger.col.first'), render: (_, r) => time(r.firstLoginAt) },
    { key: 'last', title: t('ledger.col.last'), render: (_, r) => time(r.lastLoginAt) },
  ];
  return (
    <Table<Row>
      rowKey="username"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('ledger.noAccounts') }}
      scroll={{ x: 'max-content' }}
    />
  );
}

export function LedgerChanges({ changes, loading }: { changes: LedgerView['changes']; loading: boolean }) {
  return <AuditTable events={changes} loading={loading} />;
}
