/** 账号管理台账 — the daily account ledger: pick a day, read it, export it as CSV or PDF. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState, type Ref } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { downloadFile } from '../app/download';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { LedgerAccounts, LedgerChanges } from './ledger-tables';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function LedgerPage({ headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [date, setDate] = useState(() => formatSeatTime(Date.now()).slice(0, 10));
  const valid = DAY.test(date);
  const ledger = useQuery({
    queryKey: ['ledger', 'daily', date],
    queryFn: () => client.call('ledger.daily', { date }),
    enabled: valid,
    // Each reading is logged: read a day once per visit unless asked again.
    staleTime: Infinity,
  });
  const exportAs = useMutation({
    mutationFn: (format: 'csv' | 'pdf') => client.call('ledger.export', { date, format }),
    onSuccess: downloadFile,
  });
  const exporting = exportAs.isPending ? exportAs.variables : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('ledger.title')} headingRef={headingRef} />
      <Card>
        <Space wrap align="end">
          <Form layout="vertical" component="div" name="ledger-day">
            <Form.Item label={t('ledger.date')} htmlFor="ledger-date" style={{ marginBottom: 0 }}>
              <Input
                id="ledger-date"
                type="date"
                value={date}
                onChange={(e) => setDate(e.target.value)}
                style={{ width: 180 }}
              />
            </Form.Item>
          </Form>
          <Button onClick={() => void ledger.refetch()} loading={ledger.isFetching} disabled={!valid}>
            {t('ledger.refresh')}
          </Button>
          <Button
            onClick={() => exportAs.mutate('csv')}
            loading={exporting === 'csv'}
            disabled={!valid || exporting !== null}
          >
            {t('ledger.exportCsv')}
          </Button>
          <Button
            onClick={() => exportAs.mutate('pdf')}
            loading={exporting === 'pdf'}
            disabled={!valid || exporting !== null}
          >
            {t('ledger.exportPdf')}
          </Button>
        </Space>
        {ledger.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('ledger.generated', {
              at: formatSeatTime(ledger.data.generatedAt),
              by: ledger.data.generatedBy,
              seat: ledger.data.seat,
            })}
          </Typography.Paragraph>
        )}
        {ledger.isError && <Alert type="error" showIcon title={labels.error(ledger.error)} style={{ marginTop: 16 }} />}
        {exportAs.isError && (
          <Alert type="error" showIcon title={labels.error(exportAs.error)} style={{ marginTop: 16 }} />
        )}
      </Card>
      <section aria-label={t('ledger.accounts')}>
        <Card title={t('ledger.accounts')}>
          <LedgerAccounts rows={ledger.data?.accounts ?? []} loading={ledger.isFetching} />
        </Card>
      </section>
      <section aria-label={t('ledger.changes')}>
        <Card title={t('ledger.changes')}>
          <LedgerChanges changes={ledger.data?.changes ?? []} loading={ledger.isFetching} />
        </Card>
      </section>
    </Space>
  );
}
