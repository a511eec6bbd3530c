/** Filters for the access log: user, action, and a date range in the seat's time zone. */
import { Button, Form, Input, Select, Space } from 'antd';
import { KNOWN_ACTIONS, useLabels } from '../app/labels';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const labels = useLabels();
  const { t } = labels;
  const [form] = Form.useForm<AuditFilterValues>();
  const actions = KNOWN_ACTIONS.map((a) => ({ value: a, label: labels.action(a) }));

  return (
    <Form<AuditFilterValues>
      form={form}
      name="audit-filter"
      layout="inline"
      onFinish={onApply}
      style={{ rowGap: 8, marginBottom: 16 }}
    >
      <Form.Item name="actor" label={t('audit.filter.user')}>
        <Input allowClear spellCheck={false} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.filter.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={actions}
          placeholder={t('audit.filter.anyAction')}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item name="from" label={t('audit.filter.from')}>
        <Input type="date" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="to" label={t('audit.filter.to')}>
        <Input type="date" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('audit.filter.apply')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onApply({});
            }}
          >
            {t('audit.filter.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
