/** One custodian's turn: their username, their password and their half of the archive password. */
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { CustodianSlot } from '../../../shared/ceremonies';
import { useLabels } from '../app/labels';

export interface CustodianInput {
  username: string;
  password: string;
  half: string;
}

export function CustodianForm({
  slot,
  defaultUsername,
  busy,
  error,
  onSubmit,
}: {
  slot: CustodianSlot;
  defaultUsername?: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: CustodianInput) => void;
}) {
  const labels = useLabels();
  const { t } = labels;
  const [form] = Form.useForm<CustodianInput>();
  const [shown, setShown] = useState(false);
  const id = (name: string) => `custodian-${slot}-${name}`;
  return (
    <Form
      form={form}
      layout="vertical"
      name={`custodian-${slot}`}
      initialValues={{ username: defaultUsername ?? '' }}
      onFinish={(values) => {
        onSubmit(values);
        // The secrets leave the form as soon as they are sent: the next custodian sees empty fields.
        form.setFieldsValue({ password: '', half: '' });
        setShown(false);
      }}
      style={{ maxWidth: 420 }}
    >
      <Typography.Paragraph>{t(`import.custodian.${slot}.intro`)}</Typography.Paragraph>
      <Form.Item
        label={t('import.custodian.username')}
        name="username"
        htmlFor={id('username')}
        rules={[{ required: true, message: t('import.custodian.required') }]}
      >
        <Input id={id('username')} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('import.custodian.password')}
        name="password"
        htmlFor={id('password')}
        rules={[{ required: true, message: t('import.custodian.required') }]}
      >
        <Input.Password id={id('password')} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('import.custodian.half')}
        name="half"
        htmlFor={id('half')}
        rules={[{ required: true, message: t('import.custodian.required') }]}
      >
        <Input
          id={id('half')}
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          suffix={
            <Button size="small" type="text" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
              {shown ? t('import.custodian.hideHalf') : t('import.custodian.showHalf')}
            </Button>
          }
        />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={labels.error(error)} style={{ marginBottom: 16 }} /> : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t(`import.custodian.${slot}.submit`)}
        </Button>
      </Space>
    </Form>
  );
}
