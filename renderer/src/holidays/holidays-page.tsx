/**
 * 节假日 — the holiday calendar: each year with its notice, hash, importer and approver, and the
 * import of next year's file: checked and shown as a diff first, then a second person holding
 * holiday.approve types their name and password here to approve it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, List, Space, Table, Typography } from 'antd';
import { useState, type ChangeEvent, type Ref } from 'react';
import type { CalendarState, SessionInfo, YearDiff } from '../../../shared/contract';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';

export const CALENDAR_KEY = ['holiday', 'calendar'] as const;

type Year = CalendarState['years'][number];

export function HolidaysPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const calendar = useQuery({ queryKey: CALENDAR_KEY, queryFn: () => client.call('holiday.calendar', {}) });
  const [text, setText] = useState<string | null>(null);
  const [form] = Form.useForm<{ username: string; password: string }>();
  const check = useMutation({ mutationFn: (file: string) => client.call('holiday.check', { text: file }) });
  const run = useMutation({
    mutationFn: (v: { username: string; password: string; diff: YearDiff }) =>
      client.call('holiday.import', {
        text: text ?? '',
        sha256: v.diff.sha256,
        approval: { username: v.username.trim(), password: v.password },
      }),
    onSuccess: () => {
      form.resetFields();
      setText(null);
      check.reset();
      void queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
  });
  const canImport = session.permissions.includes('holiday.manage');

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    run.reset();
    if (!file) return;
    void file.text().then((content) => {
      setText(content);
      check.mutate(content);
    });
  };
  const day = (d: { date: string; name: string; off: boolean }) =>
    `${d.date} ${d.off ? t('holidays.off') : t('holidays.workday')} ${d.name}`;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('holidays.title')} headingRef={headingRef} />
      {calendar.error && <Alert type="error" showIcon title={labels.error(calendar.error)} />}
      <Card title={t('holidays.years')}>
        <Table<Year>
          size="small"
          rowKey="year"
          pagination={false}
          loading={calendar.isLoading}
          dataSource={calendar.data?.years ?? []}
          aria-label={t('holidays.years')}
          columns={[
            { key: 'y', dataIndex: 'year', title: t('holidays.year') },
            { key: 's', title: t('holidays.source'), render: (_: unknown, y) => t(`holidays.sources.${y.source}`) },
            { key: 'o', title: t('holidays.offDays'), render: (_: unknown, y) => y.days.filter((d) => d.off).length },
            { key: 'w', title: t('holidays.workdays'), render: (_: unknown, y) => y.days.filter((d) => !d.off).length },
            {
              key: 'b',
              title: t('holidays.importedBy'),
              render: (_: unknown, y) =>
                y.importedBy
                  ? t('holidays.byText', {
                      by: y.importedBy,
                      approver: y.approvedBy ?? '',
                      at: formatSeatTime(y.importedAt).slice(0, 16),
                    })
                  : '—',
            },
            {
              key: 'h',
              title: 'SHA-256',
              render: (_: unknown, y) => <Typography.Text code>{y.sha256.slice(0, 16)}…</Typography.Text>,
            },
          ]}
        />
      </Card>
      {canImport && (
        <Card title={t('holidays.import')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('holidays.importIntro')}</Typography.Paragraph>
            <label>
              {t('holidays.file')}{' '}
              <input type="file" accept=".json,application/json" onChange={choose} aria-label={t('holidays.file')} />
            </label>
            {check.error && <Alert type="error" showIcon title={labels.error(check.error)} />}
            {check.data && (
              <>
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={t('holidays.year')}>{check.data.year}</Descriptions.Item>
                  <Descriptions.Item label={t('holidays.notice')}>{check.data.papers.join(' ')}</Descriptions.Item>
                  <Descriptions.Item label="SHA-256">
                    <Typography.Text code>{check.data.sha256}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('holidays.replaces')}>
                    {check.data.replaces ?? t('holidays.newYear')}
                  </Descriptions.Item>
                </Descriptions>
                <List
                  size="small"
                  bordered
                  aria-label={t('holidays.diff')}
                  header={t('holidays.diff')}
                  dataSource={[
                    ...check.data.added.map((d) => `+ ${day(d)}`),
                    ...check.data.removed.map((d) => `− ${day(d)}`),
                    ...check.data.changed.map((d) => `~ ${day(d)}`),
                  ]}
                  locale={{ emptyText: t('holidays.noDiff') }}
                  renderItem={(line) => <List.Item>{line}</List.Item>}
                />
                <Form
                  form={form}
                  layout="vertical"
                  name="holiday-approval"
                  onFinish={(v) => check.data && run.mutate({ ...v, diff: check.data })}
                  style={{ maxWidth: 420 }}
                >
                  <Typography.Paragraph strong>{t('holidays.approverIntro')}</Typography.Paragraph>
                  <Form.Item
                    name="username"
                    label={t('holidays.approver')}
                    rules={[{ required: true, message: t('form.usernameRequired') }]}
                  >
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name="password"
                    label={t('holidays.approverPassword')}
                    rules={[{ required: true, message: t('form.passwordRequired') }]}
                  >
                    <Input.Password autoComplete="off" />
                  </Form.Item>
                  {run.error && (
                    <Alert type="error" showIcon title={labels.error(run.error)} style={{ marginBottom: 12 }} />
                  )}
                  <Button type="primary" htmlType="submit" loading={run.isPending}>
                    {t('holidays.importButton')}
                  </Button>
                </Form>
              </>
            )}
            {run.isSuccess && <Alert type="success" showIcon title={t('holidays.imported', { year: run.data.year })} />}
          </Space>
        </Card>
      )}
    </Space>
  );
}
