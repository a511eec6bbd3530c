/** 组 — teams as IT or a director sets them up: make a team, put accounts in (as lead or member), take them out. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { Ref } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';

interface MemberRow {
  key: string;
  team: string;
  username: string;
  displayName: string;
  role: string;
  lead: boolean;
}

export function TeamsPage({ headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queries = useQueryClient();
  const teams = useQuery({ queryKey: ['team', 'list'], queryFn: () => client.call('team.list', {}) });
  const [teamForm] = Form.useForm<{ name: string }>();
  const [memberForm] = Form.useForm<{ team: string; username: string; lead: boolean }>();
  const refresh = () => queries.invalidateQueries({ queryKey: ['team'] });
  const create = useMutation({
    mutationFn: (name: string) => client.call('team.create', { name }),
    onSuccess: async () => {
      teamForm.resetFields();
      await refresh();
    },
  });
  const add = useMutation({
    mutationFn: (v: { team: string; username: string; lead: boolean }) => client.call('team.addMember', v),
    onSuccess: async () => {
      memberForm.resetFields(['username', 'lead']);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (username: string) => client.call('team.removeMember', { username }),
    onSuccess: refresh,
  });
  const rows: MemberRow[] = (teams.data ?? []).flatMap((team) =>
    team.members.map((m) => ({ key: `${team.name}/${m.username}`, team: team.name, ...m })),
  );
  const failure = create.error ?? add.error ?? remove.error ?? teams.error;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('teams.title')} headingRef={headingRef} />
      {failure && <Alert type="error" showIcon title={labels.error(failure)} />}
      <Card title={t('teams.create')}>
        <Form form={teamForm} layout="inline" name="team-create" onFinish={(v) => create.mutate(v.name.trim())}>
          <Form.Item
            name="name"
            label={t('teams.name')}
            rules={[{ required: true, message: t('errors.team.nameInvalid') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Button htmlType="submit" loading={create.isPending}>
            {t('teams.createButton')}
          </Button>
        </Form>
      </Card>
      <Card title={t('teams.addMember')}>
        <Form
          form={memberForm}
          layout="inline"
          name="team-member"
          initialValues={{ lead: false }}
          onFinish={(v) => add.mutate({ ...v, username: v.username.trim() })}
        >
          <Form.Item name="team" label={t('teams.team')} rules={[{ required: true, message: t('teams.chooseTeam') }]}>
            <Select
              style={{ width: 180 }}
              aria-label={t('teams.team')}
              options={(teams.data ?? []).map((team) => ({ value: team.name, label: team.name }))}
            />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('teams.username')}
            rules={[{ required: true, message: t('errors.username.invalid') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="lead" valuePropName="checked">
            <Checkbox>{t('teams.asLead')}</Checkbox>
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('teams.addButton')}
          </Button>
        </Form>
      </Card>
      <Table<MemberRow>
        size="small"
        loading={teams.isLoading}
        dataSource={rows}
        pagination={false}
        aria-label={t('teams.members')}
        locale={{ emptyText: t('teams.none') }}
        columns={[
          { key: 'team', dataIndex: 'team', title: t('teams.team') },
          { key: 'username', dataIndex: 'username', title: t('teams.username') },
          { key: 'displayName', dataIndex: 'displayName', title: t('teams.displayName') },
          { key: 'role', dataIndex: 'role', title: t('teams.role'), render: (r: string) => labels.roleOf(r) },
          {
            key: 'lead',
            dataIndex: 'lead',
            title: t('teams.place'),
            render: (l: boolean) => (l ? <Tag color="blue">{t('teams.lead')}</Tag> : t('teams.member')),
          },
          {
            key: 'remove',
            title: t('teams.actions'),
            render: (_: unknown, r: MemberRow) => (
              <Button
                size="small"
                onClick={() => remove.mutate(r.username)}
                aria-label={t('teams.removeFor', { username: r.username })}
              >
                {t('teams.remove')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
