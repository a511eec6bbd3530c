/** vault.json: the plaintext facts `status` may show without a password (no names, no keys). */
import path from 'node:path';
import { z } from 'zod';
import { fail } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { readBounded, Timestamp } from '../fs/outside-file';

export const MANIFEST_FILE = 'vault.json';
export const DB_FILE = 'vault.db';

/** vault.json as written is about 200 bytes. */
const MAX_MANIFEST_BYTES = 64 * 1024;
/** SQLite's `PRAGMA user_version`, which the schema version mirrors, is a signed 32-bit integer. */
const MAX_SCHEMA_VERSION = 2 ** 31 - 1;

// Bounds at read time (docs/keyring-format.md): anything outside them is `manifest.damaged`.
const ManifestSchema = z.strictObject({
  format: z.literal('strongroom-vault'),
  version: z.literal(1),
  vaultId: z.uuid(),
  schemaVersion: z.number().int().min(0).max(MAX_SCHEMA_VERSION),
  createdAt: Timestamp,
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Reads vault.json: missing is `vault.missing`; anything out of bounds is `manifest.damaged`. */
export async function readManifest(dataDir: string): Promise<Manifest> {
  let text: string | null;
  try {
    text = await readBounded(path.join(dataDir, MANIFEST_FILE), MAX_MANIFEST_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') fail('INPUT_REJECTED', 'vault.missing');
    throw err;
  }
  if (text === null) fail('VAULT_DAMAGED', 'manifest.damaged');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('VAULT_DAMAGED', 'manifest.damaged');
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) fail('VAULT_DAMAGED', 'manifest.damaged');
  return parsed.data;
}

/** Writes vault.json; refuses, before touching the disk, a manifest it could not read back. */
export async function writeManifest(dataDir: string, manifest: Manifest): Promise<void> {
  if (!ManifestSchema.safeParse(manifest).success) throw new RangeError('manifest out of bounds: not written');
  await writeFileAtomic(path.join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
