/** Web contents never navigate, redirect, open windows or attach webviews. */
import { describe, expect, it } from 'vitest';
import { guardWebContents } from '../../electron/main/web-contents-guard';
import { fakeEvent, FakeWebContents } from './fake-electron';

function guarded(): FakeWebContents {
  const contents = new FakeWebContents();
  guardWebContents(contents as never);
  return contents;
}

describe('web contents guard', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const contents = guarded();
    const event = fakeEvent();
    contents.emit(name, event, 'https://evil.example/');
    expect(event.defaultPrevented()).toBe(true);
  });

  it('prevents navigation even to our own origin (the app is a single page)', () => {
    const contents = guarded();
    const event = fakeEvent();
    contents.emit('will-navigate', event, 'app://strongroom/other.html');
    expect(event.defaultPrevented()).toBe(true);
  });

  it('denies window.open for every URL', () => {
    const contents = guarded();
    for (const url of ['https://evil.example/', 'app://strongroom/index.html', 'about:blank', 'file:///etc/passwd']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });
});
