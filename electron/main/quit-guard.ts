/** Closes the vault cleanly when the app quits with someone signed in. */
import type { App } from 'electron';
import type { Workstation } from '../core/api/workstation';

/**
 * `before-quit` cannot wait for a promise, so the first quit is held back, the session ends
 * (logout event written, database closed, keys wiped), and then the quit is repeated.
 */
export function endSessionBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  ws: Pick<Workstation, 'session' | 'endSession'>,
): void {
  let ending = false;
  app.on('before-quit', (event) => {
    if (!ws.session || ending) return;
    event.preventDefault();
    ending = true;
    void ws
      .endSession('logout')
      .catch(() => undefined) // quitting anyway; Session closes the vault in a `finally`
      .finally(() => app.quit());
  });
}
