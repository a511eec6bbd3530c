/**
 * Reveal one masked value: a reason (and a note for "other"), the password again if the last one
 * is too old (the client asks), then the value for 30 seconds, with Copy through the main process.
 * The value leaves the screen (and this component's state) when the time is up or it closes.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { REVEAL_REASONS, type RevealField, type RevealReason } from '../../../shared/cases';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';

export interface RevealTarget {
  caseNo: string;
  field: RevealField;
  ordinal?: number;
  label: string;
}

export function RevealModal({ target, onClose }: { target: RevealTarget; onClose: () => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const [form] = Form.useForm<{ reason: RevealReason; note?: string }>();
  const [shown, setShown] = useState<{ value: string; until: number } | null>(null);
  const [left, setLeft] = useState(0);
  const where = { caseNo: target.caseNo, field: target.field, ...(target.ordinal ? { ordinal: target.ordinal } : {}) };
  const reveal = useMutation({
    mutationFn: (v: { reason: RevealReason; note?: string }) =>
      client.call('case.reveal', { ...where, reason: v.reason, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    onSuccess: ({ value, seconds }) => setShown({ value, until: Date.now() + seconds * 1000 }),
  });
  const copy = useMutation({ mutationFn: () => client.call('case.copy', where) });

  useEffect(() => {
    if (!shown) return;
    const tick = () => {
      const rest = Math.ceil((shown.until - Date.now()) / 1000);
      if (rest <= 0) {
        setShown(null);
        onClose();
      } else setLeft(rest);
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [shown, onClose]);

  return (
    <Modal
      open
      title={t('cases.reveal.title', { field: target.label })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        shown ? (
          <Space>
            <Button onClick={() => copy.mutate()} loading={copy.isPending}>
              {t('cases.reveal.copy')}
            </Button>
            <Button type="primary" onClick={onClose}>
              {t('cases.reveal.hide')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('cases.reveal.cancel')}</Button>
            <Button type="primary" onClick={() => form.submit()} loading={reveal.isPending}>
              {t('cases.reveal.confirm')}
            </Button>
          </Space>
        )
      }
    >
      {shown ? (
        <Space orientation="vertical">
          <Typography.Text strong style={{ fontSize: 20 }} className="sr-revealed" aria-live="polite">
            {shown.value}
          </Typography.Text>
          <Typography.Text type="secondary" role="timer">
            {t('cases.reveal.hidesIn', { seconds: left })}
          </Typography.Text>
          {copy.isSuccess && (
            <Alert type="info" showIcon title={t('cases.reveal.copied', { seconds: copy.data.seconds })} />
          )}
          {copy.error && <Alert type="error" showIcon title={labels.error(copy.error)} />}
        </Space>
      ) : (
        <Form form={form} layout="vertical" name="reveal" onFinish={(v) => reveal.mutate(v)}>
          <Typography.Paragraph>{t('cases.reveal.intro')}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t('cases.reveal.reason')}
            rules={[{ required: true, message: t('errors.case.reasonRequired') }]}
          >
            <Select
              autoFocus
              options={REVEAL_REASONS.map((r) => ({ value: r, label: t(`cases.reasons.${r}`) }))}
              aria-label={t('cases.reveal.reason')}
            />
          </Form.Item>
          <Form.Item name="note" label={t('cases.reveal.note')}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
          {reveal.error && <Alert type="error" showIcon title={labels.error(reveal.error)} />}
        </Form>
      )}
    </Modal>
  );
}
