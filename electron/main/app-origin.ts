/** Where the renderer comes from: `app://strongroom` when built, the electron-vite dev server in development. */

export const APP_SCHEME = 'app';
export const APP_HOST = 'strongroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL, only for an unpackaged app and only on loopback: a packaged build must
 * never let an environment variable point its window at another page.
 */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): URL | null {
  const raw = env['ELECTRON_RENDERER_URL'];
  if (isPackaged || !raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url;
}

/** True for a URL on our own origin (`app://strongroom/…`). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    // Node's URL gives non-special schemes an opaque origin ("null"), so compare the parts.
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** True for a URL on the dev server's origin (same scheme, host and port). */
export function isDevServerUrl(raw: string, dev: URL | null): boolean {
  if (!dev) return false;
  try {
    return new URL(raw).origin === dev.origin;
  } catch {
    return false;
  }
}

/** The origin the renderer's main frame must have for its IPC to be heard. */
export function isTrustedRendererUrl(raw: string, dev: URL | null): boolean {
  return isAppUrl(raw) || isDevServerUrl(raw, dev);
}
