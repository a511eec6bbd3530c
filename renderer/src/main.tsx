/** Renderer entry: mounts the app on the bridge the preload (or the harness) exposed. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createClient, windowBridge } from './app/client';
import { NoBridge } from './app/no-bridge';
import './i18n';
import './app/app.css';

const root = document.getElementById('root');
if (root) {
  const bridge = windowBridge();
  createRoot(root).render(<StrictMode>{bridge ? <App client={createClient(bridge)} /> : <NoBridge />}</StrictMode>);
}
