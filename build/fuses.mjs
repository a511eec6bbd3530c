/** The Electron fuses every packaged Strongroom has flipped; read by after-pack.mjs and tests/security/fuses.test.ts. */
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Fuses are compiled into the Electron binary, so no flag or environment variable can undo them:
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the app into a general Node interpreter.
 * - NODE_OPTIONS and --inspect off: nobody can inject code or attach a debugger at launch.
 * - Asar integrity on + only load from asar: a tampered or side-loaded app folder is refused.
 * - Cookie encryption on: defence in depth, though the app keeps nothing in cookies.
 * - File-protocol extra privileges off: the renderer is served from app://, never file://.
 */
export const FUSES = Object.freeze({
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** The Electron executable electron-builder just packed (same rule as its own fuse support). */
export function electronBinaryPath(context) {
  const ext = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }[context.electronPlatformName];
  if (ext === undefined) throw new Error(`unsupported platform: ${context.electronPlatformName}`);
  const name =
    context.electronPlatformName === 'linux'
      ? context.packager.executableName
      : context.packager.appInfo.productFilename;
  return path.join(context.appOutDir, `${name}${ext}`);
}
