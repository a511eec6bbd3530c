/** Sends router events to the window's renderer on the one event channel. */
import type { WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, type EventMessage } from '../../shared/ipc-names';
import type { Emit } from '../core/api/router';

type Target = Pick<WebContents, 'send' | 'isDestroyed'>;

/** Events raised while no window is open (or after it closed) are dropped: nobody is listening. */
export function rendererEmitter(target: () => Target | null): Emit {
  return (event, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    const message: EventMessage = { event, payload };
    contents.send(IPC_EVENT_CHANNEL, message);
  };
}
