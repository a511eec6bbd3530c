/** The access-log table: newest first, every value rendered as plain text. */
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AuditEventView } from '../../../shared/contract';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';

const OUTCOME_COLOR = { ok: 'green', denied: 'orange', failed: 'red' } as const;

export function AuditTable({ events, loading }: { events: AuditEventView[]; loading: boolean }) {
  const labels = useLabels();
  const { t } = labels;
  const columns: ColumnsType<AuditEventView> = [
    { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 70 },
    { key: 'at', title: t('audit.col.time'), render: (_, e) => formatSeatTime(e.at), width: 170 },
    { key: 'actor', title: t('audit.col.user'), render: (_, e) => e.actor ?? '—' },
    { key: 'seat', title: t('audit.col.seat'), render: (_, e) => <span className="sr-mono">{e.seat ?? '—'}</span> },
    {
      key: 'action',
      title: t('audit.col.action'),
      render: (_, e) => <Typography.Text title={e.action}>{labels.action(e.action)}</Typography.Text>,
    },
    {
      key: 'object',
      title: t('audit.col.object'),
      render: (_, e) =>
        e.object ? (
          <Typography.Text ellipsis={{ tooltip: e.object }} style={{ maxWidth: 160 }}>
            {e.object}
          </Typography.Text>
        ) : (
          ''
        ),
    },
    {
      key: 'outcome',
      title: t('audit.col.outcome'),
      render: (_, e) => <Tag color={OUTCOME_COLOR[e.outcome]}>{labels.outcome(e.outcome)}</Tag>,
    },
  ];
  return (
    <Table<AuditEventView>
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={events}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('audit.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
