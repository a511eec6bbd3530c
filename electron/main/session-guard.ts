/** Locks down an Electron session: no permissions, no devices, no network, no downloads but our own reports. */
import type { Session } from 'electron';
import { APP_ORIGIN } from './app-origin';
import { isAllowedRequest } from './request-policy';

export type GuardedSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setSpellCheckerEnabled'
  | 'on'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

/** A blob: URL the app's own page made (blob:app://strongroom/<uuid>, or the dev server's). */
export function isOwnBlob(url: string, dev: URL | null): boolean {
  if (!url.startsWith('blob:')) return false;
  const inner = url.slice('blob:'.length);
  return inner.startsWith(`${APP_ORIGIN}/`) || (dev !== null && inner.startsWith(`${dev.origin}/`));
}

export function lockDownSession(ses: GuardedSession, dev: URL | null): void {
  // Camera, microphone, notifications, clipboard reads, geolocation…: the vault needs none.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Screen capture would let page script read the screen; answering with no source refuses it.
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Hunspell dictionaries are downloaded from a Google CDN, and debtor names are not for spellcheck.
  ses.setSpellCheckerEnabled(false);
  // Reports (the daily ledger) are built by the main process and handed to the page, which saves
  // them as a blob of its own origin; Electron then asks where to save. Any other download is refused.
  ses.on('will-download', (event, item: { getURL(): string }) => {
    if (!isOwnBlob(item.getURL(), dev)) event.preventDefault();
  });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, dev) }));
}
