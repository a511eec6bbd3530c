/** 访问日志 — the access log: filter, page through, verify the chain and export an anchor. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState, type Ref } from 'react';
import type { AuditFilter, SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { seatDayEnd, seatDayStart } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { ExportAnchor } from './anchor-modal';
import { AuditFilters, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';
import { VerifyPanel } from './verify-panel';

const PAGE_SIZE = 50;

function toFilter(v: AuditFilterValues): Omit<AuditFilter, 'limit' | 'beforeSeq'> {
  return {
    actor: v.actor?.trim() || undefined,
    action: v.action || undefined,
    from: v.from ? seatDayStart(v.from) : undefined,
    to: v.to ? seatDayEnd(v.to) : undefined,
  };
}

export function AuditPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [filter, setFilter] = useState<Omit<AuditFilter, 'limit' | 'beforeSeq'>>({});
  // Cursors of the pages above the current one (paging backwards with beforeSeq).
  const [cursors, setCursors] = useState<number[]>([]);
  const beforeSeq = cursors.at(-1);
  const list = useQuery({
    queryKey: ['audit', 'list', filter, beforeSeq],
    queryFn: () => client.call('audit.list', { ...filter, beforeSeq, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const events = list.data?.events ?? [];
  const last = events.at(-1);
  const can = (p: 'audit.verify' | 'audit.anchor') => session.permissions.includes(p);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('audit.title')} headingRef={headingRef} />
      {(can('audit.verify') || can('audit.anchor')) && (
        <Card title={t('audit.integrity')} extra={can('audit.anchor') && <ExportAnchor />}>
          {can('audit.verify') ? <VerifyPanel /> : <Typography.Text>{t('audit.anchor.intro')}</Typography.Text>}
        </Card>
      )}
      <Card title={t('audit.events')}>
        <AuditFilters
          onApply={(v) => {
            setFilter(toFilter(v));
            setCursors([]);
          }}
        />
        {list.isError && <Alert type="error" showIcon title={labels.error(list.error)} style={{ marginBottom: 16 }} />}
        <AuditTable events={events} loading={list.isFetching} />
        <Space style={{ marginTop: 16 }} wrap>
          <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('audit.newer')}
          </Button>
          <Button
            disabled={!last || events.length < PAGE_SIZE || last.seq <= 1}
            onClick={() => last && setCursors((c) => [...c, last.seq])}
          >
            {t('audit.older')}
          </Button>
          <Typography.Text type="secondary" aria-live="polite">
            {t('audit.total', { n: list.data?.total ?? 0 })}
          </Typography.Text>
        </Space>
      </Card>
    </Space>
  );
}
