/** Packaged builds flip exactly the fuses we decided on (build/fuses.mjs, used by the afterPack hook). */
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { electronBinaryPath, FUSES } from '../../build/fuses.mjs';

describe('Electron fuses', () => {
  it('are exactly the hardened set', () => {
    expect(FUSES).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(Object.isFrozen(FUSES)).toBe(true);
  });

  it('target the packed executable on each platform', () => {
    const packager = { executableName: 'strongroom', appInfo: { productFilename: 'Strongroom' } };
    const out = path.join('release', 'x-unpacked');
    expect(electronBinaryPath({ appOutDir: out, electronPlatformName: 'linux', packager })).toBe(
      path.join(out, 'strongroom'),
    );
    expect(electronBinaryPath({ appOutDir: out, electronPlatformName: 'win32', packager })).toBe(
      path.join(out, 'Strongroom.exe'),
    );
    expect(electronBinaryPath({ appOutDir: out, electronPlatformName: 'darwin', packager })).toBe(
      path.join(out, 'Strongroom.app'),
    );
    expect(() => electronBinaryPath({ appOutDir: out, electronPlatformName: 'plan9', packager })).toThrow(
      /unsupported/,
    );
  });
});
