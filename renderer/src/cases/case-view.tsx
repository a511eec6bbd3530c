/**
 * One case: its holds, debtor, amounts, masked numbers and addresses, contacts (Reveal beside each
 * value), the numbers to call with today's verdicts, and the contact records.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useState, type Ref } from 'react';
import type { RevealField } from '../../../shared/cases';
import type { CasePage, SessionInfo } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { CallPanel } from '../contacts/call-panel';
import { ComplaintPanel } from '../contacts/complaint-panel';
import { ContactHistory } from '../contacts/contact-history';
import { VisitPanel } from '../contacts/visit-panel';
import { RevealModal, type RevealTarget } from './reveal-modal';

const time = (ms: number | null) => (ms === null ? '—' : formatSeatTime(ms).slice(0, 16));

export function CaseView({
  caseNo,
  session,
  onBack,
  headingRef,
}: {
  caseNo: string;
  session: SessionInfo;
  onBack: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [reveal, setReveal] = useState<RevealTarget | null>(null);
  const page = useQuery({ queryKey: ['case', 'get', caseNo], queryFn: () => client.call('case.get', { caseNo }) });
  const c: CasePage | undefined = page.data;
  const revealButton = (field: RevealField, label: string, ordinal?: number) =>
    c?.canReveal ? (
      <Button
        size="small"
        type="link"
        onClick={() => setReveal({ caseNo, field, label, ...(ordinal ? { ordinal } : {}) })}
        aria-label={t('cases.reveal.button', { field: label })}
      >
        {t('cases.reveal.short')}
      </Button>
    ) : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Button onClick={onBack}>{t('cases.page.back')}</Button>
        <PageTitle text={t('cases.page.title', { caseNo })} headingRef={headingRef} />
      </Space>
      {page.error && <Alert type="error" showIcon title={labels.error(page.error)} />}
      {c && !c.showable && (
        <Alert type="warning" showIcon title={t('cases.page.notShowable', { state: t(`cases.states.${c.state}`) })} />
      )}
      {c?.showable && <ComplaintPanel caseNo={caseNo} session={session} />}
      {c && (
        <Card title={t('cases.page.summary')}>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('cases.columns.name')}>
              {c.name ?? '—'} {c.name && revealButton('name', t('cases.fields.name'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.columns.state')}>{t(`cases.states.${c.state}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.page.batch')}>{c.batchNo}</Descriptions.Item>
            <Descriptions.Item label={t('cases.columns.amount')}>{formatFen(c.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.page.principal')}>
              {c.principalFen === null ? '—' : formatFen(c.principalFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.columns.daysOverdue')}>{c.daysOverdue ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cases.columns.assignee')}>
              {c.assignee ?? '—'} {c.team && <Tag>{c.team}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.columns.firstContactDue')}>{time(c.firstContactDue)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.columns.lastContact')}>{time(c.lastContactAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.page.returnOn')}>{c.returnOn ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {c?.showable && (
        <Card title={t('cases.page.details')}>
          <Descriptions column={1} size="small">
            {c.fields.map((f) => (
              <Descriptions.Item key={f.field} label={t(`cases.fields.${f.field}`)}>
                <span className="sr-masked">{f.value}</span> {revealButton(f.field, t(`cases.fields.${f.field}`))}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
      {c?.showable && (
        <Card title={t('cases.page.contacts')}>
          <Table
            size="small"
            rowKey="ordinal"
            pagination={false}
            dataSource={c.contacts}
            aria-label={t('cases.page.contacts')}
            locale={{ emptyText: t('cases.page.noContacts') }}
            columns={[
              { key: 'ordinal', dataIndex: 'ordinal', title: '#', width: 50 },
              {
                key: 'name',
                title: t('cases.columns.name'),
                render: (_: unknown, r: CasePage['contacts'][number]) => (
                  <>
                    {r.name ?? '—'} {r.name && revealButton('contactName', t('cases.fields.contactName'), r.ordinal)}
                  </>
                ),
              },
              {
                key: 'relation',
                dataIndex: 'relation',
                title: t('cases.page.relation'),
                render: (v: string | null) => v ?? '—',
              },
              {
                key: 'phone',
                title: t('cases.fields.contactPhone'),
                render: (_: unknown, r: CasePage['contacts'][number]) => (
                  <>
                    {r.phone ?? '—'}{' '}
                    {r.phone && revealButton('contactPhone', t('cases.fields.contactPhone'), r.ordinal)}
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
      {c?.showable && session.permissions.includes('contact.make') && <CallPanel caseNo={caseNo} session={session} />}
      {c?.showable && <ContactHistory caseNo={caseNo} session={session} />}
      {c?.showable && <VisitPanel caseNo={caseNo} session={session} />}
      {reveal && <RevealModal target={reveal} onClose={() => setReveal(null)} />}
    </Space>
  );
}
