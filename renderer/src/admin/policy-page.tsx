/** 安全策略 — every policy setting with its allowed range; IT saves changes with a reason. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Divider, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect, type Ref } from 'react';
import { CHANNELS, MISSING_YEAR_MODES } from '../../../shared/conduct';
import { PasswordClassSchema, type PolicyView, type SessionInfo } from '../../../shared/contract';
import { clockOf } from '../../../shared/seat-day';
import { CallFailure, useClient } from '../app/client';
import { SESSION_KEY } from '../app/keys';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import {
  BOUNDS,
  changedFields,
  CLOCK_CHOICES,
  CLOCK_FIELDS,
  FIXED_CLASSES,
  POLICY_GROUPS,
  type ClockField,
  type NumberField,
} from './policy-fields';
import { useRefreshAdmin } from './refresh';
import { OutcomesCard } from './outcomes-card';
import { TemplatesCard } from './templates-card';
import { VaultKeyCard } from './vault-key-card';

const POLICY_KEY = ['policy'] as const;
type PolicyValues = PolicyView & { reason: string };

export function PolicyPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useRefreshAdmin();
  const [form] = Form.useForm<PolicyValues>();
  const policy = useQuery({ queryKey: POLICY_KEY, queryFn: () => client.call('policy.get', {}) });
  const canManage = session.permissions.includes('policy.manage');
  const save = useMutation({
    mutationFn: (changes: { changes: Partial<PolicyView>; reason: string }) => client.call('policy.set', changes),
    onSuccess: (next) => {
      queryClient.setQueryData(POLICY_KEY, next);
      form.setFieldsValue({ ...next, reason: '' });
      void message.success(t('policy.saved'));
      // This session's curtain and lock times follow the new policy at once.
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      void refresh();
    },
    onError: (error) => {
      const field = error instanceof CallFailure ? error.params.field : undefined;
      if (typeof field === 'string' && (field in BOUNDS || CLOCK_FIELDS.includes(field as ClockField)))
        form.setFields([{ name: field as NumberField | ClockField, errors: [labels.error(error)] }]);
    },
  });
  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const submit = (values: PolicyValues) => {
    if (!policy.data) return;
    const { reason, ...rest } = values;
    const changes = changedFields(policy.data, { ...policy.data, ...rest });
    if (Object.keys(changes).length === 0) {
      void message.info(t('policy.noChanges'));
      return;
    }
    save.mutate({ changes, reason: reason.trim() });
  };

  const field = (name: keyof PolicyView) => {
    const label = t(`policy.fields.${name}`);
    if (name === 'passwordClasses')
      return (
        <Form.Item key={name} name={name} label={label} extra={t('policy.classesHint')}>
          <Checkbox.Group
            options={PasswordClassSchema.options.map((c) => ({
              value: c,
              label: t(`password.rules.${c}`),
              disabled: (FIXED_CLASSES as readonly string[]).includes(c),
            }))}
          />
        </Form.Item>
      );
    if (name === 'seatBinding')
      return (
        <Form.Item key={name} name={name} label={label} extra={t('policy.seatBindingHint')}>
          <Select
            style={{ maxWidth: 360 }}
            options={(['enforce', 'warn', 'off'] as const).map((v) => ({
              value: v,
              label: t(`policy.seatBindingOptions.${v}`),
            }))}
          />
        </Form.Item>
      );
    if (name === 'holidayPause')
      return (
        <Form.Item key={name} name={name} label={label} extra={t('policy.holidayPauseHint')}>
          <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: t(`conduct.channels.${c}`) }))} />
        </Form.Item>
      );
    if (name === 'missingHolidayYear')
      return (
        <Form.Item key={name} name={name} label={label} extra={t('policy.missingHolidayYearHint')}>
          <Select
            style={{ maxWidth: 360 }}
            options={MISSING_YEAR_MODES.map((v) => ({ value: v, label: t(`policy.missingYearOptions.${v}`) }))}
          />
        </Form.Item>
      );
    if (name === 'contactFromMinute' || name === 'contactUntilMinute')
      return (
        <Form.Item key={name} name={name} label={label} extra={t('policy.contactWindowHint')}>
          <Select style={{ width: 160 }} options={CLOCK_CHOICES.map((m) => ({ value: m, label: clockOf(m) }))} />
        </Form.Item>
      );
    const [min, max] = BOUNDS[name];
    return (
      <Form.Item
        key={name}
        name={name}
        label={label}
        extra={t('policy.range', { min, max })}
        rules={[{ required: true, message: t('policy.required') }]}
      >
        <InputNumber precision={0} style={{ width: 160 }} />
      </Form.Item>
    );
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('policy.title')} headingRef={headingRef} />
      <Card>
        {policy.isError && (
          <Alert type="error" showIcon title={labels.error(policy.error)} style={{ marginBottom: 16 }} />
        )}
        {!canManage && <Alert type="info" showIcon title={t('policy.readOnly')} style={{ marginBottom: 16 }} />}
        <Form<PolicyValues>
          form={form}
          name="policy"
          aria-label={t('policy.title')}
          layout="vertical"
          disabled={!canManage || !policy.data}
          onFinish={submit}
          style={{ maxWidth: 640 }}
        >
          {POLICY_GROUPS.map((g) => (
            <section key={g.key} aria-label={t(`policy.groups.${g.key}`)}>
              <Divider titlePlacement="start">{t(`policy.groups.${g.key}`)}</Divider>
              {g.fields.map(field)}
            </section>
          ))}
          {canManage && (
            <>
              <Divider />
              <Form.Item
                name="reason"
                label={t('admin.reason')}
                extra={t('admin.reasonHint')}
                rules={[
                  { required: true, whitespace: true, message: t('admin.reasonRequired') },
                  { min: 2, message: t('admin.reasonRequired') },
                ]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              {save.isError && (
                <Alert type="error" showIcon title={labels.error(save.error)} style={{ marginBottom: 16 }} />
              )}
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('policy.save')}
              </Button>
            </>
          )}
        </Form>
      </Card>
      <TemplatesCard canManage={canManage} />
      <OutcomesCard canManage={canManage} />
      {session.permissions.includes('account.manage') && <VaultKeyCard store={session.store} />}
    </Space>
  );
}
