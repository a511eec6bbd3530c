/**
 * 主密钥轮换 — IT replaces the vault master key on demand (closing an account does it too): the
 * new key is sealed to every active account; a station re-keys its database, which takes a while
 * on a large vault, a floor seals names anew. Other signed-in sessions must sign in again.
 */
import { App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { ReasonModal } from './reason-modal';

/** What rotating does differs by store (docs/floor-schema.md, "Replacing the vault key"): the card says which. */
export function VaultKeyCard({ store }: { store: 'embedded' | 'floor' }) {
  const { t } = useLabels();
  const client = useClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const floor = store === 'floor';
  return (
    <Card title={<span id="vault-key-title">{t('vaultKey.title')}</span>} aria-labelledby="vault-key-title">
      <Typography.Paragraph>{t(floor ? 'vaultKey.floorAbout' : 'vaultKey.about')}</Typography.Paragraph>
      <Button danger onClick={() => setOpen(true)}>
        {t('vaultKey.rotate')}
      </Button>
      {open && (
        <ReasonModal<object, { epoch: number }>
          title={t('vaultKey.confirmTitle')}
          okText={t('vaultKey.confirm')}
          danger
          description={
            <Typography.Paragraph>
              {t(floor ? 'vaultKey.floorConfirmText' : 'vaultKey.confirmText')}
            </Typography.Paragraph>
          }
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
