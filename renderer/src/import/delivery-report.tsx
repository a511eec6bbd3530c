/** What both custodians see before anything is written: counts, reconciliation, problems (masked values only). */
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportReportView } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { useLabels } from '../app/labels';

type Problem = ImportReportView['problems'][number];

export function DeliveryReport({
  report,
  archive,
}: {
  report: ImportReportView;
  archive: { name: string; sha256: string };
}) {
  const { t } = useLabels();
  const r = report.reconciliation;
  const columns: ColumnsType<Problem> = [
    {
      key: 'severity',
      title: t('import.report.severity'),
      render: (_, p) => <Tag color={p.severity === 'error' ? 'red' : 'gold'}>{t(`import.report.${p.severity}`)}</Tag>,
    },
    { key: 'source', title: t('import.report.file'), dataIndex: 'source' },
    { key: 'row', title: t('import.report.row'), dataIndex: 'row' },
    {
      key: 'column',
      title: t('import.report.column'),
      render: (_, p) => [p.column, p.ref && `(${p.ref})`].filter(Boolean).join(' '),
    },
    { key: 'reason', title: t('import.report.reason'), render: (_, p) => t(`import.check.${p.code}`) },
    {
      key: 'value',
      title: t('import.report.value'),
      render: (_, p) => <span className="sr-mono">{p.value ?? ''}</span>,
    },
  ];
  return (
    <>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 220 } }}>
        <Descriptions.Item label={t('import.report.archive')}>{archive.name}</Descriptions.Item>
        <Descriptions.Item label="SHA-256">
          <span className="sr-mono">{archive.sha256}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.report.encryption')}>
          {report.encryption === 'aes' ? 'AES' : <Tag color="orange">{t('import.report.weak')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('import.report.batch')}>{report.batchNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('import.report.template')}>{report.template}</Descriptions.Item>
        <Descriptions.Item label={t('import.report.files')}>
          {report.sources.map((s) => `${s.label} (${s.encoding})`).join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('import.report.counts')}>
          {t('import.report.countsText', {
            rows: report.rows,
            accepted: report.accepted,
            rejected: report.rejected,
            skipped: report.skipped,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('import.report.amount')}>{formatFen(report.totalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('import.report.reconciliation')}>
          {r ? (
            <span>
              <Tag color={r.agrees ? 'green' : 'red'}>
                {t(r.agrees ? 'import.report.agrees' : 'import.report.disagrees')}
              </Tag>
              {t('import.report.reconciliationText', {
                source: r.source,
                statedCount: r.caseCount.stated ?? '—',
                foundCount: r.caseCount.found,
                statedAmount: r.totalFen.stated === null ? '—' : formatFen(r.totalFen.stated),
                foundAmount: formatFen(r.totalFen.found),
              })}
            </span>
          ) : (
            t('import.report.noSummary')
          )}
        </Descriptions.Item>
        {report.sources.some((s) => s.unknownHeaders.length > 0) && (
          <Descriptions.Item label={t('import.report.unknownHeaders')}>
            {report.sources.flatMap((s) => s.unknownHeaders).join('、')}
          </Descriptions.Item>
        )}
        {report.ignored.length > 0 && (
          <Descriptions.Item label={t('import.report.ignored')}>{report.ignored.join('; ')}</Descriptions.Item>
        )}
      </Descriptions>
      {report.reconciliation && !report.reconciliation.agrees && (
        <Alert type="warning" showIcon title={t('import.report.disagreesWarning')} style={{ marginTop: 16 }} />
      )}
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('import.report.problems', { count: report.problems.length })}
      </Typography.Title>
      <Table<Problem>
        size="small"
        rowKey={(p) => `${p.source}#${p.row}#${p.code}#${p.column ?? ''}`}
        columns={columns}
        dataSource={report.problems}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('import.report.noProblems') }}
      />
    </>
  );
}
