/** Types for fuses.mjs (a plain ESM file so electron-builder can load it without a TypeScript step). */
import type { FuseV1Config } from '@electron/fuses';

export declare const FUSES: Readonly<FuseV1Config>;

export interface PackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

export declare function electronBinaryPath(context: PackContextLike): string;
