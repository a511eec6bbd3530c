/** Output files (--out): checked before signing in, written atomically, fs errors named as the file's. */
import { promises as fs, constants } from 'node:fs';
import path from 'node:path';
import { VaultError } from '../core/errors';
import { writeFileAtomic, writeFileAtomicFrom } from '../core/fs/atomic-write';

/** Refuses an --out whose folder is missing or read-only, before any password is asked for. */
export async function assertWritableTarget(file: string): Promise<void> {
  try {
    await fs.access(path.dirname(path.resolve(file)), constants.W_OK);
  } catch {
    throw new VaultError('INPUT_REJECTED', 'out.unwritable', { file });
  }
}

/** File-system errors are about --out; anything else (the vault) passes through. */
function asOutError(err: unknown, file: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (err instanceof VaultError || typeof code !== 'string') return err;
  return new VaultError('INPUT_REJECTED', 'out.unwritable', { file });
}

export async function writeOutFile(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch (err) {
    throw asOutError(err, file);
  }
}

export async function writeOutFileFrom(file: string, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  try {
    await writeFileAtomicFrom(file, chunks);
  } catch (err) {
    throw asOutError(err, file);
  }
}
