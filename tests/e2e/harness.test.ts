/** The harness itself: loopback only, per-run token, same origin, no files outside the build. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { RENDERER_DIR, startHarness, type Harness } from '../harness/harness';

let harness: Harness;
let origin: string;
let token: string;

beforeAll(async () => {
  harness = await startHarness({ machineId: 'harness-test' });
  const url = new URL(harness.url);
  origin = url.origin;
  token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
});
afterAll(async () => {
  await harness?.stop();
});

/** Opens a socket and resolves with the first result, or rejects with the handshake's HTTP status. */
function call(
  opts: { token?: string; origin?: string; host?: string },
  name: string,
  input: unknown = {},
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `${origin.replace('http', 'ws')}/__harness/ws`,
      ['strongroom-harness', `token.${opts.token ?? token}`],
      {
        origin: opts.origin ?? origin,
        headers: opts.host ? { host: opts.host } : {},
      },
    );
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'invoke', id: 1, name, input })));
    ws.on('message', (data: Buffer) => {
      resolve((JSON.parse(data.toString('utf8')) as { result: unknown }).result);
      ws.close();
    });
  });
}

describe('browser harness', () => {
  it('listens on 127.0.0.1 and carries its token only in the URL fragment', () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sends the app's CSP, widened only to this harness's WebSocket", async () => {
    const res = await fetch(`${origin}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(
      CONTENT_SECURITY_POLICY.replace("connect-src 'none'", `connect-src ${origin.replace('http', 'ws')}`),
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('serves index.html with the bridge as an external script before the app', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    expect(html).not.toContain(token);
    const bridgeAt = html.indexOf('<script src="/__harness/bridge.js"></script>');
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(html.indexOf('<script type="module"'));
    const bridge = await fetch(`${origin}/__harness/bridge.js`);
    expect(bridge.headers.get('content-type')).toMatch(/javascript/);
    expect(await bridge.text()).not.toContain(token);
  });

  it('answers router calls for the right token and origin', async () => {
    await expect(call({}, 'vault.status')).resolves.toMatchObject({
      ok: true,
      value: { initialized: false, dataDir: harness.dataDir },
    });
    await expect(call({}, 'no.such.procedure')).resolves.toMatchObject({ ok: false, key: 'ipc.unknownProcedure' });
  });

  it('refuses a wrong token, another origin and another Host', async () => {
    await expect(call({ token: '0'.repeat(64) }, 'vault.status')).rejects.toThrow('HTTP 403');
    await expect(call({ origin: 'http://evil.example' }, 'vault.status')).rejects.toThrow('HTTP 403');
    await expect(call({ host: `localhost:${new URL(origin).port}` }, 'vault.status')).rejects.toThrow('HTTP 403');
  });

  it('serves nothing outside the built renderer', async () => {
    expect((await fetch(`${origin}/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/assets/../../../package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(403);
  });

  it('adds itself only when serving: the production build knows nothing of it', async () => {
    const built = [path.join(RENDERER_DIR, 'index.html')];
    for (const f of await readdir(path.join(RENDERER_DIR, 'assets'))) built.push(path.join(RENDERER_DIR, 'assets', f));
    for (const file of built) expect(await readFile(file, 'utf8'), file).not.toContain('__harness');
  });
});
