/**
 * After sign-in: what others did to this account, or in its name, since its owner last looked
 * (a reset and who approved it, an unlock, a role or seat change, failed sign-ins), with who,
 * where and when. Shown once: closing it (the button, Escape) acknowledges it.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Modal, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { AuditEventView, SessionInfo } from '../../../shared/contract';
import { describeNotice, type NoticeValues } from '../../../shared/notices';
import { useClient } from './client';
import { formatSeatTime } from './format';
import { useLabels } from './labels';

export function NoticesDialog({ session }: { session: SessionInfo }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [closed, setClosed] = useState(false);
  const notices = useQuery({
    queryKey: ['notices', session.username, session.startedAt],
    queryFn: () => client.call('account.notices', {}),
    staleTime: Infinity,
  });
  const seen = useMutation({
    mutationFn: (through: number) => client.call('account.noticesSeen', { through }),
  });
  const data = notices.data;
  if (closed || !data || data.notices.length === 0) return null;

  const close = () => {
    // Not acknowledged if this fails: they are shown again at the next sign-in.
    seen.mutate(data.through);
    setClosed(true);
  };
  /** The values of a notice as its sentence shows them: roles, actions and reasons by their labels. */
  const shown = (v: NoticeValues): Record<string, string> => ({
    by: v.by ?? '—',
    role: v.role ? labels.roleOf(v.role) : '',
    from: v.from ? labels.roleOf(v.from) : '',
    to: v.to ? labels.roleOf(v.to) : '',
    reason: v.reason ?? '',
    seat: v.seat ?? '',
    what: v.what ? t(`notices.what.${v.what}`) : '',
    account: v.account ?? '',
    refusal: v.refusal ? t(`notices.refusal.${v.refusal}`) : '',
    until: v.until !== undefined ? formatSeatTime(v.until) : '',
    action: v.action ? labels.action(v.action) : '',
  });
  const columns: ColumnsType<AuditEventView> = [
    { key: 'at', title: t('notices.col.time'), render: (_, e) => formatSeatTime(e.at), width: 170 },
    { key: 'seat', title: t('notices.col.seat'), render: (_, e) => <span className="sr-mono">{e.seat ?? '—'}</span> },
    {
      key: 'what',
      title: t('notices.col.what'),
      render: (_, e) => {
        const { kind, values } = describeNotice(e, session.username);
        return t(`notices.kinds.${kind}`, shown(values));
      },
    },
  ];

  return (
    <Modal
      open
      title={t('notices.title')}
      onCancel={close}
      mask={{ closable: false }}
      width={760}
      destroyOnHidden
      footer={
        <Button type="primary" autoFocus onClick={close}>
          {t('notices.ok')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('notices.intro')}</Typography.Paragraph>
      <Table<AuditEventView>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={data.notices}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {data.more > 0 && (
        <Typography.Paragraph type="secondary">{t('notices.more', { n: data.more })}</Typography.Paragraph>
      )}
    </Modal>
  );
}
