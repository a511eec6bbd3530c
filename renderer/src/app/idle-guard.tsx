/** Wraps every signed-in screen: the curtain after short idle, the lock after long idle or lifetime. */
import type { ReactNode } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { sessionEndReason, useClient } from './client';
import { Curtain } from './curtain';
import { useEndSession } from './session-end';
import { useIdleCurtain } from './use-idle';

export function IdleGuard({ session, children }: { session: SessionInfo; children: ReactNode }) {
  const client = useClient();
  const end = useEndSession();
  const curtain = useIdleCurtain(session, {
    onActivity: () => {
      client.call('session.activity', {}).catch((error: unknown) => {
        const reason = sessionEndReason(error);
        if (reason) end(reason);
      });
    },
    onEnd: (reason) => {
      if (reason === 'locked') {
        // Main locks the session, then the UI drops everything it holds (the curtain stays up
        // meanwhile); main's own session.ended event may come first, which ends it the same way.
        void client
          .call('session.lock', {})
          .catch(() => undefined)
          .finally(() => end('locked'));
      } else {
        // Past its lifetime: leave at once (the login screen says why), then tell main.
        end('expired');
        void client.call('session.logout', {}).catch(() => undefined);
      }
    },
  });
  return (
    <>
      {children}
      {curtain && <Curtain />}
    </>
  );
}
