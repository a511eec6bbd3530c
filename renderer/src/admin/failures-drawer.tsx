/** An account's recent failed logins, refusals, lockouts and unlocks (account.failures), newest first. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer } from 'antd';
import { useClient } from '../app/client';
import { useLabels } from '../app/labels';
import { AuditTable } from '../audit/audit-table';

export function FailuresDrawer({ username, onClose }: { username: string; onClose: () => void }) {
  const labels = useLabels();
  const client = useClient();
  const failures = useQuery({
    queryKey: ['account', 'failures', username],
    queryFn: () => client.call('account.failures', { username }),
  });
  return (
    <Drawer
      open
      title={labels.t('accounts.failuresTitle', { username })}
      size="large"
      onClose={onClose}
      destroyOnHidden
    >
      {failures.isError && (
        <Alert type="error" showIcon title={labels.error(failures.error)} style={{ marginBottom: 16 }} />
      )}
      <AuditTable events={failures.data ?? []} loading={failures.isFetching} />
    </Drawer>
  );
}
