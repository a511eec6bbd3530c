/** Every web contents stays on the page it was loaded with: no navigation, no popups, no webviews. */
import type { WebContents } from 'electron';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every web contents the app creates (`app.on('web-contents-created')`), so a
 * window added later is covered without anyone remembering to. The renderer is a single-page
 * app: it never needs to navigate, redirect or open a window, and programmatic `loadURL`
 * from the main process does not fire these events.
 */
export function guardWebContents(contents: GuardedContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
