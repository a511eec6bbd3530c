/** Every app:// response carries a CSP that allows our own origin only. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppHandler } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../electron/main/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows no remote origin, no wildcard and no eval anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(
          /^(https?:|wss?:|\*|file:|blob:)|\*|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic'/,
        );
        expect(source, `${name} ${source}`).not.toMatch(/\./); // no host names at all
      }
    }
  });

  it('runs only our own scripts and allows inline styles only (antd CSS-in-JS)', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('shuts network access, plugins, framing, base and form targets', () => {
    for (const name of ['connect-src', 'object-src', 'frame-src', 'base-uri', 'frame-ancestors', 'form-action']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
  });

  it('is the policy the directive table describes', () => {
    expect(policy.size).toBe(Object.keys(CSP_DIRECTIVES).length);
  });

  it('is sent on every protocol response, errors included', async () => {
    const handle = createAppHandler(path.join(__dirname, 'no-such-dir'), () =>
      Promise.resolve(new TextEncoder().encode('x')),
    );
    const cases = [
      { url: 'app://strongroom/index.html', method: 'GET' }, // 200 (fake reader)
      { url: 'app://strongroom/../x', method: 'GET' }, // normalised by the URL parser
      { url: 'app://strongroom/..%2fx', method: 'GET' }, // 403
      { url: 'app://strongroom/%E0%A4%A', method: 'GET' }, // 400
      { url: 'app://elsewhere/index.html', method: 'GET' }, // 404
      { url: 'app://strongroom/index.html', method: 'PUT' }, // 405
    ];
    const statuses = new Set<number>();
    for (const request of cases) {
      const res = await handle(request);
      statuses.add(res.status);
      expect(res.headers.get('content-security-policy'), request.url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect([...statuses].sort()).toEqual([200, 400, 403, 404, 405]);
  });

  it('is sent when reading a file fails', async () => {
    const handle = createAppHandler('/nowhere', () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })));
    const res = await handle({ url: 'app://strongroom/index.html', method: 'GET' });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
