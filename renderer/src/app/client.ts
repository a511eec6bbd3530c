/** The typed client over `window.strongroom`: unwraps each Result, throws a CallFailure on refusal. */
import { createContext, useContext } from 'react';
import type {
  EventName,
  EventPayload,
  InputOf,
  OutputOf,
  ProcedureName,
  StrongroomBridge,
} from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/errors';

declare global {
  interface Window {
    /** Exposed by the preload (or the browser harness); absent in a plain browser. */
    strongroom?: StrongroomBridge;
  }
}

/** A refusal from the main process, carrying the catalog key of its message (`errors.<key>`). */
export class CallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'CallFailure';
  }
}

export interface Client {
  call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: StrongroomBridge): Client {
  return {
    async call(name, input) {
      let result;
      try {
        result = await bridge.invoke(name, input);
      } catch {
        // The bridge itself failed (never a refusal from main): report it without detail.
        throw new CallFailure('INTERNAL', 'internal');
      }
      if (result.ok) return result.value;
      throw new CallFailure(result.code, result.key, result.params);
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
  };
}

/** The bridge the preload exposed, or null when the page runs outside Strongroom. */
export function windowBridge(): StrongroomBridge | null {
  return window.strongroom ?? null;
}

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}

const ENDED_BY: Record<string, 'gone' | 'locked' | 'expired' | 'closed'> = {
  'session.none': 'gone',
  'session.locked': 'locked',
  'session.expired': 'expired',
  'session.closed': 'closed',
};

/** Why a failure means the session is gone (the app leaves the signed-in screens), or null. */
export function sessionEndReason(error: unknown): 'gone' | 'locked' | 'expired' | 'closed' | null {
  return error instanceof CallFailure && error.code === 'NO_SESSION' ? (ENDED_BY[error.key] ?? 'gone') : null;
}
