/** 席位 — the workstations this vault has seen, which accounts each is bound to, and the import station flag. */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Ref } from 'react';
import type { SeatView, SessionInfo } from '../../../shared/contract';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { useRefreshAdmin } from './refresh';
import { SeatBindForm } from './seat-bind-form';

export function SeatsPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const { modal, message } = App.useApp();
  const refresh = useRefreshAdmin();
  const seats = useQuery({ queryKey: ['seat', 'list'], queryFn: () => client.call('seat.list', {}) });
  const canManage = session.permissions.includes('seat.manage');

  /** Confirms, runs, reports; a refusal is shown in a message (the dialog shows a spinner meanwhile). */
  const confirm = (title: string, content: string, run: () => Promise<unknown>, done: string): void => {
    void modal.confirm({
      title,
      content,
      okText: t('admin.confirm'),
      cancelText: t('admin.cancel'),
      onOk: async () => {
        try {
          await run();
          void message.success(done);
        } catch (error) {
          void message.error(labels.error(error));
        } finally {
          void refresh();
        }
      },
    });
  };

  const unbind = (seat: string, username: string) =>
    confirm(
      t('seats.unbindTitle', { username, seat }),
      t('seats.unbindIntro', { username, seat }),
      () => client.call('seat.unbind', { username, seatId: seat }),
      t('seats.unbound', { username, seat }),
    );
  const flag = (s: SeatView) => {
    const on = !s.importStation;
    const key = on ? 'seats.flagOn' : 'seats.flagOff';
    confirm(
      t(`${key}Title`, { seat: s.seatId }),
      t(`${key}Intro`, { seat: s.seatId }),
      () => client.call('seat.flag', { seatId: s.seatId, importStation: on }),
      t(`${key}Done`, { seat: s.seatId }),
    );
  };

  const columns: ColumnsType<SeatView> = [
    {
      key: 'seat',
      title: t('seats.seat'),
      render: (_, s) => (
        <Space size={4}>
          <span className="sr-mono">{s.seatId}</span>
          {s.seatId === session.seatId && <Tag color="blue">{t('seats.thisSeat')}</Tag>}
        </Space>
      ),
    },
    { key: 'label', title: t('seats.label'), dataIndex: 'label' },
    {
      key: 'import',
      title: t('seats.importStation'),
      render: (_, s) => (s.importStation ? <Tag color="purple">{t('seats.yes')}</Tag> : t('seats.no')),
    },
    { key: 'first', title: t('seats.firstSeen'), render: (_, s) => formatSeatTime(s.firstSeenAt) },
    { key: 'last', title: t('seats.lastSeen'), render: (_, s) => formatSeatTime(s.lastSeenAt) },
    {
      key: 'accounts',
      title: t('seats.accounts'),
      render: (_, s) =>
        s.accounts.length === 0 ? (
          '—'
        ) : (
          <Space orientation="vertical" size={0}>
            {s.accounts.map((u) => (
              <Space key={u} size={4}>
                <span>{u}</span>
                {canManage && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => unbind(s.seatId, u)}
                    aria-label={t('seats.unbindFor', { username: u })}
                  >
                    {t('seats.unbind')}
                  </Button>
                )}
              </Space>
            ))}
          </Space>
        ),
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      title: t('seats.actions'),
      render: (_, s) => (
        <Button size="small" onClick={() => flag(s)}>
          {s.importStation ? t('seats.flagOffButton') : t('seats.flagOnButton')}
        </Button>
      ),
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('seats.title')} headingRef={headingRef} />
      <Card title={t('seats.list')}>
        {seats.isError && (
          <Alert type="error" showIcon title={labels.error(seats.error)} style={{ marginBottom: 16 }} />
        )}
        <Table<SeatView>
          rowKey="seatId"
          size="small"
          columns={columns}
          dataSource={seats.data ?? []}
          loading={seats.isFetching}
          pagination={false}
          locale={{ emptyText: t('seats.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {canManage && (
        <Card title={t('seats.bindTitle')}>
          <SeatBindForm seatId={session.seatId} canListAccounts={session.permissions.includes('account.read')} />
        </Card>
      )}
    </Space>
  );
}
