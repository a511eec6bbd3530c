/**
 * Reading the files kept outside the database (keyring.json, vault.json, preauth.json, anchor
 * files). Anyone with write access to the data directory can edit them, so a reader takes
 * nothing on trust: the size is capped before anything is parsed, a FIFO or device can't make
 * it wait, and the schemas bound every field (docs/keyring-format.md, "Bounds at read time").
 */
import { constants, promises as fs } from 'node:fs';
import { z } from 'zod';

/**
 * The latest time any of these files may hold: 9999-12-31T23:59:59.999Z. Every such time is a
 * valid Date with a four-digit year, far below Number.MAX_SAFE_INTEGER, and any sum of two of
 * them stays a safe integer.
 */
export const MAX_TIME = 253_402_300_799_999;

/** A time in ms since the epoch, 1970 to the end of 9999. */
export const Timestamp = z.number().int().min(0).max(MAX_TIME);

const READ_CHUNK = 64 * 1024;

/**
 * The file's text, or null when it is not a regular file or holds more than `maxBytes`. Other
 * errors (ENOENT, EACCES, …) are thrown as they come, for the caller to name. Opened
 * non-blocking, so a FIFO put in the file's place can't make the reader wait for a writer.
 */
export async function readBounded(file: string, maxBytes: number): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw err;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > maxBytes) return null;
    // Read to the end, whatever the size was at stat: the file may grow in between.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return null;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when `s` is the one padded standard base64 text of its bytes (what Buffer writes). */
function canonicalBase64(s: string): boolean {
  return BASE64_CHARS.test(s) && s.length % 4 === 0 && Buffer.from(s, 'base64').toString('base64') === s;
}

function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** Canonical base64 of exactly `bytes` bytes. */
export function base64Of(bytes: number) {
  return z
    .string()
    .length(base64Length(bytes), { abort: true })
    .refine((s) => canonicalBase64(s) && Buffer.from(s, 'base64').length === bytes);
}

/** Canonical base64 of `min` to `max` bytes (the length is checked before anything is decoded). */
export function base64Between(min: number, max: number) {
  return z
    .string()
    .max(base64Length(max), { abort: true })
    .refine((s) => {
      if (!canonicalBase64(s)) return false;
      const n = Buffer.from(s, 'base64').length;
      return n >= min && n <= max;
    });
}
