/**
 * The floor's field seal (docs/field-seal.md): AES-256-GCM under the vault's `pii-field`
 * sub-key. A name's nonce is HMAC-SHA256 of the name under the separate `blind-index` sub-key
 * (the SIV construction): equal names seal equal, different names never share a nonce. Free
 * text takes a random nonce. Stored as `n1:` or `t1:` and base64url of nonce ‖ ciphertext ‖ tag.
 *
 * Each vault-key epoch has its own pair of keys (docs/field-seal.md, "Rotation"): the newest
 * seals, every epoch's opens, and a name is looked up by its seal under each.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { fail } from '../errors';
import type { FieldSeal } from '../store/field-seal';
import { deriveSubkey } from './subkeys';

const NONCE = 12;
const TAG = 16;
type Kind = 'n' | 't';

/** One epoch's field keys: AES-256-GCM and the name-nonce HMAC key. */
export interface FieldKeys {
  seal: Buffer;
  index: Buffer;
}

/** The field keys a VMK gives (its own epoch's). */
export function fieldKeysOf(vmk: Buffer, vaultId: string): FieldKeys {
  return { seal: deriveSubkey(vmk, vaultId, 'pii-field'), index: deriveSubkey(vmk, vaultId, 'blind-index') };
}

export class FieldCipher implements FieldSeal {
  /** Newest first. */
  private readonly keys: readonly FieldKeys[];

  /** `keys`: a VMK (one epoch, its keys derived), or every epoch's keys, oldest first (own copies). */
  constructor(
    keys: Buffer | readonly FieldKeys[],
    private readonly vaultId: string,
  ) {
    const all = Buffer.isBuffer(keys)
      ? [fieldKeysOf(keys, vaultId)]
      : keys.map((k) => ({ seal: Buffer.from(k.seal), index: Buffer.from(k.index) }));
    if (all.length === 0) throw new RangeError('field keys: at least one epoch');
    this.keys = all.reverse();
  }

  private aad(kind: Kind): Buffer {
    return Buffer.from(`strongroom-field/v1|${this.vaultId}|${kind}`, 'utf8');
  }

  private seal(keys: FieldKeys, kind: Kind, text: string, nonce: Buffer): string {
    const cipher = createCipheriv('aes-256-gcm', keys.seal, nonce);
    cipher.setAAD(this.aad(kind));
    const body = Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${kind}1:${body.toString('base64url')}`;
  }

  private sealName(keys: FieldKeys, text: string): string {
    const nonce = createHmac('sha256', keys.index).update(text, 'utf8').digest().subarray(0, NONCE);
    return this.seal(keys, 'n', text, nonce);
  }

  name(text: string): string {
    return this.sealName(this.keys[0]!, text);
  }

  names(text: string): string[] {
    return this.keys.map((k) => this.sealName(k, text));
  }

  text(text: string): string {
    return this.seal(this.keys[0]!, 't', text, randomBytes(NONCE));
  }

  /** A value no epoch of this vault sealed (plaintext, another vault's, altered) is damage. */
  open(stored: string): string {
    const kind = stored.slice(0, 3) === 'n1:' ? 'n' : stored.slice(0, 3) === 't1:' ? 't' : null;
    const body = kind ? Buffer.from(stored.slice(3), 'base64url') : Buffer.alloc(0);
    if (!kind || body.length < NONCE + TAG || body.toString('base64url') !== stored.slice(3))
      fail('VAULT_DAMAGED', 'vault.damaged');
    // The tag tells which epoch sealed it; most values are the newest's.
    for (const keys of this.keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', keys.seal, body.subarray(0, NONCE));
        decipher.setAAD(this.aad(kind));
        decipher.setAuthTag(body.subarray(body.length - TAG));
        return Buffer.concat([decipher.update(body.subarray(NONCE, body.length - TAG)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // Not this epoch's.
      }
    }
    fail('VAULT_DAMAGED', 'vault.damaged');
  }

  wipe(): void {
    for (const k of this.keys) {
      k.seal.fill(0);
      k.index.fill(0);
    }
  }
}
