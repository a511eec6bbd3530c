/**
 * Calls on a case: each number (masked) with what today's rules say of it — callable, or which
 * rule blocks it, its source and when calling becomes possible. Call hands the number to the
 * seat's dialer; the agent never reads it. A lead may lift, for today, a rule the customer added
 * above the floor.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isOverridable, isThirdParty, type OverridableRule } from '../../../shared/conduct';
import type { SessionInfo, SlotVerdict } from '../../../shared/contract';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { ReasonModal } from '../admin/reason-modal';
import { RecordModal, type RecordTarget } from './record-modal';

export const contactKeys = (caseNo: string) => ({
  check: ['contact', 'check', caseNo] as const,
  history: ['contact', 'history', caseNo] as const,
  complaints: ['complaint', 'list', caseNo] as const,
});

export function CallPanel({ caseNo, session }: { caseNo: string; session: SessionInfo }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const keys = contactKeys(caseNo);
  const [recording, setRecording] = useState<RecordTarget | null>(null);
  const [lifting, setLifting] = useState<OverridableRule | null>(null);
  const check = useQuery({ queryKey: keys.check, queryFn: () => client.call('contact.check', { caseNo }) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.check });
    void queryClient.invalidateQueries({ queryKey: keys.history });
    void queryClient.invalidateQueries({ queryKey: ['case', 'get', caseNo] });
  };
  const start = useMutation({
    mutationFn: (v: SlotVerdict) => client.call('contact.start', { caseNo, slot: v.slot }),
    onSuccess: (started, v) => {
      setRecording({ caseNo, callNo: started.callNo, number: v.mask, thirdParty: isThirdParty(v.slot) });
      refresh();
    },
    onError: refresh,
  });
  const canLift = session.permissions.includes('contact.override');

  const status = (v: SlotVerdict) =>
    v.allowed ? (
      <Tag className="sr-tag-ok">{t('contacts.callable')}</Tag>
    ) : (
      <Space orientation="vertical" size={0}>
        <Tag className="sr-tag-bad">{t(`conduct.rules.${v.blockedBy ?? 'caseState'}`)}</Tag>
        <Typography.Text type="secondary">
          {v.nextAt === null
            ? t('contacts.notByWaiting')
            : t('contacts.possibleFrom', { at: formatSeatTime(v.nextAt).slice(0, 16) })}
        </Typography.Text>
      </Space>
    );

  return (
    <Card title={t('contacts.title')}>
      {check.error && <Alert type="error" showIcon title={labels.error(check.error)} />}
      {start.error && <Alert type="error" showIcon title={labels.error(start.error)} style={{ marginBottom: 12 }} />}
      <Table<SlotVerdict>
        size="small"
        rowKey="slot"
        pagination={false}
        loading={check.isLoading}
        dataSource={check.data ?? []}
        aria-label={t('contacts.title')}
        locale={{ emptyText: t('contacts.noNumbers') }}
        expandable={{
          expandedRowRender: (v) => (
            <List
              size="small"
              aria-label={t('contacts.rulesFor', { number: v.mask })}
              dataSource={v.checks}
              renderItem={(c) => (
                <List.Item>
                  <Space>
                    <Tag className={c.ok ? (c.overridden ? 'sr-tag-warn' : 'sr-tag-ok') : 'sr-tag-bad'}>
                      {c.ok ? (c.overridden ? t('contacts.lifted') : t('contacts.passed')) : t('contacts.failed')}
                    </Tag>
                    {t(`conduct.rules.${c.rule}`)}
                    <Typography.Text type="secondary">{c.source}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ),
          expandRowByClick: false,
        }}
        columns={[
          {
            key: 'slot',
            title: t('contacts.number'),
            render: (_: unknown, v) => `${t(`conduct.slots.${v.slot}`)} ${v.mask}`,
          },
          { key: 'whose', title: t('contacts.whose'), render: (_: unknown, v) => v.relation ?? t('contacts.debtor') },
          {
            key: 'today',
            title: t('contacts.today'),
            render: (_: unknown, v) => t('contacts.counts', v.counters),
          },
          { key: 'status', title: t('contacts.now'), render: (_: unknown, v) => status(v) },
          {
            key: 'act',
            title: t('contacts.actions'),
            render: (_: unknown, v) => (
              <Space>
                <Button
                  type="primary"
                  disabled={!v.allowed || start.isPending}
                  loading={start.isPending && start.variables?.slot === v.slot}
                  aria-label={t('contacts.callAria', { number: v.mask })}
                  onClick={() => start.mutate(v)}
                >
                  {t('contacts.call')}
                </Button>
                {canLift && v.blockedBy && isOverridable(v.blockedBy) && (
                  <Button onClick={() => setLifting(v.blockedBy as OverridableRule)}>{t('contacts.lift')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('contacts.dialerNote')}
      </Typography.Paragraph>
      {recording && (
        <RecordModal
          target={recording}
          onDone={() => {
            setRecording(null);
            refresh();
          }}
        />
      )}
      {lifting && (
        <ReasonModal<{ note?: string }, { day: string }>
          title={t('contacts.liftTitle', { rule: t(`conduct.rules.${lifting}`) })}
          okText={t('contacts.lift')}
          description={<Typography.Paragraph>{t('contacts.liftIntro')}</Typography.Paragraph>}
          submit={({ reason }) => client.call('contact.override', { caseNo, rule: lifting, reason })}
          onDone={() => {
            setLifting(null);
            refresh();
          }}
          onCancel={() => setLifting(null)}
        />
      )}
    </Card>
  );
}
