/** 岗位权限 — the role × permission matrix; IT edits a role's row and saves it with a reason. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type Ref } from 'react';
import type { MatrixView, SessionInfo } from '../../../shared/contract';
import { PERMISSIONS, type Permission } from '../../../shared/permissions';
import type { Role } from '../../../shared/roles';
import { useClient } from '../app/client';
import { ROLES, useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { ReasonModal } from './reason-modal';

const MATRIX_KEY = ['role', 'matrix'] as const;

function same(a: readonly Permission[], b: readonly Permission[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

export function RolesPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const matrix = useQuery({ queryKey: MATRIX_KEY, queryFn: () => client.call('role.matrix', {}) });
  const [edits, setEdits] = useState<Partial<Record<Role, Permission[]>>>({});
  const [saving, setSaving] = useState<Role | null>(null);
  const canManage = session.permissions.includes('role.manage');
  const saved = (role: Role) => matrix.data?.[role] ?? [];
  const current = (role: Role) => edits[role] ?? saved(role);
  const dirty = (role: Role) => edits[role] !== undefined && !same(edits[role], saved(role));

  const toggle = (role: Role, permission: Permission, on: boolean) => {
    const next = on ? [...current(role), permission] : current(role).filter((p) => p !== permission);
    setEdits((e) => ({ ...e, [role]: PERMISSIONS.filter((p) => next.includes(p)) }));
  };

  const columns: ColumnsType<Role> = [
    {
      key: 'role',
      title: t('matrix.column'),
      fixed: 'start',
      onCell: () => ({ role: 'rowheader' }),
      render: (_, role) => <Typography.Text strong>{labels.role(role)}</Typography.Text>,
    },
    ...PERMISSIONS.map((permission) => ({
      key: permission,
      title: <span className="sr-matrix-head">{labels.permission(permission)}</span>,
      align: 'center' as const,
      onHeaderCell: () => ({ className: 'sr-matrix-cell' }),
      onCell: () => ({ className: 'sr-matrix-cell' }),
      render: (_: unknown, role: Role) => (
        <Checkbox
          checked={current(role).includes(permission)}
          disabled={!canManage}
          aria-label={t('matrix.cell', { role: labels.role(role), permission: labels.permission(permission) })}
          onChange={(e) => toggle(role, permission, e.target.checked)}
        />
      ),
    })),
  ];
  if (canManage)
    columns.push({
      key: 'save',
      title: t('matrix.save'),
      fixed: 'end',
      render: (_, role) => (
        <Button
          size="small"
          type={dirty(role) ? 'primary' : 'default'}
          disabled={!dirty(role)}
          onClick={() => setSaving(role)}
          aria-label={t('matrix.saveFor', { role: labels.role(role) })}
        >
          {t('matrix.save')}
        </Button>
      ),
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('matrix.title')} headingRef={headingRef} />
      <Card title={t('matrix.matrix')}>
        <Typography.Paragraph type="secondary">{t('matrix.intro')}</Typography.Paragraph>
        {matrix.isError && (
          <Alert type="error" showIcon title={labels.error(matrix.error)} style={{ marginBottom: 16 }} />
        )}
        <Table<Role>
          rowKey={(r) => r}
          size="small"
          columns={columns}
          dataSource={matrix.data ? [...ROLES] : []}
          loading={matrix.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          bordered
        />
      </Card>
      {saving && (
        <ReasonModal<object, MatrixView>
          title={t('matrix.saveTitle', { role: labels.role(saving) })}
          okText={t('matrix.save')}
          description={
            <Typography.Paragraph>
              {t('matrix.saveIntro', {
                role: labels.role(saving),
                permissions:
                  current(saving)
                    .map((p) => labels.permission(p))
                    .join(t('matrix.separator')) || t('matrix.none'),
              })}
            </Typography.Paragraph>
          }
          submit={(v) => client.call('role.set', { role: saving, permissions: current(saving), reason: v.reason })}
          onDone={(next) => {
            queryClient.setQueryData(MATRIX_KEY, next);
            setEdits(({ [saving]: _saved, ...rest }) => rest);
            void message.success(t('matrix.saved', { role: labels.role(saving) }));
            setSaving(null);
            void queryClient.invalidateQueries({ queryKey: ['audit'] });
          }}
          onCancel={() => setSaving(null)}
        />
      )}
    </Space>
  );
}
