/** Which URLs the renderer's session may load at all: our own scheme, and the dev server in development. */
import { isAppUrl } from './app-origin';

/**
 * The app is air-gapped and must behave the same on a connected machine, so anything not on
 * `app://strongroom` is cancelled. `data:` never touches the network (CSP allows it for images).
 * In development only: the dev server (page and HMR socket) and the DevTools front-end.
 */
export function isAllowedRequest(raw: string, dev: URL | null): boolean {
  if (isAppUrl(raw)) return true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'data:') return true;
  if (!dev) return false;
  if (url.protocol === 'devtools:') return true;
  const sameServer = url.hostname === dev.hostname && url.port === dev.port;
  return sameServer && (url.protocol === 'http:' || url.protocol === 'ws:');
}
