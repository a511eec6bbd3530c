/**
 * 第二人审批 — the dialog step where a second person (an auditor or general manager) approves IT's
 * action at this seat by typing their own username and password. A wrong password is refused
 * here (and counts against the approver's account); the action runs only with the approval.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useRef, type ReactNode } from 'react';
import type { AccountDetail } from '../../../shared/contract';
import { isIndependentRole, needsSecondPerson, type TwoPersonAction } from '../../../shared/permissions';
import type { Role } from '../../../shared/roles';
import { CallFailure } from '../app/client';
import { useLabels } from '../app/labels';

export interface Approval {
  username: string;
  password: string;
}

/** Whether the core will ask for a second person, as far as the account list shows. */
export function approvalNeeded(
  accounts: readonly AccountDetail[],
  action: TwoPersonAction,
  username: string,
  role: Role,
): boolean {
  const target = username.trim().toLowerCase();
  const another = accounts.some((a) => a.state !== 'closed' && isIndependentRole(a.role) && a.username !== target);
  return needsSecondPerson(action, role, another);
}

/**
 * A call the core refused for want of an approval the list did not foresee (it changed meanwhile):
 * on to the approval step with what IT filled in.
 */
export function askedForApproval<R, P>(call: Promise<R>, pending: P): Promise<R | { approve: P }> {
  return call.catch((error: unknown) => {
    if (error instanceof CallFailure && error.key === 'approval.required') return { approve: pending };
    throw error;
  });
}

export function ApprovalModal<R>({
  intro,
  submit,
  onDone,
  onCancel,
}: {
  /** What is to be approved (the account, the role), in a sentence. */
  intro: ReactNode;
  submit: (approval: Approval) => Promise<R>;
  onDone: (result: R) => void;
  onCancel: () => void;
}) {
  const labels = useLabels();
  const { t } = labels;
  const [form] = Form.useForm<Approval>();
  const password = useRef<InputRef>(null);
  const run = useMutation({
    mutationFn: submit,
    onSuccess: onDone,
    onError: () => {
      // The approver tries again from an empty password field; their username stays.
      form.setFieldValue('password', '');
      password.current?.focus();
    },
  });
  return (
    <Modal
      open
      title={t('approval.title')}
      okText={t('approval.ok')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: run.isPending }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('approval.handOver')} style={{ marginBottom: 16 }} />
      <Form<Approval>
        form={form}
        name="approval"
        layout="vertical"
        autoComplete="off"
        onFinish={(v) => run.mutate({ username: v.username.trim(), password: v.password })}
      >
        <Form.Item
          name="username"
          label={t('approval.username')}
          rules={[{ required: true, whitespace: true, message: t('approval.usernameRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('approval.password')}
          rules={[{ required: true, message: t('approval.passwordRequired') }]}
        >
          <Input.Password ref={password} autoComplete="off" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
      {run.isError && <Alert type="error" showIcon title={labels.error(run.error)} />}
    </Modal>
  );
}
