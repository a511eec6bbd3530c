/**
 * 投诉 / 停催 on a case: open holds shown at the top (they stop every call to the debtor); anyone
 * may raise a complaint; QC or a lead clears one with a reason or marks the bank told.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { COMPLAINT_GRADES, COMPLAINT_KINDS, type ComplaintGrade, type ComplaintKind } from '../../../shared/conduct';
import type { SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { ReasonModal } from '../admin/reason-modal';
import { contactKeys } from './call-panel';

export function ComplaintPanel({ caseNo, session }: { caseNo: string; session: SessionInfo }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const keys = contactKeys(caseNo);
  const [dialog, setDialog] = useState<'raise' | 'clear' | null>(null);
  const list = useQuery({
    queryKey: keys.complaints,
    queryFn: () => client.call('complaint.list', { caseNo, openOnly: false }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.complaints });
    void queryClient.invalidateQueries({ queryKey: keys.check });
  };
  const notify = useMutation({ mutationFn: () => client.call('complaint.notifyBank', { caseNo }), onSuccess: refresh });
  const manage = session.permissions.includes('complaint.manage');
  const open = (list.data ?? []).filter((c) => c.clearedAt === null);
  const untold = (list.data ?? []).some((c) => c.bankNotifiedAt === null);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {open.map((c) => (
        <Alert
          key={c.id}
          type={c.overdue ? 'error' : 'warning'}
          showIcon
          title={t('complaints.holdTitle', {
            kind: t(`conduct.kinds.${c.kind}`),
            grade: t(`conduct.grades.${c.grade}`),
          })}
          description={t('complaints.holdText', {
            by: c.raisedBy,
            at: formatSeatTime(c.raisedAt).slice(0, 16),
            due: c.dueOn,
            reason: c.reason,
          })}
        />
      ))}
      {list.error && <Alert type="error" showIcon title={labels.error(list.error)} />}
      {notify.error && <Alert type="error" showIcon title={labels.error(notify.error)} />}
      <Space wrap>
        <Button danger onClick={() => setDialog('raise')}>
          {t('complaints.raise')}
        </Button>
        {manage && open.length > 0 && <Button onClick={() => setDialog('clear')}>{t('complaints.clear')}</Button>}
        {manage && untold && (
          <Button loading={notify.isPending} onClick={() => notify.mutate()}>
            {t('complaints.bankTold')}
          </Button>
        )}
      </Space>
      {dialog === 'raise' && (
        <ReasonModal<{ kind: ComplaintKind; grade: ComplaintGrade }, unknown>
          title={t('complaints.raiseTitle', { caseNo })}
          okText={t('complaints.raise')}
          danger
          description={<Typography.Paragraph>{t('complaints.raiseIntro')}</Typography.Paragraph>}
          initialValues={{ kind: 'complaint' }}
          submit={(v) => client.call('complaint.raise', { caseNo, kind: v.kind, grade: v.grade, reason: v.reason })}
          onDone={() => {
            setDialog(null);
            refresh();
          }}
          onCancel={() => setDialog(null)}
        >
          <Form.Item name="kind" label={t('complaints.kind')}>
            <Select
              aria-label={t('complaints.kind')}
              options={COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`conduct.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="grade"
            label={t('complaints.grade')}
            rules={[{ required: true, message: t('errors.complaint.gradeRequired') }]}
          >
            <Select
              aria-label={t('complaints.grade')}
              options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`conduct.grades.${g}`) }))}
            />
          </Form.Item>
        </ReasonModal>
      )}
      {dialog === 'clear' && (
        <ReasonModal<object, unknown>
          title={t('complaints.clearTitle', { caseNo })}
          okText={t('complaints.clear')}
          description={<Typography.Paragraph>{t('complaints.clearIntro')}</Typography.Paragraph>}
          submit={({ reason }) => client.call('complaint.clear', { caseNo, reason })}
          onDone={() => {
            setDialog(null);
            refresh();
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </Space>
  );
}
