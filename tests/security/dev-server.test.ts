/** The dev-server URL is honoured only by an unpackaged app and only on loopback. */
import { describe, expect, it } from 'vitest';
import { devServerUrl, isTrustedRendererUrl } from '../../electron/main/app-origin';

describe('dev server URL', () => {
  it('is ignored by a packaged app', () => {
    expect(devServerUrl(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBeNull();
  });

  it('is used by an unpackaged app on loopback', () => {
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })?.origin).toBe(
      'http://localhost:5173',
    );
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' })?.origin).toBe(
      'http://127.0.0.1:5173',
    );
  });

  it('is refused when it points anywhere else', () => {
    for (const raw of [
      'https://evil.example/',
      'http://192.168.1.10:5173/',
      'file:///tmp/index.html',
      'javascript:alert(1)',
      'nonsense',
    ]) {
      expect(devServerUrl(false, { ELECTRON_RENDERER_URL: raw }), raw).toBeNull();
    }
    expect(devServerUrl(false, {})).toBeNull();
  });

  it('makes the dev origin trusted only when set', () => {
    const dev = new URL('http://localhost:5173/');
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedRendererUrl('app://strongroom/index.html', null)).toBe(true);
  });
});
