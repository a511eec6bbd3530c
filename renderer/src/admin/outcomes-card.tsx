/** 结果代码 — the outcome list as IT adapts it: rename a code's labels, retire it from new records. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { OUTCOME_CODES, OUTCOMES } from '../../../shared/conduct';
import type { OutcomeLabel } from '../../../shared/contract';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { i18n } from '../i18n';
import { OUTCOMES_KEY } from '../contacts/outcome-labels';
import { ReasonModal } from './reason-modal';

export function OutcomesCard({ canManage }: { canManage: boolean }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<OutcomeLabel | null>(null);
  const own = useQuery({ queryKey: OUTCOMES_KEY, queryFn: () => client.call('contact.outcomes', {}) });
  const rows: OutcomeLabel[] = OUTCOME_CODES.map(
    (code) =>
      own.data?.find((o) => o.code === code) ?? {
        code,
        zh: i18n.getFixedT('zh-CN')(`conduct.outcomes.${code}`),
        en: i18n.getFixedT('en')(`conduct.outcomes.${code}`),
        active: true,
      },
  );
  return (
    <Card title={t('outcomes.title')}>
      <Typography.Paragraph type="secondary">{t('outcomes.intro')}</Typography.Paragraph>
      {own.error && <Alert type="error" showIcon title={labels.error(own.error)} />}
      <Table<OutcomeLabel>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        aria-label={t('outcomes.title')}
        columns={[
          { key: 'code', dataIndex: 'code', title: t('outcomes.code') },
          {
            key: 'group',
            title: t('outcomes.group'),
            render: (_: unknown, r) => t(`conduct.groups.${OUTCOMES[r.code].group}`),
          },
          { key: 'zh', dataIndex: 'zh', title: '中文' },
          { key: 'en', dataIndex: 'en', title: 'English' },
          {
            key: 'active',
            title: t('outcomes.inUse'),
            render: (_: unknown, r) => (r.active ? t('outcomes.yes') : t('outcomes.retired')),
          },
          {
            key: 'act',
            title: t('contacts.actions'),
            render: (_: unknown, r) =>
              canManage ? (
                <Button
                  size="small"
                  aria-label={t('outcomes.editAria', { code: r.code })}
                  onClick={() => setEditing(r)}
                >
                  {t('outcomes.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing && (
        <ReasonModal<{ zh: string; en: string; active: boolean }, OutcomeLabel[]>
          title={t('outcomes.editTitle', { code: editing.code })}
          okText={t('policy.save')}
          initialValues={editing}
          submit={(v) =>
            client.call('contact.setOutcome', {
              code: editing.code,
              zh: v.zh.trim(),
              en: v.en.trim(),
              active: v.active,
              reason: v.reason,
            })
          }
          onDone={(next) => {
            queryClient.setQueryData(OUTCOMES_KEY, next);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        >
          <Form.Item
            name="zh"
            label="中文"
            rules={[{ required: true, whitespace: true, max: 40, message: t('errors.contact.outcomeLabel') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="en"
            label="English"
            rules={[{ required: true, whitespace: true, max: 60, message: t('errors.contact.outcomeLabel') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>{t('outcomes.activeLabel')}</Checkbox>
          </Form.Item>
        </ReasonModal>
      )}
    </Card>
  );
}
