/**
 * First run, "join a floor" (加入楼层): the floor's server, this seat's role and the three PEM
 * files IT gave out, sent to vault.joinFloor. The files are read only inside the call, so the
 * private key's text is never kept in the form's or the query cache's state.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Typography } from 'antd';
import type { VaultStatus } from '../../../shared/contract';
import { CallFailure, useClient } from '../app/client';
import { SETUP_MUTATION } from '../app/keys';
import { useLabels } from '../app/labels';
import { PemFileInput, pemFileRules } from './pem-file-input';

interface JoinValues {
  dataDir: string;
  host: string;
  port: number;
  database: string;
  user: string;
  servername?: string;
  ca: File;
  cert: File;
  key: File;
}

/** A host given as an IPv4 or IPv6 address (the core needs a server name beside it). */
function isAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** `[::1]` as people write it in a URL: the brackets are not part of the address. */
function bareHost(host: string): string {
  return host.trim().replace(/^\[(.*)\]$/, '$1');
}

async function readPem(file: File, kind: 'ca' | 'cert' | 'key'): Promise<string> {
  try {
    return await file.text();
  } catch {
    // Moved or removed since it was chosen: the same message as a file that is no PEM.
    throw new CallFailure('INPUT_REJECTED', 'floor.pemUnusable', { field: kind });
  }
}

export function JoinFloorForm({ status, onJoined }: { status: VaultStatus; onJoined: (next: VaultStatus) => void }) {
  const labels = useLabels();
  const { t } = labels;
  const client = useClient();
  const join = useMutation({
    mutationKey: SETUP_MUTATION,
    mutationFn: async (v: JoinValues) => {
      const [ca, cert, key] = await Promise.all([readPem(v.ca, 'ca'), readPem(v.cert, 'cert'), readPem(v.key, 'key')]);
      const servername = v.servername?.trim();
      return client.call('vault.joinFloor', {
        dataDir: v.dataDir.trim(),
        host: bareHost(v.host),
        port: v.port,
        database: v.database.trim(),
        user: v.user.trim(),
        ...(servername ? { servername } : {}),
        ca,
        cert,
        key,
      });
    },
    onSuccess: onJoined,
  });

  return (
    <>
      <Typography.Paragraph>{t('setup.floor.intro')}</Typography.Paragraph>
      <Form<JoinValues>
        layout="vertical"
        name="joinFloor"
        initialValues={{ dataDir: status.dataDir, port: 5432 }}
        onFinish={(v) => join.mutate(v)}
      >
        <Form.Item
          name="dataDir"
          label={t('setup.dataDir')}
          extra={t('setup.floor.dataDirHint')}
          rules={[{ required: true, whitespace: true, message: t('setup.dataDirRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} className="sr-mono" />
        </Form.Item>
        <Form.Item
          name="host"
          label={t('setup.floor.host')}
          extra={t('setup.floor.hostHint')}
          rules={[{ required: true, whitespace: true, message: t('setup.floor.hostRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} className="sr-mono" />
        </Form.Item>
        <Form.Item
          name="port"
          label={t('setup.floor.port')}
          rules={[{ required: true, type: 'integer', min: 1, max: 65535, message: t('setup.floor.portRequired') }]}
        >
          <InputNumber min={1} max={65535} precision={0} controls={false} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="database"
          label={t('setup.floor.database')}
          rules={[{ required: true, whitespace: true, message: t('setup.floor.databaseRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} className="sr-mono" />
        </Form.Item>
        <Form.Item
          name="user"
          label={t('setup.floor.role')}
          extra={t('setup.floor.roleHint')}
          rules={[{ required: true, whitespace: true, message: t('setup.floor.roleRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} className="sr-mono" />
        </Form.Item>
        <Form.Item
          name="servername"
          label={t('setup.floor.servername')}
          extra={t('setup.floor.servernameHint')}
          dependencies={['host']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: unknown) => {
                const host = getFieldValue('host') as unknown;
                const named = typeof value === 'string' && value.trim() !== '';
                return named || typeof host !== 'string' || !isAddress(bareHost(host))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('errors.floor.servernameForAddress')));
              },
            }),
          ]}
        >
          <Input autoComplete="off" spellCheck={false} className="sr-mono" />
        </Form.Item>
        <Form.Item name="ca" label={t('setup.floor.ca')} rules={pemFileRules(t, t('setup.floor.caRequired'), 'ca')}>
          <PemFileInput />
        </Form.Item>
        <Form.Item
          name="cert"
          label={t('setup.floor.cert')}
          rules={pemFileRules(t, t('setup.floor.certRequired'), 'cert')}
        >
          <PemFileInput />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('setup.floor.key')}
          extra={t('setup.floor.keyHint')}
          rules={pemFileRules(t, t('setup.floor.keyRequired'), 'key')}
        >
          <PemFileInput />
        </Form.Item>
        {join.isError && (
          <Alert
            type="error"
            showIcon
            title={t('setup.floor.failed')}
            description={labels.error(join.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={join.isPending}>
          {t('setup.floor.submit')}
        </Button>
      </Form>
    </>
  );
}
