/**
 * 外访 on a case: its visit requests with their approvals; an agent requests one; the team's lead
 * approves first, then a field lead (another person) approves naming two field agents; a named
 * visitor reports it. The core checks every rule; the buttons only show who may try.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OutcomeCode } from '../../../shared/conduct';
import { ADDRESS_KINDS, ADDRESS_STATUSES, type SessionInfo, type VisitView } from '../../../shared/contract';
import { seatLocalInstant } from '../../../shared/seat-day';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { ReasonModal } from '../admin/reason-modal';
import { useOutcomes } from './outcome-labels';

const STATE_CLASSES = {
  requested: 'sr-tag-info',
  leadApproved: 'sr-tag-info',
  approved: 'sr-tag-ok',
  refused: 'sr-tag-bad',
  done: undefined,
} as const;

type Dialog = { kind: 'request' } | { kind: 'field'; visit: VisitView } | { kind: 'report'; visit: VisitView };

export function VisitPanel({ caseNo, session }: { caseNo: string; session: SessionInfo }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const key = ['visit', 'list', caseNo] as const;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const visits = useQuery({ queryKey: key, queryFn: () => client.call('visit.list', { caseNo }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const decide = useMutation({
    mutationFn: (v: { visit: number; approve: boolean }) => client.call('visit.decide', v),
    onSuccess: refresh,
  });
  const canApprove = session.permissions.includes('visit.approve');
  const canRequest = session.permissions.includes('contact.make');
  const close = () => {
    setDialog(null);
    refresh();
  };

  return (
    <Card
      title={t('visits.title')}
      extra={canRequest && <Button onClick={() => setDialog({ kind: 'request' })}>{t('visits.request')}</Button>}
    >
      {visits.error && <Alert type="error" showIcon title={labels.error(visits.error)} />}
      {decide.error && <Alert type="error" showIcon title={labels.error(decide.error)} style={{ marginBottom: 12 }} />}
      <Table<VisitView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={visits.data ?? []}
        aria-label={t('visits.title')}
        locale={{ emptyText: t('visits.none') }}
        columns={[
          { key: 'id', title: '#', width: 50, render: (_: unknown, v) => v.id },
          {
            key: 'address',
            title: t('visits.address'),
            render: (_: unknown, v) => t(`visits.addressKinds.${v.addressKind}`),
          },
          { key: 'dates', title: t('visits.dates'), render: (_: unknown, v) => `${v.from} – ${v.to}` },
          { key: 'reason', dataIndex: 'reason', title: t('admin.reason') },
          {
            key: 'state',
            title: t('visits.state'),
            render: (_: unknown, v) => <Tag className={STATE_CLASSES[v.state]}>{t(`visits.states.${v.state}`)}</Tag>,
          },
          {
            key: 'who',
            title: t('visits.who'),
            render: (_: unknown, v) =>
              t('visits.whoText', {
                requested: v.requestedBy,
                lead: v.leadBy ?? '—',
                field: v.fieldBy ?? '—',
                visitors: v.visitors.join(', ') || '—',
              }),
          },
          {
            key: 'act',
            title: t('contacts.actions'),
            render: (_: unknown, v) => (
              <Space wrap>
                {canApprove && v.requestedBy !== session.username && v.state === 'requested' && (
                  <>
                    <Button size="small" type="primary" onClick={() => decide.mutate({ visit: v.id, approve: true })}>
                      {t('visits.approve')}
                    </Button>
                    <Button size="small" onClick={() => decide.mutate({ visit: v.id, approve: false })}>
                      {t('visits.refuse')}
                    </Button>
                  </>
                )}
                {canApprove && v.leadBy !== session.username && v.state === 'leadApproved' && (
                  <>
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: 'field', visit: v })}>
                      {t('visits.approveField')}
                    </Button>
                    <Button size="small" onClick={() => decide.mutate({ visit: v.id, approve: false })}>
                      {t('visits.refuse')}
                    </Button>
                  </>
                )}
                {v.state === 'approved' && v.visitors.includes(session.username) && (
                  <Button size="small" type="primary" onClick={() => setDialog({ kind: 'report', visit: v })}>
                    {t('visits.report')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'request' && (
        <ReasonModal<{ addressKind: (typeof ADDRESS_KINDS)[number]; from: string; to: string }, unknown>
          title={t('visits.requestTitle', { caseNo })}
          okText={t('visits.request')}
          initialValues={{ addressKind: 'home' }}
          submit={(v) =>
            client.call('visit.request', {
              caseNo,
              addressKind: v.addressKind,
              from: v.from,
              to: v.to,
              reason: v.reason,
            })
          }
          onDone={close}
          onCancel={() => setDialog(null)}
        >
          <Form.Item name="addressKind" label={t('visits.address')}>
            <Select
              aria-label={t('visits.address')}
              options={ADDRESS_KINDS.map((k) => ({ value: k, label: t(`visits.addressKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="from"
            label={t('visits.from')}
            rules={[{ required: true, message: t('errors.contact.badDay') }]}
          >
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Form.Item name="to" label={t('visits.to')} rules={[{ required: true, message: t('errors.contact.badDay') }]}>
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
        </ReasonModal>
      )}
      {dialog?.kind === 'field' && <FieldApproval visit={dialog.visit} onDone={close} />}
      {dialog?.kind === 'report' && <ReportModal visit={dialog.visit} onDone={close} />}
    </Card>
  );
}

/** The field lead's step: the two visitors, chosen among the teams' field agents. */
function FieldApproval({ visit, onDone }: { visit: VisitView; onDone: () => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [form] = Form.useForm<{ visitors: string[] }>();
  const teams = useQuery({ queryKey: ['team', 'list'], queryFn: () => client.call('team.list', {}) });
  const agents = (teams.data ?? []).flatMap((team) => team.members.filter((m) => m.role === 'agent_field'));
  const run = useMutation({
    mutationFn: (v: { visitors: string[] }) =>
      client.call('visit.decide', { visit: visit.id, approve: true, visitors: v.visitors }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={t('visits.fieldTitle', { id: visit.id })}
      okText={t('visits.approveField')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: run.isPending }}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      <Form<{ visitors: string[] }> form={form} layout="vertical" name="visit-field" onFinish={(v) => run.mutate(v)}>
        <Form.Item
          name="visitors"
          label={t('visits.visitors')}
          rules={[{ required: true, type: 'array', len: 2, message: t('errors.visit.twoVisitors') }]}
        >
          <Select
            mode="multiple"
            maxCount={2}
            aria-label={t('visits.visitors')}
            options={agents.map((a) => ({ value: a.username, label: `${a.displayName} (${a.username})` }))}
          />
        </Form.Item>
        {run.isError && <Alert type="error" showIcon title={labels.error(run.error)} />}
      </Form>
    </Modal>
  );
}

interface ReportValues {
  arrived: string;
  left: string;
  addressStatus: (typeof ADDRESS_STATUSES)[number];
  personMet: string;
  consent?: boolean;
  outcome: OutcomeCode;
  media?: string;
}

function ReportModal({ visit, onDone }: { visit: VisitView; onDone: () => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const outcomes = useOutcomes();
  const [form] = Form.useForm<ReportValues>();
  const run = useMutation({
    mutationFn: (v: ReportValues) =>
      client.call('visit.report', {
        visit: visit.id,
        arrivedAt: seatLocalInstant(v.arrived) ?? 0,
        leftAt: seatLocalInstant(v.left) ?? 0,
        addressStatus: v.addressStatus,
        personMet: v.personMet.trim(),
        consent: v.consent ?? false,
        outcome: v.outcome,
        media: (v.media ?? '').split(/[\s,]+/).filter(Boolean),
      }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={t('visits.reportTitle', { id: visit.id })}
      okText={t('visits.report')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: run.isPending }}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      <Form<ReportValues> form={form} layout="vertical" name="visit-report" onFinish={(v) => run.mutate(v)}>
        <Form.Item
          name="arrived"
          label={t('visits.arrived')}
          rules={[{ required: true, message: t('visits.timeRequired') }]}
        >
          <Input type="datetime-local" style={{ maxWidth: 260 }} />
        </Form.Item>
        <Form.Item name="left" label={t('visits.left')} rules={[{ required: true, message: t('visits.timeRequired') }]}>
          <Input type="datetime-local" style={{ maxWidth: 260 }} />
        </Form.Item>
        <Form.Item
          name="addressStatus"
          label={t('visits.addressStatus')}
          rules={[{ required: true, message: t('visits.choose') }]}
        >
          <Select
            aria-label={t('visits.addressStatus')}
            options={ADDRESS_STATUSES.map((s) => ({ value: s, label: t(`visits.addressStatuses.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="personMet"
          label={t('visits.personMet')}
          rules={[{ required: true, message: t('visits.choose') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="consent" valuePropName="checked">
          <Checkbox>{t('visits.consent')}</Checkbox>
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('contacts.record.outcome')}
          rules={[{ required: true, message: t('contacts.record.outcomeRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('contacts.record.outcome')}
            options={outcomes.usable.map((c) => ({ value: c, label: outcomes.label(c) }))}
          />
        </Form.Item>
        <Form.Item name="media" label={t('visits.media')} extra={t('visits.mediaHint')}>
          <Input />
        </Form.Item>
        {run.isError && <Alert type="error" showIcon title={labels.error(run.error)} />}
        <Alert type="info" showIcon title={t('visits.reportNote')} />
      </Form>
    </Modal>
  );
}
