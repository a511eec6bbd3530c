/** Serves the built renderer from out/renderer, with the harness bridge script added to index.html. */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import ts from 'typescript';

export const BRIDGE_PATH = '/__harness/bridge.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The bridge as a classic script, compiled from bridge-client.ts once per harness. */
export async function bridgeScript(): Promise<string> {
  const source = await readFile(new URL('./bridge-client.ts', import.meta.url), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
}

/** index.html with the bridge loaded first: an external script, so the renderer's CSP stays as it is. */
export function withBridge(indexHtml: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  if (!indexHtml.includes('<script')) throw new Error('index.html has no script tag to put the bridge before');
  return indexHtml.replace('<script', `${tag}\n    <script`);
}

/** What one harness serves: the rewritten index, the bridge, and the headers every response carries. */
export interface Site {
  root: string;
  index: string;
  bridge: string;
  headers: Record<string, string>;
}

function send(res: ServerResponse, site: Site, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...site.headers, 'Content-Type': type });
  res.end(body);
}

export function refuse(res: ServerResponse, site: Site, status = 404): void {
  send(res, site, status, 'text/plain; charset=utf-8', status === 404 ? 'not found' : 'refused');
}

/** Serves one file under the site's root; anything resolving outside it (or missing) is a 404. */
export async function serveFile(res: ServerResponse, site: Site, urlPath: string): Promise<void> {
  const { root } = site;
  const notFound = (r: ServerResponse) => refuse(r, site);
  if (urlPath === BRIDGE_PATH) return send(res, site, 200, TYPES['.js']!, site.bridge);
  if (urlPath === '/' || urlPath === '/index.html') return send(res, site, 200, TYPES['.html']!, site.index);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return notFound(res);
  }
  const file = path.resolve(root, `.${decoded}`);
  if (!file.startsWith(root + path.sep)) return notFound(res);
  try {
    if (!(await stat(file)).isFile()) return notFound(res);
    send(res, site, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
  } catch {
    notFound(res);
  }
}
