/** HKDF-SHA256 sub-keys of the vault master key, one `info` label per purpose. */
import { hkdfSync } from 'node:crypto';

export const SUBKEY_LABELS = [
  'sqlcipher',
  'audit-mac',
  'keyring-mac',
  'preauth-x25519',
  'blob-kwk',
  'pii-field',
  'blind-index',
  'epoch-keys',
  'key-check',
  'case-kwk',
] as const;
export type SubkeyLabel = (typeof SUBKEY_LABELS)[number];

export function deriveSubkey(vmk: Buffer, vaultId: string, label: SubkeyLabel): Buffer {
  return Buffer.from(hkdfSync('sha256', vmk, Buffer.from(vaultId, 'utf8'), `strongroom/v1/${label}`, 32));
}
