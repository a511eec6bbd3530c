/** The one-time password IT hands over in person: shown once, with Copy (or selected for Ctrl+C). */
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import type { InputRef } from 'antd';
import { useRef } from 'react';
import { useLabels } from '../app/labels';

export function OneTimePasswordModal({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const input = useRef<InputRef>(null);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(password);
      void message.success(t('accounts.oneTime.copied'));
    } catch {
      input.current?.focus({ cursor: 'all' });
      void message.info(t('accounts.oneTime.copyManually'));
    }
  };

  return (
    <Modal
      open
      title={t('accounts.oneTime.title', { username })}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="copy" onClick={() => void copy()}>
          {t('accounts.oneTime.copy')}
        </Button>,
        <Button key="done" type="primary" onClick={onClose}>
          {t('accounts.oneTime.done')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon title={t('accounts.oneTime.warning')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component="div" name="one-time">
        <Form.Item label={t('accounts.oneTime.label')} htmlFor="one-time-password" extra={t('accounts.oneTime.hint')}>
          <Input
            id="one-time-password"
            ref={input}
            readOnly
            value={password}
            className="sr-mono"
            style={{ fontSize: 18 }}
            onFocus={(e) => e.currentTarget.select()}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
