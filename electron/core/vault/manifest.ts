/** vault.json: the plaintext facts `status` may show without a password (no names, no keys). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fail } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';

export const MANIFEST_FILE = 'vault.json';
export const DB_FILE = 'vault.db';

const ManifestSchema = z.object({
  format: z.literal('strongroom-vault'),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.number().int(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export async function readManifest(dataDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') fail('INPUT_REJECTED', 'vault.missing');
    throw err;
  }
  try {
    return ManifestSchema.parse(JSON.parse(text));
  } catch {
    fail('VAULT_DAMAGED', 'manifest.damaged');
  }
}

export async function writeManifest(dataDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path.join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
