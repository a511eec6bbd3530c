/**
 * Current password, new password, confirmation; the composition rules shown live, the blocklist
 * and history explained; the core's refusals (reuse, common, context, pattern, similar) shown as given.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { compositionProblems } from '../../../shared/password-rules';
import { CallFailure, useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { RulesChecklist } from './rules-checklist';

interface ChangeValues {
  current: string;
  next: string;
  confirm: string;
}

interface ChangeProps {
  session: SessionInfo;
  onChanged: (info: SessionInfo) => void;
  /** A second button beside Submit (log out on the forced screen, cancel on the voluntary page). */
  secondary?: ReactNode;
}

export function ChangePasswordForm({ session, onChanged, secondary }: ChangeProps) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [form] = Form.useForm<ChangeValues>();
  const next = Form.useWatch('next', form) ?? '';
  const change = useMutation({
    mutationFn: (v: ChangeValues) => client.call('session.changePassword', { current: v.current, next: v.next }),
    onSuccess: onChanged,
    onError: () => form.setFieldsValue({ current: '' }),
  });
  const failure =
    change.error instanceof CallFailure && change.error.code === 'AUTH_FAILED'
      ? t('password.wrongCurrent')
      : labels.error(change.error);

  return (
    <Form<ChangeValues>
      form={form}
      name="change-password"
      aria-label={t('password.formLabel')}
      layout="vertical"
      onFinish={(v) => change.mutate(v)}
    >
      <Form.Item
        name="current"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="next"
        label={t('password.new')}
        // The checklist below is live; the field's own message waits until the user moves on.
        validateTrigger="onBlur"
        rules={[
          { required: true, message: t('password.newRequired') },
          {
            validator: (_rule, value: unknown) =>
              typeof value !== 'string' || value === '' || compositionProblems(value, session.policy).length === 0
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.rulesUnmet'))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <RulesChecklist password={next} policy={session.policy} />
      <Typography.Paragraph type="secondary">{t('password.blocklistNote')}</Typography.Paragraph>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['next']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              !value || getFieldValue('next') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('setup.confirmMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {change.isError && (
        <Alert type="error" showIcon title={t('password.refused')} description={failure} style={{ marginBottom: 16 }} />
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('password.submit')}
        </Button>
        {secondary}
      </Space>
    </Form>
  );
}
