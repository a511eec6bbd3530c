/**
 * The `app://strongroom/` protocol: serves the built renderer from one directory, refuses
 * anything that would leave it, and puts the CSP on every response.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { securityHeaders } from './csp';
import { contentTypeFor } from './mime-types';

/**
 * standard + secure give the scheme a real origin (so CSP 'self' and same-origin module scripts
 * work) and a secure context. Left off on purpose: corsEnabled (would let other origins read
 * our files), bypassCSP, allowServiceWorkers, stream.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Must run before `app` is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: { registerSchemesAsPrivileged(schemes: CustomScheme[]): void }): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export type AssetLookup = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a request URL to a file under `root`. Any `..` segment (even percent-encoded), a
 * backslash, a colon or a NUL is refused outright, and the resolved path must still be inside
 * `root`: two independent checks, so one mistake does not open the disk.
 */
export function resolveAsset(root: string, rawUrl: string): AssetLookup {
  if (!isAppUrl(rawUrl)) return { ok: false, status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(rawUrl).pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (/[\\:\0]/.test(decoded)) return { ok: false, status: 403 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403 };

  // Only the bare origin maps to index.html; the renderer has no client-side routes to fall back for.
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return { ok: false, status: 403 };
  return { ok: true, file };
}

type ReadFile = (file: string) => Promise<Uint8Array>;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The handler for `protocol.handle('app', …)`. */
export function createAppHandler(root: string, readFile: ReadFile = (f) => fs.readFile(f)) {
  return async (request: Pick<Request, 'url' | 'method'>): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const found = resolveAsset(root, request.url);
    if (!found.ok) return plain(found.status, found.status === 404 ? 'not found' : 'refused');
    let body: Uint8Array;
    try {
      body = await readFile(found.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
        ? plain(404, 'not found')
        : plain(500, 'error');
    }
    const headers = { ...securityHeaders(), 'Content-Type': contentTypeFor(found.file) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
