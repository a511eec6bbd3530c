/** Export the chain head (anchor) for the paper ledger: seq, hash and the JSON, with a Copy button. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, type Ref } from 'react';
import type { Anchor } from '../../../shared/contract';
import { useClient } from '../app/client';
import { formatSeatTime } from '../app/format';
import { useLabels } from '../app/labels';

function AnchorDetails({ anchor, jsonRef }: { anchor: Anchor; jsonRef: Ref<TextAreaRef> }) {
  const { t } = useLabels();
  return (
    <Form layout="vertical" name="anchor" component="div">
      <Typography.Paragraph>{t('audit.anchor.intro')}</Typography.Paragraph>
      <Form.Item label={t('audit.anchor.seq')} htmlFor="anchor-seq">
        <Input id="anchor-seq" readOnly value={String(anchor.seq)} className="sr-mono" />
      </Form.Item>
      <Form.Item label={t('audit.anchor.hash')} htmlFor="anchor-hash">
        <Input id="anchor-hash" readOnly value={anchor.hash} className="sr-mono" />
      </Form.Item>
      <Form.Item label={t('audit.anchor.at')} htmlFor="anchor-at">
        <Input id="anchor-at" readOnly value={formatSeatTime(anchor.at)} />
      </Form.Item>
      <Form.Item label={t('audit.anchor.json')} htmlFor="anchor-json">
        <Input.TextArea
          id="anchor-json"
          ref={jsonRef}
          readOnly
          autoSize
          value={JSON.stringify(anchor)}
          className="sr-mono"
        />
      </Form.Item>
    </Form>
  );
}

export function ExportAnchor() {
  const labels = useLabels();
  const { t } = labels;
  const { message } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const jsonRef = useRef<TextAreaRef>(null);
  const exportAnchor = useMutation({
    mutationFn: () => client.call('audit.anchor', {}),
    // The export is logged: show it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['audit', 'list'] }),
  });
  const anchor = exportAnchor.data;

  const copy = async () => {
    const text = anchor ? JSON.stringify(anchor) : '';
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      void message.success(t('audit.anchor.copied'));
    } catch {
      // No clipboard here (or refused): select the text so Ctrl+C copies it.
      jsonRef.current?.focus({ cursor: 'all' });
      void message.info(t('audit.anchor.copyManually'));
    }
  };

  return (
    <>
      <Button onClick={() => exportAnchor.mutate()} loading={exportAnchor.isPending}>
        {t('audit.anchor.button')}
      </Button>
      {exportAnchor.isError && <Alert type="error" showIcon title={labels.error(exportAnchor.error)} />}
      <Modal
        open={anchor !== undefined}
        title={t('audit.anchor.title')}
        onCancel={() => exportAnchor.reset()}
        destroyOnHidden
        footer={[
          <Button key="copy" type="primary" onClick={() => void copy()}>
            {t('audit.anchor.copy')}
          </Button>,
          <Button key="done" onClick={() => exportAnchor.reset()}>
            {t('audit.anchor.done')}
          </Button>,
        ]}
      >
        {anchor && <AnchorDetails anchor={anchor} jsonRef={jsonRef} />}
      </Modal>
    </>
  );
}
