/** The only place `ipcMain` is used: one handler on one channel. */
import { ipcMain, type IpcMain } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../../shared/ipc-names';
import type { Router } from '../../core/api/router';
import { createInvokeHandler } from './invoke-handler';
import type { TrustPolicy } from './trusted-sender';

/** `target` is Electron's ipcMain; tests pass a fake. */
export function bindIpc(router: Router, policy: TrustPolicy, target: Pick<IpcMain, 'handle'> = ipcMain): void {
  target.handle(IPC_INVOKE_CHANNEL, createInvokeHandler(router, policy));
}
