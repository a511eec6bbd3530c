/**
 * 组长看板 — the lead's board: compliance beside recovery, each agent's day, and the lists that
 * need the lead: first contacts overdue, recordings missing, holds and their deadlines, broken
 * promises.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import type { Ref } from 'react';
import type { LeadBoard, SessionInfo } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';

const time = (ms: number) => formatSeatTime(ms).slice(0, 16);

export function BoardPage({ headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const board = useQuery({ queryKey: ['board', 'lead'], queryFn: () => client.call('board.lead', {}) });
  const b: LeadBoard | undefined = board.data;
  const rate =
    b && b.compliance.connected > 0 ? Math.floor((b.compliance.referenced * 1000) / b.compliance.connected) / 10 : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={b?.team ? t('board.titleTeam', { team: b.team }) : t('board.title')} headingRef={headingRef} />
      {board.error && <Alert type="error" showIcon title={labels.error(board.error)} />}
      {b && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Card title={t('board.compliance')}>
              <Space size="large" wrap>
                <Statistic title={t('board.recordingRate')} value={rate === null ? '—' : `${rate}%`} />
                <Statistic title={t('board.firstContactOverdue')} value={b.compliance.firstContactOverdue} />
                <Statistic title={t('board.holdsOverdue')} value={b.compliance.holdsOverdue} />
              </Space>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('board.recovery')}>
              <Space size="large" wrap>
                <Statistic title={t('board.recovered')} value={formatFen(b.recovery.recoveredFen)} />
                <Statistic title={t('board.promisesKept')} value={b.recovery.promisesKept} />
                <Statistic title={t('board.promisesBroken')} value={b.recovery.promisesBroken} />
              </Space>
            </Card>
          </Col>
        </Row>
      )}
      <Card title={t('board.agents')}>
        <Table
          size="small"
          rowKey="username"
          pagination={false}
          loading={board.isLoading}
          dataSource={b?.agents ?? []}
          aria-label={t('board.agents')}
          locale={{ emptyText: t('board.none') }}
          columns={[
            { key: 'u', dataIndex: 'username', title: t('contacts.history.agent') },
            { key: 'o', dataIndex: 'open', title: t('board.open') },
            { key: 'f', dataIndex: 'firstContactOverdue', title: t('board.firstContactOverdue') },
            { key: 'c', dataIndex: 'callsToday', title: t('board.callsToday') },
            { key: 'r', dataIndex: 'reachedToday', title: t('board.reachedToday') },
            { key: 'm', dataIndex: 'recordingsMissing', title: t('board.recordingsMissing') },
            { key: 'p', dataIndex: 'promisesBroken', title: t('board.promisesBroken') },
          ]}
        />
      </Card>
      <Card title={t('board.firstContactOverdue')}>
        <Table
          size="small"
          rowKey="caseNo"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={b?.firstContactOverdue ?? []}
          aria-label={t('board.firstContactOverdue')}
          locale={{ emptyText: t('board.none') }}
          columns={[
            { key: 'c', dataIndex: 'caseNo', title: t('cases.columns.caseNo') },
            { key: 'a', dataIndex: 'agent', title: t('contacts.history.agent') },
            {
              key: 'd',
              title: t('board.due'),
              render: (_: unknown, r: LeadBoard['firstContactOverdue'][number]) => time(r.due),
            },
          ]}
        />
      </Card>
      <Card title={t('board.holds')}>
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={b?.holds ?? []}
          aria-label={t('board.holds')}
          locale={{ emptyText: t('board.none') }}
          columns={[
            { key: 'c', dataIndex: 'caseNo', title: t('cases.columns.caseNo') },
            {
              key: 'k',
              title: t('complaints.kind'),
              render: (_: unknown, r: LeadBoard['holds'][number]) => t(`conduct.kinds.${r.kind}`),
            },
            {
              key: 'g',
              title: t('complaints.grade'),
              render: (_: unknown, r: LeadBoard['holds'][number]) => t(`conduct.grades.${r.grade}`),
            },
            {
              key: 'd',
              title: t('board.due'),
              render: (_: unknown, r: LeadBoard['holds'][number]) => (
                <Space>
                  {r.dueOn}
                  {r.overdue && <Tag className="sr-tag-bad">{t('board.overdue')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'n',
              title: t('board.bankTold'),
              render: (_: unknown, r: LeadBoard['holds'][number]) =>
                r.bankNotifiedAt === null ? t('board.no') : time(r.bankNotifiedAt),
            },
          ]}
        />
      </Card>
      <Card title={t('board.recordingsMissing')}>
        <Table
          size="small"
          rowKey="record"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={b?.recordingsMissing ?? []}
          aria-label={t('board.recordingsMissing')}
          locale={{ emptyText: t('board.none') }}
          columns={[
            { key: 'r', dataIndex: 'record', title: '#' },
            { key: 'c', dataIndex: 'caseNo', title: t('cases.columns.caseNo') },
            { key: 'a', dataIndex: 'agent', title: t('contacts.history.agent') },
            {
              key: 't',
              title: t('contacts.history.at'),
              render: (_: unknown, r: LeadBoard['recordingsMissing'][number]) => time(r.at),
            },
          ]}
        />
      </Card>
      <Card title={t('board.promisesBroken')}>
        <Table
          size="small"
          rowKey="record"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={b?.promisesBroken ?? []}
          aria-label={t('board.promisesBroken')}
          locale={{ emptyText: t('board.none') }}
          columns={[
            { key: 'c', dataIndex: 'caseNo', title: t('cases.columns.caseNo') },
            { key: 'a', dataIndex: 'agent', title: t('contacts.history.agent') },
            {
              key: 'p',
              title: t('contacts.history.promise'),
              render: (_: unknown, r: LeadBoard['promisesBroken'][number]) =>
                `${formatFen(r.amountFen)} · ${r.on} · ${t('contacts.history.promiseStates.broken', { paid: formatFen(r.paidFen) })}`,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
