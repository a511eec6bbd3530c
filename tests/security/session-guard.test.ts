/** The renderer's session grants no permission, no device, no download and no network. */
import { describe, expect, it } from 'vitest';
import { lockDownSession } from '../../electron/main/session-guard';
import { fakeEvent, fakeSession } from './fake-electron';

const DEV = new URL('http://localhost:5173/');

function locked(dev: URL | null = null) {
  const fake = fakeSession();
  lockDownSession(fake.ses as never, dev);
  return fake;
}

describe('session lock-down', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('denies the %s permission request', (permission) => {
    const { captured } = locked();
    let granted: boolean | undefined;
    captured.permissionRequest?.({}, permission, (g) => void (granted = g), {});
    expect(granted).toBe(false);
  });

  it('answers every permission check and device request with no', () => {
    const { captured } = locked();
    for (const permission of ['media', 'hid', 'serial', 'usb', 'clipboard-sanitized-write', 'storage-access']) {
      expect(captured.permissionCheck?.(null, permission, 'app://strongroom', {})).toBe(false);
    }
    expect(captured.devicePermission?.({ deviceType: 'usb', origin: 'app://strongroom' })).toBe(false);
  });

  it('refuses screen capture and turns the spellchecker off', () => {
    const { captured, ses } = locked();
    let streams: unknown;
    captured.displayMedia?.({}, (s) => void (streams = s));
    expect(streams).toEqual({});
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels every download but a blob made by the app page (the ledger export)', () => {
    const { ses } = locked();
    const download = (url: string): boolean => {
      const event = fakeEvent();
      ses.emit('will-download', event, { getURL: () => url }, {});
      return !event.defaultPrevented();
    };
    expect(download('blob:app://strongroom/6f1c2a9e-3b7d-4e0f-9a85-2c4d6e8f0a1b')).toBe(true);
    for (const url of [
      'https://example.com/file.pdf',
      'blob:https://example.com/6f1c2a9e',
      'blob:app://strongroom.evil/6f1c2a9e',
      'data:application/pdf;base64,JVBERi0=',
      'app://strongroom/index.html',
      'file:///etc/passwd',
    ]) {
      expect(download(url), url).toBe(false);
    }
  });

  it('lets through only app://strongroom (and data:) in a packaged build', () => {
    const { allows } = locked();
    expect(allows('app://strongroom/index.html')).toBe(true);
    expect(allows('app://strongroom/assets/index-abc.js')).toBe(true);
    expect(allows('data:image/png;base64,AAAA')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'file:///etc/passwd',
      'app://other-host/index.html',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/x.js',
      'blob:app://strongroom/1234',
      'not a url',
    ]) {
      expect(allows(url), url).toBe(false);
    }
  });

  it('adds only the dev server and DevTools in development', () => {
    const { allows } = locked(DEV);
    expect(allows('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(allows('ws://localhost:5173/')).toBe(true);
    expect(allows('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(allows('http://localhost:5174/')).toBe(false);
    expect(allows('http://127.0.0.1:5173/')).toBe(false);
    expect(allows('https://localhost:5173/')).toBe(false);
    expect(allows('https://example.com/')).toBe(false);
  });
});
