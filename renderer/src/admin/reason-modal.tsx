/**
 * A dialog for an administrative change that must carry a reason (logged with it): optional extra
 * fields, a required reason, the core's refusal shown inside, a spinner while it runs.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useLabels } from '../app/labels';

export interface ReasonModalProps<V extends object, R> {
  title: string;
  okText: string;
  danger?: boolean;
  /** What the change does (warnings go here). */
  description?: ReactNode;
  /** Extra form items, above the reason. */
  children?: ReactNode;
  initialValues?: Partial<V>;
  /** Makes the change; its refusal is shown in the dialog. */
  submit: (values: V & { reason: string }) => Promise<R>;
  onDone: (result: R) => void;
  onCancel: () => void;
}

export function ReasonModal<V extends object, R>(props: ReasonModalProps<V, R>) {
  const labels = useLabels();
  const { t } = labels;
  const [form] = Form.useForm<V & { reason: string }>();
  const run = useMutation({ mutationFn: props.submit, onSuccess: props.onDone });
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t('admin.cancel')}
      okButtonProps={{ danger: props.danger, loading: run.isPending }}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {props.description}
      <Form<V & { reason: string }>
        form={form}
        layout="vertical"
        name="reason-form"
        initialValues={props.initialValues}
        onFinish={(v) => run.mutate({ ...v, reason: v.reason.trim() })}
      >
        {props.children}
        <Form.Item
          name="reason"
          label={t('admin.reason')}
          extra={t('admin.reasonHint')}
          rules={[
            { required: true, whitespace: true, message: t('admin.reasonRequired') },
            { min: 2, message: t('admin.reasonRequired') },
            { max: 500, message: t('admin.reasonTooLong') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {run.isError && <Alert type="error" showIcon title={labels.error(run.error)} />}
    </Modal>
  );
}
