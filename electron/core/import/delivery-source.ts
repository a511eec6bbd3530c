/**
 * The delivery archive file on this seat's disk, as the ceremony reads it: opened read-only once,
 * hashed whole (SHA-256, its identity in the log), then read through positioned reads of the same
 * handle. Nothing is copied; the plaintext exists only in memory. After a commit the custodians may
 * have it destroyed: overwritten, flushed to disk, then deleted.
 */
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { fail } from '../errors';
import type { ArchiveBytes } from './delivery-archive';

const CHUNK = 1024 * 1024;
/** Far above any delivery (the archive's files are capped at 2 GiB expanded). */
export const MAX_ARCHIVE_BYTES = 4 * 1024 ** 3;

export interface DeliverySource extends ArchiveBytes {
  name: string;
  sha256: string;
  /** Hashes the file again: it must not have changed since it was opened. */
  rehash(): Promise<string>;
  close(): Promise<void>;
}

async function hashOf(handle: fs.FileHandle, size: number, onProgress?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK);
  for (let at = 0; at < size;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, size - at), at);
    if (bytesRead === 0) fail('INPUT_REJECTED', 'import.sourceChanged');
    hash.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
    onProgress?.(at);
  }
  return hash.digest('hex');
}

export async function openDeliverySource(file: string, onProgress?: (bytes: number) => void): Promise<DeliverySource> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return fail('INPUT_REJECTED', 'import.fileUnreadable');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) fail('INPUT_REJECTED', 'import.fileUnreadable');
    if (stat.size > MAX_ARCHIVE_BYTES) fail('INPUT_REJECTED', 'import.archive.tooLarge');
    const size = stat.size;
    const sha256 = await hashOf(handle, size, onProgress);
    return {
      name: path.basename(file),
      size,
      sha256,
      async read(offset, length) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      },
      async rehash() {
        if ((await handle.stat()).size !== size) return '';
        return hashOf(handle, size);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Overwrites the file with zeros, flushes it, then deletes it. On an SSD or a copy-on-write file
 * system the old blocks may survive the overwrite (docs/import-ceremony.md says so); the archive
 * is encrypted, so what could survive is ciphertext.
 */
export async function destroyFile(file: string, expectedSha256: string): Promise<number> {
  const handle = await fs
    .open(file, constants.O_RDWR | (constants.O_NONBLOCK ?? 0))
    .catch(() => fail('INPUT_REJECTED', 'import.fileUnreadable'));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) fail('INPUT_REJECTED', 'import.fileUnreadable');
    // Only the archive that was imported: a file put in its place since is not destroyed.
    if ((await hashOf(handle, stat.size)) !== expectedSha256) fail('INPUT_REJECTED', 'import.sourceChanged');
    const zeros = Buffer.alloc(CHUNK);
    for (let at = 0; at < stat.size; at += CHUNK) await handle.write(zeros, 0, Math.min(CHUNK, stat.size - at), at);
    await handle.sync();
    await fs.unlink(file);
    return stat.size;
  } finally {
    await handle.close();
  }
}
