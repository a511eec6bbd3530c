/** Reads an anchor file written by `audit anchor` (one JSON object); anything else is rejected. */
import { z } from 'zod';
import { Anchor } from '../../shared/contract';
import { VaultError } from '../core/errors';
import { readBounded, Timestamp } from '../core/fs/outside-file';

const MAX_ANCHOR_BYTES = 64 * 1024;

/**
 * The contract's anchor, held to what `audit anchor` writes: a vault id that is a UUID (it is
 * echoed in the one-line error when it names another vault), a time a Date can show, and no
 * other keys.
 */
const AnchorFile = z.strictObject({
  ...Anchor.shape,
  vaultId: z.uuid(),
  at: Timestamp,
});

export async function readAnchorFile(file: string): Promise<Anchor> {
  let text: string | null;
  try {
    text = await readBounded(file, MAX_ANCHOR_BYTES);
  } catch {
    text = null;
  }
  if (text === null) throw new VaultError('INPUT_REJECTED', 'anchor.unreadable', { file });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new VaultError('INPUT_REJECTED', 'anchor.invalid', { file });
  }
  const parsed = AnchorFile.safeParse(json);
  if (!parsed.success) throw new VaultError('INPUT_REJECTED', 'anchor.invalid', { file });
  return parsed.data;
}
