/** Warns from policy.passwordExpiryWarningDays before the password expires, with a way to change it now. */
import { Alert, Button } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { formatSeatTime } from './format';
import { useLabels } from './labels';

const DAY = 86_400_000;

export function ExpiryBanner({ session, onChange }: { session: SessionInfo; onChange: () => void }) {
  const { t } = useLabels();
  // Read once per session screen: the banner need not tick while it is shown.
  const [now] = useState(() => Date.now());
  const left = session.passwordExpiresAt - now;
  if (left > session.policy.passwordExpiryWarningDays * DAY) return null;
  const days = Math.max(0, Math.ceil(left / DAY));
  return (
    <Alert
      type="warning"
      banner
      showIcon
      title={t('password.expiring', { days, date: formatSeatTime(session.passwordExpiresAt).slice(0, 16) })}
      action={
        <Button size="small" type="link" onClick={onChange}>
          {t('password.changeNow')}
        </Button>
      }
    />
  );
}
