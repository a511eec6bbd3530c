/** Reads an anchor file written by `audit anchor` (one JSON object); anything else is rejected. */
import { promises as fs } from 'node:fs';
import { Anchor } from '../../shared/contract';
import { VaultError } from '../core/errors';

const MAX_ANCHOR_BYTES = 64 * 1024;

export async function readAnchorFile(file: string): Promise<Anchor> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_ANCHOR_BYTES) throw new Error('not a small file');
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new VaultError('INPUT_REJECTED', 'anchor.unreadable', { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new VaultError('INPUT_REJECTED', 'anchor.invalid', { file });
  }
  const parsed = Anchor.safeParse(json);
  if (!parsed.success) throw new VaultError('INPUT_REJECTED', 'anchor.invalid', { file });
  return parsed.data;
}
