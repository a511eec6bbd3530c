/**
 * The browser harness: serves the built renderer on 127.0.0.1 and bridges `window.strongroom` over a
 * loopback WebSocket (per-run token, same-origin only) to one Workstation and the real router.
 * A test and development tool only; never part of a packaged app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { events, type EventName, type EventPayload } from '../../shared/contract';
import { createRouter } from '../../electron/core/api/router';
import { securityHeaders } from '../../electron/main/csp';
import { memoryDataDirStore, Workstation } from '../../electron/core/api/workstation';
import { CJK_FONT } from '../../electron/core/ledger/font';
import { defaultEnv } from '../../electron/core/vault/env';
import { bridgeScript, refuse, serveFile, withBridge, type Site } from './static';

/**
 * The app's own security headers (electron/main/csp.ts) with one change: connect-src allows this
 * harness's WebSocket, since here the bridge is a socket rather than IPC. Everything else stays as
 * strict as in the app, so a renderer that breaks the CSP fails here too.
 */
export function harnessHeaders(wsOrigin: string): Record<string, string> {
  const headers = securityHeaders();
  const csp = headers['Content-Security-Policy'] ?? '';
  headers['Content-Security-Policy'] = csp.replace(/connect-src [^;]*/, `connect-src ${wsOrigin}`);
  return headers;
}

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WS_PATH = '/__harness/ws';
const PROTOCOL = 'strongroom-harness';

export interface HarnessOptions {
  /** Default data directory offered at first run (default: `<fresh temp dir>/vault`). */
  dataDir?: string;
  /** The seat's machine id (default: this machine's). */
  machineId?: string;
  /** Port on 127.0.0.1 (default: a random free one). */
  port?: number;
  /** The built renderer (default: out/renderer). */
  rendererDir?: string;
}

/** The server's clocks: the real ones plus an offset a test can move forward. */
export interface HarnessClock {
  now(): number;
  /** The monotonic clock (re-auth window, session lifetime): moves forward with advance() too. */
  monotonic(): number;
  /** Time passes on the server (e.g. past the re-authentication window). */
  advance(ms: number): void;
}

function harnessClock(): HarnessClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    monotonic: () => performance.now() + offset,
    advance(ms) {
      if (ms < 0) throw new Error('the harness clock only moves forward');
      offset += ms;
    },
  };
}

export interface Harness {
  /** The page URL; its fragment carries the per-run token. */
  url: string;
  dataDir: string;
  /** The clock the vault reads (the page's clock is Playwright's, and separate). */
  clock: HarnessClock;
  /** What the seat's dialer was handed (a softphone would dial it): the test's view, never the page's. */
  dialed: { number: string; callNo: string }[];
  stop(): Promise<void>;
}

function tokenMatches(offered: string | undefined, token: string): boolean {
  const want = Buffer.from(`token.${token}`);
  return (offered ?? '')
    .split(',')
    .map((p) => Buffer.from(p.trim()))
    .some((got) => got.length === want.length && timingSafeEqual(got, want));
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = path.resolve(options.rendererDir ?? RENDERER_DIR);
  const indexHtml = withBridge(await readFile(path.join(rendererDir, 'index.html'), 'utf8'));
  const bridge = await bridgeScript();
  const tempRoot = options.dataDir ? null : await mkdtemp(path.join(os.tmpdir(), 'strongroom-harness-'));
  const dataDir = options.dataDir ?? path.join(tempRoot!, 'vault');
  const machineId = options.machineId;
  const clock = harnessClock();
  const env = {
    ...defaultEnv,
    clock,
    monotonic: () => clock.monotonic(),
    ...(machineId ? { machineId: () => machineId } : {}),
  };
  const dialed: Harness['dialed'] = [];
  const workstation = new Workstation(memoryDataDirStore(dataDir), env, {
    fontPath: path.resolve(REPO_ROOT, CJK_FONT),
    dial: (number, callNo) => {
      dialed.push({ number, callNo });
      return Promise.resolve();
    },
  });
  const token = randomBytes(32).toString('hex');
  const clients = new Set<WebSocket>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const message = JSON.stringify({ type: 'event', event, payload: events[event].parse(payload) });
    for (const client of clients) client.send(message);
  };
  const router = createRouter(workstation, emit);

  let origin = '';
  // Refuse DNS-rebinding tricks: only requests addressed to our own loopback origin are served.
  const ownHost = (req: IncomingMessage) => req.headers.host === new URL(origin).host;

  const site: Site = { root: rendererDir, index: indexHtml, bridge, headers: {} };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || !ownHost(req)) return refuse(res, site, 403);
    const { pathname } = new URL(req.url ?? '/', origin);
    serveFile(res, site, pathname).catch(() => refuse(res, site));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024, handleProtocols: () => PROTOCOL });
  server.on('upgrade', (req, socket, head) => {
    const ok =
      new URL(req.url ?? '/', origin).pathname === WS_PATH &&
      ownHost(req) &&
      req.headers.origin === origin &&
      tokenMatches(req.headers['sec-websocket-protocol'], token);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary || !Buffer.isBuffer(data)) return ws.close(1003, 'text frames only');
        let msg: { type?: unknown; id?: unknown; name?: unknown; input?: unknown };
        try {
          msg = JSON.parse(data.toString('utf8')) as typeof msg;
        } catch {
          return ws.close(1008, 'bad message');
        }
        if (msg.type !== 'invoke' || typeof msg.id !== 'number' || typeof msg.name !== 'string')
          return ws.close(1008, 'bad message');
        const id = msg.id;
        router
          .call(msg.name, msg.input)
          .then((result) => ws.send(JSON.stringify({ type: 'result', id, result })))
          .catch(() =>
            ws.send(JSON.stringify({ type: 'result', id, result: { ok: false, code: 'INTERNAL', key: 'internal' } })),
          );
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  site.headers = harnessHeaders(`ws://127.0.0.1:${port}`);

  return {
    url: `${origin}/#token=${token}`,
    dataDir,
    clock,
    dialed,
    async stop() {
      for (const client of clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await workstation.endSession('logout').catch(() => undefined);
      if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
    },
  };
}
