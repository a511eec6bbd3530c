/** Verify the access log's hash chain (optionally against a kept anchor), showing progress and the outcome. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Progress, Space } from 'antd';
import { useState } from 'react';
import type { Anchor, VerifyReport } from '../../../shared/contract';
import { CallFailure, useClient } from '../app/client';
import { useLabels } from '../app/labels';

function parseAnchor(text: string): Anchor | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed) as Anchor; // the router validates it against the contract
  } catch {
    throw new CallFailure('INPUT_REJECTED', 'anchor.notJson');
  }
}

function ReportAlert({ report }: { report: VerifyReport }) {
  const { t } = useLabels();
  const lines: string[] = [];
  if (report.firstBrokenSeq !== null) lines.push(t('audit.verify.brokenAt', { seq: report.firstBrokenSeq }));
  else lines.push(t('audit.verify.chainOk', { checked: report.checked, seq: report.headSeq }));
  lines.push(t(`audit.verify.anchor.${report.anchor}`));
  const title = report.intact
    ? t('audit.verify.intact')
    : report.firstBrokenSeq !== null
      ? t('audit.verify.broken', { seq: report.firstBrokenSeq })
      : t('audit.verify.anchorProblem');
  return (
    <Alert
      type={report.intact ? 'success' : 'error'}
      showIcon
      title={title}
      description={
        <>
          {lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
          {report.headHash && <div className="sr-mono">{t('audit.verify.headHash', { hash: report.headHash })}</div>}
        </>
      }
    />
  );
}

export function VerifyPanel() {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const verify = useMutation({
    mutationFn: async (anchorText: string) => {
      const anchor = parseAnchor(anchorText);
      setProgress(0);
      const stop = client.subscribe('audit.verifyProgress', ({ done, total }) =>
        setProgress(total > 0 ? Math.floor((done / total) * 100) : 100),
      );
      try {
        const report = await client.call('audit.verify', anchor ? { anchor } : {});
        setProgress(100);
        return report;
      } finally {
        stop();
      }
    },
    // The verification itself is logged: show it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['audit', 'list'] }),
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form<{ anchor?: string }> layout="vertical" name="verify" onFinish={(v) => verify.mutate(v.anchor ?? '')}>
        <Form.Item name="anchor" label={t('audit.verify.anchorLabel')} extra={t('audit.verify.anchorHint')}>
          <Input.TextArea rows={2} className="sr-mono" spellCheck={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={verify.isPending}>
          {t('audit.verify.button')}
        </Button>
      </Form>
      {progress !== null && (
        <Progress
          percent={progress}
          status={verify.isError ? 'exception' : verify.isPending ? 'active' : 'normal'}
          aria-label={t('audit.verify.progress')}
        />
      )}
      {verify.isSuccess && <ReportAlert report={verify.data} />}
      {verify.isError && <Alert type="error" showIcon title={labels.error(verify.error)} />}
    </Space>
  );
}
