/** The single IPC entry: refuse strangers and malformed messages before the router ever sees them. */
import type { IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../../shared/contract';
import type { InvokeMessage } from '../../../shared/ipc-names';
import type { Router } from '../../core/api/router';
import { isTrustedSender, type SenderLike, type TrustPolicy } from './trusted-sender';

export const BAD_SENDER: Result<never> = { ok: false, code: 'NOT_PERMITTED', key: 'ipc.badSender' };
export const BAD_MESSAGE: Result<never> = { ok: false, code: 'INPUT_REJECTED', key: 'ipc.badMessage' };
const INTERNAL: Result<never> = { ok: false, code: 'INTERNAL', key: 'internal' };

const MAX_NAME_LENGTH = 64;

export function isInvokeMessage(message: unknown): message is InvokeMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  const name = (message as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME_LENGTH;
}

export function createInvokeHandler(router: Router, policy: TrustPolicy) {
  return async (event: SenderLike | IpcMainInvokeEvent, message: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, policy)) return BAD_SENDER;
    if (!isInvokeMessage(message)) return BAD_MESSAGE;
    try {
      return await router.call(message.name, message.input);
    } catch {
      // The router shapes every failure itself; this only keeps a raw error (and its stack) off the wire.
      return INTERNAL;
    }
  };
}
