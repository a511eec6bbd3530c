/**
 * 主密钥轮换 — IT replaces the vault master key on demand (closing an account does it too): the
 * new key is sealed to every active account and the database re-keyed, which takes a while on a
 * large vault; other signed-in windows must sign in again afterwards.
 */
import { App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { ReasonModal } from './reason-modal';

/** On a floor the key can't be replaced yet (docs/floor-mode.md, "Not yet"): the card says so. */
export function VaultKeyCard({ store }: { store: 'embedded' | 'floor' }) {
  const { t } = useLabels();
  const client = useClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  if (store === 'floor')
    return (
      <Card title={<span id="vault-key-title">{t('vaultKey.title')}</span>} aria-labelledby="vault-key-title">
        <Typography.Paragraph>{t('vaultKey.floorUnavailable')}</Typography.Paragraph>
      </Card>
    );
  return (
    <Card title={<span id="vault-key-title">{t('vaultKey.title')}</span>} aria-labelledby="vault-key-title">
      <Typography.Paragraph>{t('vaultKey.about')}</Typography.Paragraph>
      <Button danger onClick={() => setOpen(true)}>
        {t('vaultKey.rotate')}
      </Button>
      {open && (
        <ReasonModal<object, { epoch: number }>
          title={t('vaultKey.confirmTitle')}
          okText={t('vaultKey.confirm')}
          danger
          description={<Typography.Paragraph>{t('vaultKey.confirmText')}</Typography.Paragraph>}
          submit={({ reason }) => client.call('vault.rotateKey', { reason })}
          onDone={({ epoch }) => {
            setOpen(false);
            void message.success(t('vaultKey.rotated', { epoch }));
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </Card>
  );
}
