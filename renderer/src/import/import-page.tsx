/**
 * 案件导入 — the import ceremony as the two custodians live it: the archive (name, size, SHA-256),
 * custodian A (客服) then custodian B (品控) each with their own password and half, the report,
 * B's confirmation, the certificate, and the offer to destroy the source archive. Cancel is there
 * at every step; nothing is written before the confirmation.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Progress, Result, Select, Space, Steps } from 'antd';
import { useEffect, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReportView, ImportResultView, SessionInfo } from '../../../shared/contract';
import { formatFen } from '../../../shared/money';
import { useClient } from '../app/client';
import { downloadFile } from '../app/download';
import { useLabels } from '../app/labels';
import { PageTitle } from '../app/page-title';
import { CustodianForm, type CustodianInput } from './custodian-form';
import { DeliveryReport } from './delivery-report';

type Step = 'archive' | 'A' | 'B' | 'report' | 'done';
const STEPS: Step[] = ['archive', 'A', 'B', 'report', 'done'];

interface Started {
  ceremonyId: string;
  archive: { name: string; size: number; sha256: string };
}

export function ImportPage({ session, headingRef }: { session: SessionInfo; headingRef: Ref<HTMLHeadingElement> }) {
  const labels = useLabels();
  const { t } = labels;
  const { i18n } = useTranslation();
  const client = useClient();
  const { modal, message } = App.useApp();
  const [step, setStep] = useState<Step>('archive');
  const [path, setPath] = useState('');
  const [template, setTemplate] = useState<string | undefined>(undefined);
  const [started, setStarted] = useState<Started | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [result, setResult] = useState<ImportResultView | null>(null);
  const [destroyed, setDestroyed] = useState(false);
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);

  const templates = useQuery({ queryKey: ['import', 'templates'], queryFn: () => client.call('import.templates', {}) });

  useEffect(
    () =>
      client.subscribe('import.progress', (p) => {
        if (!started || p.ceremonyId === started.ceremonyId || p.phase === 'hashing') setProgress(p);
      }),
    [client, started],
  );

  const reset = (): void => {
    for (const m of [start, admit, check, commit, certificate]) m.reset();
    setStep('archive');
    setStarted(null);
    setReport(null);
    setResult(null);
    setDestroyed(false);
    setProgress(null);
  };

  const choose = useMutation({
    mutationFn: () => client.call('import.chooseArchive', {}),
    onSuccess: ({ path: chosen }) => chosen && setPath(chosen),
  });
  const start = useMutation({
    mutationFn: () => client.call('import.start', { path: path.trim() }),
    onSuccess: (s) => {
      setStarted(s);
      setProgress(null);
      setStep('A');
    },
  });
  const admit = useMutation({
    mutationFn: ({ slot, input }: { slot: 'A' | 'B'; input: CustodianInput }) =>
      client.call('import.admit', { ceremonyId: started!.ceremonyId, slot, ...input }),
    onSuccess: (_, { slot }) => {
      if (slot === 'A') setStep('B');
      else check.mutate();
    },
  });
  const check = useMutation({
    mutationFn: () =>
      client.call('import.check', { ceremonyId: started!.ceremonyId, ...(template ? { template } : {}) }),
    onSuccess: (r) => {
      setReport(r);
      setProgress(null);
      setStep('report');
    },
    onError: () => setProgress(null),
  });
  const commit = useMutation({
    mutationFn: () => client.call('import.commit', { ceremonyId: started!.ceremonyId }),
    onSuccess: (r) => {
      setResult(r);
      setProgress(null);
      setStep('done');
    },
    onError: () => setProgress(null),
  });
  const certificate = useMutation({
    mutationFn: () => client.call('import.certificate', { ceremonyId: started!.ceremonyId }),
    onSuccess: downloadFile,
  });
  const cancel = useMutation({
    mutationFn: () =>
      started ? client.call('import.cancel', { ceremonyId: started.ceremonyId }) : Promise.resolve(null),
    onSettled: () => {
      void message.info(t('import.cancelled'));
      reset();
    },
  });

  const destroySource = (): void => {
    void modal.confirm({
      title: t('import.destroy.title'),
      content: t('import.destroy.intro', { name: started?.archive.name ?? '' }),
      okText: t('import.destroy.confirm'),
      okButtonProps: { danger: true },
      cancelText: t('admin.cancel'),
      onOk: async () => {
        try {
          await client.call('import.destroySource', { ceremonyId: started!.ceremonyId });
          setDestroyed(true);
          void message.success(t('import.destroy.done'));
        } catch (error) {
          void message.error(labels.error(error));
        }
      },
    });
  };

  // A failure that ended the ceremony (a refused archive, a wrong half): shown, then start again.
  const ended = [check.error, commit.error].find((e) => e) ?? null;
  const running = check.isPending || commit.isPending || start.isPending;
  const percent =
    progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle text={t('import.title')} headingRef={headingRef} />
      <Steps
        current={STEPS.indexOf(step)}
        items={STEPS.map((s) => ({ title: t(`import.steps.${s}`) }))}
        aria-label={t('import.steps.label')}
      />
      {started && step !== 'archive' && (
        <Card size="small">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('import.archive.name')}>{started.archive.name}</Descriptions.Item>
            <Descriptions.Item label={t('import.archive.size')}>
              {t('import.archive.bytes', { bytes: started.archive.size.toLocaleString('en-US') })}
            </Descriptions.Item>
            <Descriptions.Item label="SHA-256">
              <span className="sr-mono">{started.archive.sha256}</span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {running && (
        <div role="status" aria-live="polite">
          <Progress percent={percent ?? 0} status="active" showInfo={percent !== null} />
          <span>
            {t(
              `import.progress.${progress?.phase ?? (commit.isPending ? 'committing' : check.isPending ? 'checking' : 'hashing')}`,
            )}
          </span>
        </div>
      )}
      <Card>
        {step === 'archive' && (
          <Form layout="vertical" name="import-archive" onFinish={() => start.mutate()} style={{ maxWidth: 640 }}>
            <Alert type="info" showIcon title={t('import.intro')} style={{ marginBottom: 16 }} />
            <Form.Item label={t('import.archive.path')} htmlFor="import-path" required>
              <Space.Compact style={{ width: '100%' }}>
                <Input id="import-path" value={path} onChange={(e) => setPath(e.target.value)} autoComplete="off" />
                <Button onClick={() => choose.mutate()} loading={choose.isPending}>
                  {t('import.archive.browse')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t('import.template.label')} htmlFor="import-template">
              <Select
                id="import-template"
                allowClear
                value={template}
                onChange={(v: string | undefined) => setTemplate(v)}
                placeholder={t('import.template.auto')}
                options={(templates.data ?? []).map((tp) => ({
                  value: tp.name,
                  label: i18n.language === 'en' ? tp.label.en : tp.label['zh-CN'],
                }))}
                aria-label={t('import.template.label')}
              />
            </Form.Item>
            {(start.error ?? choose.error) ? (
              <Alert
                type="error"
                showIcon
                title={labels.error(start.error ?? choose.error)}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            <Button type="primary" htmlType="submit" disabled={path.trim() === ''} loading={start.isPending}>
              {t('import.archive.start')}
            </Button>
          </Form>
        )}
        {(step === 'A' || step === 'B') && !ended && (
          <>
            {step === 'B' && (
              <Alert type="warning" showIcon title={t('import.handOver')} style={{ marginBottom: 16 }} />
            )}
            <CustodianForm
              key={step}
              slot={step}
              {...(step === 'A' ? { defaultUsername: session.username } : {})}
              busy={admit.isPending || check.isPending}
              error={admit.error}
              onSubmit={(input) => admit.mutate({ slot: step, input })}
            />
          </>
        )}
        {step === 'report' && report && started && (
          <>
            <DeliveryReport report={report} archive={started.archive} />
            {commit.error ? null : (
              <Alert
                type="info"
                showIcon
                title={t('import.confirmIntro', { accepted: report.accepted, amount: formatFen(report.totalFen) })}
                style={{ marginTop: 16 }}
              />
            )}
            <Space style={{ marginTop: 16 }}>
              <Button
                type="primary"
                onClick={() => commit.mutate()}
                loading={commit.isPending}
                disabled={report.accepted === 0 || Boolean(commit.error)}
              >
                {t('import.confirm')}
              </Button>
            </Space>
          </>
        )}
        {ended ? (
          <Result
            status="error"
            title={t('import.endedTitle')}
            subTitle={labels.error(ended)}
            extra={[
              <Button key="again" type="primary" onClick={reset}>
                {t('import.again')}
              </Button>,
              started ? (
                <Button key="certificate" onClick={() => certificate.mutate()} loading={certificate.isPending}>
                  {t('import.certificate')}
                </Button>
              ) : null,
            ]}
          />
        ) : null}
        {step === 'done' && result && (
          <Result
            status="success"
            title={t('import.doneTitle', { batch: result.batchNo, accepted: result.accepted })}
            subTitle={t('import.doneIntro', {
              amount: formatFen(result.totalFen),
              rejected: result.rejected,
              skipped: result.skipped,
            })}
            extra={[
              <Button
                key="certificate"
                type="primary"
                onClick={() => certificate.mutate()}
                loading={certificate.isPending}
              >
                {t('import.certificate')}
              </Button>,
              <Button key="destroy" danger onClick={destroySource} disabled={destroyed}>
                {destroyed ? t('import.destroy.done') : t('import.destroy.button')}
              </Button>,
              <Button key="again" onClick={reset}>
                {t('import.again')}
              </Button>,
            ]}
          />
        )}
        {certificate.isError && <Alert type="error" showIcon title={labels.error(certificate.error)} />}
        {started && step !== 'done' && !ended && (
          <Button style={{ marginTop: 16 }} onClick={() => cancel.mutate()} loading={cancel.isPending}>
            {t('import.cancel')}
          </Button>
        )}
      </Card>
    </Space>
  );
}
