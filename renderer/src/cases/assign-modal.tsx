/** A lead's (or director's) assignment: the selected cases or all that match, to agents, by a rule. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { ASSIGN_RULES, type AssignRule } from '../../../shared/cases';
import type { CaseFilter } from '../../../shared/contract';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';

export type AssignWhat = { caseNos: string[] } | { filter: CaseFilter; total: number };

export function AssignModal({ what, onClose }: { what: AssignWhat; onClose: (assigned: number | null) => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ to: string[]; rule: AssignRule }>();
  const teams = useQuery({ queryKey: ['team', 'list'], queryFn: () => client.call('team.list', {}) });
  const agents = (teams.data ?? []).flatMap((team) =>
    team.members
      .filter((m) => ['agent_phone', 'agent_field', 'team_lead'].includes(m.role))
      .map((m) => ({ value: m.username, label: `${m.displayName || m.username} (${team.name})` })),
  );
  const assign = useMutation({
    mutationFn: (v: { to: string[]; rule: AssignRule }) =>
      client.call('case.assign', { ...what, rule: v.to.length > 1 ? v.rule : 'direct', to: v.to }),
    onSuccess: async ({ assigned }) => {
      await queries.invalidateQueries({ queryKey: ['case'] });
      onClose(assigned);
    },
  });
  const count = 'caseNos' in what ? what.caseNos.length : what.total;

  return (
    <Modal
      open
      title={t('cases.assign.title', { count })}
      okText={t('cases.assign.confirm')}
      cancelText={t('cases.assign.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
      okButtonProps={{ loading: assign.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="assign"
        initialValues={{ to: [], rule: 'roundRobin' }}
        onFinish={(v) => assign.mutate(v)}
      >
        <Typography.Paragraph>{t('cases.assign.intro')}</Typography.Paragraph>
        <Form.Item name="to" label={t('cases.assign.to')}>
          <Select
            mode="multiple"
            options={agents}
            placeholder={t('cases.assign.pool')}
            aria-label={t('cases.assign.to')}
          />
        </Form.Item>
        <Form.Item name="rule" label={t('cases.assign.rule')}>
          <Select
            aria-label={t('cases.assign.rule')}
            options={ASSIGN_RULES.filter((r) => r !== 'direct').map((r) => ({
              value: r,
              label: t(`cases.rules.${r}`),
            }))}
          />
        </Form.Item>
        {assign.error && <Alert type="error" showIcon title={labels.error(assign.error)} />}
      </Form>
    </Modal>
  );
}
