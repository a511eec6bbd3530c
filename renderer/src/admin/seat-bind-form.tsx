/** 专机专用 — bind an account to a seat (this one by default). */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { useRefreshAdmin } from './refresh';
import { seatRules } from './seat-rules';

interface BindValues {
  username: string;
  seatId: string;
}

export function SeatBindForm({ seatId, canListAccounts }: { seatId: string; canListAccounts: boolean }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const { message } = App.useApp();
  const refresh = useRefreshAdmin();
  const [form] = Form.useForm<BindValues>();
  const accounts = useQuery({
    queryKey: ['account', 'list'],
    queryFn: () => client.call('account.list', {}),
    enabled: canListAccounts,
  });
  const bind = useMutation({
    mutationFn: (v: BindValues) => client.call('seat.bind', { username: v.username.trim(), seatId: v.seatId.trim() }),
    onSuccess: (_ok, v) => {
      void message.success(t('seats.bound', { username: v.username, seat: v.seatId.trim().toUpperCase() }));
      form.resetFields(['username']);
    },
    onSettled: refresh,
  });
  const options = (accounts.data ?? [])
    .filter((a) => a.state !== 'closed')
    .map((a) => ({ value: a.username, label: `${a.displayName} (${a.username})` }));

  return (
    <Form<BindValues>
      form={form}
      name="seat-bind"
      aria-label={t('seats.bindTitle')}
      layout="inline"
      colon={false}
      initialValues={{ seatId }}
      onFinish={(v) => bind.mutate(v)}
      style={{ rowGap: 8 }}
    >
      <Form.Item
        name="username"
        label={t('seats.account')}
        rules={[{ required: true, message: t('seats.accountRequired') }]}
      >
        {canListAccounts ? (
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} style={{ width: 240 }} />
        ) : (
          <Input spellCheck={false} style={{ width: 200 }} />
        )}
      </Form.Item>
      <Form.Item name="seatId" label={t('seats.seat')} rules={seatRules(t, true)}>
        <Input spellCheck={false} className="sr-mono" style={{ width: 180 }} maxLength={32} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={bind.isPending}>
          {t('seats.bind')}
        </Button>
      </Form.Item>
      {bind.isError && <Alert type="error" showIcon title={labels.error(bind.error)} style={{ width: '100%' }} />}
    </Form>
  );
}
