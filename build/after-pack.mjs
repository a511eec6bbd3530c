/** electron-builder afterPack hook: flips the Electron fuses in the packed binary before signing. */
import { flipFuses } from '@electron/fuses';
import { electronBinaryPath, FUSES } from './fuses.mjs';

export default async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), {
    ...FUSES,
    // Flipping fuses invalidates the ad-hoc signature of an unsigned macOS build; re-sign it.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  });
}
