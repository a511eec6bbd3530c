/** The app:// protocol serves the built renderer and nothing outside it. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppHandler,
  registerAppScheme,
  resolveAsset,
} from '../../electron/main/app-protocol';
import { tempDir } from '../fixtures/vault';

let base: { dir: string; cleanup: () => Promise<void> };
let root: string;
let handle: ReturnType<typeof createAppHandler>;

const get = (url: string) => handle({ url, method: 'GET' });

beforeAll(async () => {
  base = await tempDir('strongroom-protocol-');
  root = path.join(base.dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Strongroom</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'export {};');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  // A file next to the renderer directory: what a traversal would try to reach.
  await writeFile(path.join(base.dir, 'secret.txt'), 'TOP SECRET');
  await mkdir(path.join(base.dir, 'renderer-evil'), { recursive: true });
  await writeFile(path.join(base.dir, 'renderer-evil', 'x.js'), 'TOP SECRET');
  handle = createAppHandler(root);
});

afterAll(() => base.cleanup());

describe('app:// protocol', () => {
  it('registers app as a standard secure scheme without CORS, CSP bypass or service workers', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    for (const risky of ['corsEnabled', 'bypassCSP', 'allowServiceWorkers', 'stream'] as const) {
      expect(APP_SCHEME_PRIVILEGES.privileges?.[risky]).toBeFalsy();
    }
  });

  it('serves index.html, scripts and styles with the right content types', async () => {
    const html = await get('app://strongroom/index.html');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<title>Strongroom</title>');

    const js = await get('app://strongroom/assets/index-abc.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const css = await get('app://strongroom/assets/index-abc.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('answers the bare origin with index.html and nothing else without a file', async () => {
    for (const url of ['app://strongroom/', 'app://strongroom']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>Strongroom</title>');
    }
    expect((await get('app://strongroom/cases/42')).status).toBe(404);
    expect((await get('app://strongroom/assets')).status).toBe(404); // a directory
  });

  it('returns 404 for a missing file and for any other host', async () => {
    expect((await get('app://strongroom/assets/missing.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://user:pw@strongroom/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handle({ url: 'app://strongroom/index.html', method: 'POST' })).status).toBe(405);
    const head = await handle({ url: 'app://strongroom/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  const traversals = [
    'app://strongroom/../../etc/passwd',
    'app://strongroom/../secret.txt',
    'app://strongroom/%2e%2e/secret.txt',
    'app://strongroom/%2E%2E/%2E%2E/etc/passwd',
    'app://strongroom/..%2fsecret.txt',
    'app://strongroom/..%2F..%2Fetc%2Fpasswd',
    'app://strongroom/assets/..%2f..%2fsecret.txt',
    'app://strongroom/..%5csecret.txt',
    'app://strongroom/assets%5c..%5c..%5csecret.txt',
    'app://strongroom/%2e%2e%5csecret.txt',
    'app://strongroom/..%252fsecret.txt',
    'app://strongroom/%252e%252e/secret.txt',
    'app://strongroom/%2fetc%2fpasswd',
    'app://strongroom//etc/passwd',
    'app://strongroom/C:%5cWindows%5cwin.ini',
    'app://strongroom/index.html%00.js',
    'app://strongroom/%c0%ae%c0%ae/secret.txt',
    'app://strongroom/../renderer-evil/x.js',
    'app://strongroom/..%2frenderer-evil%2fx.js',
  ];

  it.each(traversals)('never serves a file outside the renderer directory: %s', async (url) => {
    const res = await get(url);
    expect(res.status).not.toBe(200);
    const body = await res.text();
    expect(body).not.toContain('TOP SECRET');
    expect(body).not.toMatch(/root:/);
  });

  it('resolves only paths inside the root', () => {
    for (const url of traversals) {
      const found = resolveAsset(root, url);
      const outside = found.ok && path.relative(root, found.file).startsWith('..');
      expect(outside, url).toBe(false);
    }
    expect(resolveAsset(root, 'app://strongroom/..%2fsecret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveAsset(root, 'app://strongroom/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });
});
