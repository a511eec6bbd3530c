/** The one way to leave a session in the UI: clear caches and state, then show the lock or login screen. */
import { createContext, useContext } from 'react';
import type { EventPayload } from '../../../shared/contract';

/** Why the session ended: the main process's reasons, or 'gone' when a call found no session. */
export type EndReason = EventPayload<'session.ended'>['reason'] | 'gone';

/** What the next screen says about the session that ended (a lock screen needs the username). */
export interface EndNotice {
  reason: Exclude<EndReason, 'logout'>;
  username: string;
  displayName: string;
}

export interface SessionEnd {
  /** Ends the session in the UI (idempotent: a second call for the same session does nothing). */
  end: (reason: EndReason) => void;
  notice: EndNotice | null;
  clearNotice: () => void;
}

export const SessionEndContext = createContext<SessionEnd>({
  end: () => undefined,
  notice: null,
  clearNotice: () => undefined,
});

export function useSessionEnd(): SessionEnd {
  return useContext(SessionEndContext);
}

export function useEndSession(): (reason: EndReason) => void {
  return useContext(SessionEndContext).end;
}
