/** Builds `window.strongroom`: invoke and subscribe, for contract names only, over two IPC channels. */
import type { IpcRenderer } from 'electron';
import type { Result, StrongroomBridge } from '../../shared/contract';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isEventName,
  isProcedureName,
  type EventMessage,
  type InvokeMessage,
} from '../../shared/ipc-names';

export type IpcLike = Pick<IpcRenderer, 'invoke' | 'on'>;

/** What the router itself answers for a name it does not know; the preload says it without sending. */
export const UNKNOWN_PROCEDURE: Result<never> = { ok: false, code: 'USAGE', key: 'ipc.unknownProcedure' };

function isEventMessage(message: unknown): message is EventMessage {
  return typeof message === 'object' && message !== null && isEventName((message as { event?: unknown }).event);
}

export function createBridge(ipc: IpcLike): StrongroomBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let listening = false;

  function listen(): void {
    if (listening) return;
    listening = true;
    // One channel listener for all subscribers; the IpcRendererEvent stops here (it exposes
    // `sender`, i.e. ipcRenderer itself), only the payload goes on to the page.
    ipc.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => {
      if (!isEventMessage(message)) return;
      for (const listener of [...(listeners.get(message.event) ?? [])]) {
        try {
          listener(message.payload);
        } catch (err) {
          // One failing subscriber must not stop the others (a lock must still clear every cache).
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    });
  }

  return {
    invoke(name, input) {
      // Checked at runtime because the page is not trusted to respect the types.
      if (!isProcedureName(name)) return Promise.resolve(UNKNOWN_PROCEDURE);
      const message: InvokeMessage = { name, input };
      // The router's answer is already shaped and parsed against the contract's output schema.
      return ipc.invoke(IPC_INVOKE_CHANNEL, message) as Promise<never>;
    },
    subscribe(event, listener) {
      if (!isEventName(event)) throw new TypeError(`unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      listen();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
      const entry = (payload: unknown): void => listener(payload as never);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}
