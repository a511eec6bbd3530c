/** A case's contact records (催记), newest first: outcome, recording state, promise and whether it was kept, note, corrections. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ContactView, SessionInfo } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { contactKeys } from './call-panel';
import { useOutcomes } from './outcome-labels';
import { RecordModal, type RecordTarget } from './record-modal';

const PROMISE_CLASSES = { pending: 'sr-tag-info', kept: 'sr-tag-ok', broken: 'sr-tag-bad' } as const;
const RECORDING_CLASSES = { referenced: 'sr-tag-ok', missing: 'sr-tag-bad', none: undefined } as const;

export function ContactHistory({ caseNo, session }: { caseNo: string; session: SessionInfo }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const keys = contactKeys(caseNo);
  const outcomes = useOutcomes();
  const [correcting, setCorrecting] = useState<RecordTarget | null>(null);
  const history = useQuery({ queryKey: keys.history, queryFn: () => client.call('contact.history', { caseNo }) });
  const canCorrect = (r: ContactView) =>
    r.correctedBy === null &&
    session.permissions.includes('contact.make') &&
    (r.agent === session.username || session.permissions.includes('contact.override'));

  return (
    <Card title={t('cases.page.history')}>
      {history.error && <Alert type="error" showIcon title={labels.error(history.error)} />}
      <Table<ContactView>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        loading={history.isLoading}
        dataSource={history.data ?? []}
        aria-label={t('cases.page.history')}
        locale={{ emptyText: t('cases.page.noHistory') }}
        columns={[
          { key: 'id', title: '#', width: 60, render: (_: unknown, r) => r.id },
          { key: 'at', title: t('contacts.history.at'), render: (_: unknown, r) => formatSeatTime(r.at).slice(0, 16) },
          { key: 'agent', dataIndex: 'agent', title: t('contacts.history.agent') },
          {
            key: 'number',
            title: t('contacts.number'),
            render: (_: unknown, r) => (r.direction === 'in' ? t('contacts.history.inbound') : (r.numberMask ?? '—')),
          },
          {
            key: 'outcome',
            title: t('contacts.record.outcome'),
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <span>{outcomes.label(r.outcome)}</span>
                {r.corrects !== null && (
                  <Typography.Text type="secondary">
                    {t('contacts.history.corrects', { id: r.corrects })}
                  </Typography.Text>
                )}
                {r.correctedBy !== null && (
                  <Typography.Text type="secondary">
                    {t('contacts.history.correctedBy', { id: r.correctedBy })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            key: 'recording',
            title: t('contacts.history.recording'),
            render: (_: unknown, r) => (
              <Tag className={RECORDING_CLASSES[r.recording]}>{t(`conduct.recording.${r.recording}`)}</Tag>
            ),
          },
          {
            key: 'promise',
            title: t('contacts.history.promise'),
            render: (_: unknown, r) =>
              r.promise ? (
                <Space orientation="vertical" size={0}>
                  <span>
                    {formatFen(r.promise.amountFen)} · {r.promise.on}
                  </span>
                  <Tag className={PROMISE_CLASSES[r.promise.state]}>
                    {t(`contacts.history.promiseStates.${r.promise.state}`, { paid: formatFen(r.promise.paidFen) })}
                  </Tag>
                </Space>
              ) : (
                '—'
              ),
          },
          { key: 'note', dataIndex: 'note', title: t('contacts.record.note') },
          {
            key: 'act',
            title: t('contacts.actions'),
            render: (_: unknown, r) =>
              canCorrect(r) ? (
                <Button
                  size="small"
                  aria-label={t('contacts.history.correctAria', { id: r.id })}
                  onClick={() =>
                    setCorrecting({
                      caseNo,
                      corrects: r.id,
                      number: r.numberMask ?? '—',
                      thirdParty: r.slot?.startsWith('contact') ?? false,
                    })
                  }
                >
                  {t('contacts.history.correct')}
                </Button>
              ) : null,
          },
        ]}
      />
      {correcting && (
        <RecordModal
          target={correcting}
          onDone={() => {
            setCorrecting(null);
            void queryClient.invalidateQueries({ queryKey: keys.history });
          }}
        />
      )}
    </Card>
  );
}
