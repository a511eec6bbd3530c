/**
 * Re-authentication: a sensitive call refused with REAUTH_REQUIRED asks for the password
 * (session.reauth) and is then retried once. Concurrent refusals share one prompt.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/contract';
import { CallFailure, type Client } from './client';
import { useLabels } from './labels';

interface Pending {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface Reauth {
  /** The client every screen uses: retries a call once after the password was confirmed. */
  client: Client;
  /** The password prompt (render it once, inside the antd providers). */
  prompt: ReactNode;
  /** Closes an open prompt, failing the waiting calls (e.g. when the session ends). */
  cancel: (error: unknown) => void;
}

function needsReauth(error: unknown): boolean {
  return error instanceof CallFailure && error.code === 'REAUTH_REQUIRED';
}

function ReauthModal({
  base,
  onDone,
  onCancel,
}: {
  base: Client;
  onDone: () => void;
  onCancel: (error: unknown) => void;
}) {
  const labels = useLabels();
  const { t } = labels;
  const [form] = Form.useForm<{ password: string }>();
  const confirm = useMutation({
    mutationFn: (password: string) => base.call('session.reauth', { password }),
    onSuccess: onDone,
    onError: (error) => {
      form.setFieldValue('password', '');
      // A lockout (or any end of the session) closes the prompt; the app shows the lock screen.
      if (error instanceof CallFailure && error.code !== 'AUTH_FAILED') onCancel(error);
    },
  });
  const failure =
    confirm.error instanceof CallFailure && confirm.error.code === 'AUTH_FAILED'
      ? t('reauth.wrongPassword')
      : labels.error(confirm.error);
  return (
    <Modal
      open
      title={t('reauth.title')}
      okText={t('reauth.confirm')}
      cancelText={t('reauth.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onCancel(new CallFailure('REAUTH_REQUIRED', 'session.reauth'))}
      okButtonProps={{ loading: confirm.isPending }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('reauth.intro')}</Typography.Paragraph>
      <Form<{ password: string }>
        form={form}
        name="reauth"
        layout="vertical"
        onFinish={(v) => confirm.mutate(v.password)}
      >
        <Form.Item
          name="password"
          label={t('reauth.password')}
          rules={[{ required: true, message: t('form.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        {confirm.isError && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

export function useReauth(base: Client): Reauth {
  const pending = useRef<Pending | null>(null);
  const [open, setOpen] = useState(false);

  const ask = useCallback((): Promise<void> => {
    if (!pending.current) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      pending.current = { promise, resolve, reject };
      setOpen(true);
    }
    return pending.current.promise;
  }, []);

  const settle = useCallback((error?: unknown) => {
    const p = pending.current;
    pending.current = null;
    setOpen(false);
    if (!p) return;
    if (error === undefined) p.resolve();
    else p.reject(error);
  }, []);

  const client = useMemo<Client>(() => {
    async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      try {
        return await base.call(name, input);
      } catch (error) {
        if (!needsReauth(error)) throw error;
        await ask();
        return base.call(name, input);
      }
    }
    return { call, subscribe: (event, listener) => base.subscribe(event, listener) };
  }, [base, ask]);

  const prompt = open ? <ReauthModal base={base} onDone={() => settle()} onCancel={(e) => settle(e)} /> : null;
  return { client, prompt, cancel: settle };
}
