/** Locks down an Electron session: no permissions, no devices, no downloads, no network. */
import type { Session } from 'electron';
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

export function lockDownSession(ses: GuardedSession, dev: URL | null): void {
  // Camera, microphone, notifications, clipboard reads, geolocation…: the vault needs none.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Screen capture would let page script read the screen; answering with no source refuses it.
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Hunspell dictionaries are downloaded from a Google CDN, and debtor names are not for spellcheck.
  ses.setSpellCheckerEnabled(false);
  // Exports go through the main process with a save dialog; a page-initiated download never does.
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, dev) }));
}
