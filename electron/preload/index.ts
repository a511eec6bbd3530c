/** The preload: exposes `window.strongroom` and nothing else (built as one CommonJS bundle). */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('strongroom', createBridge(ipcRenderer));
