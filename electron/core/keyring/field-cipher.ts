/**
 * The floor's field seal (docs/field-seal.md): AES-256-GCM under the vault's `pii-field`
 * sub-key. A name's nonce is HMAC-SHA256 of the name under the separate `blind-index` sub-key
 * (the SIV construction): equal names seal equal, different names never share a nonce. Free
 * text takes a random nonce. Stored as `n1:` or `t1:` and base64url of nonce ‖ ciphertext ‖ tag.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { fail } from '../errors';
import type { FieldSeal } from '../store/field-seal';
import { deriveSubkey } from './subkeys';

const NONCE = 12;
const TAG = 16;
type Kind = 'n' | 't';

export class FieldCipher implements FieldSeal {
  private readonly sealKey: Buffer;
  private readonly nonceKey: Buffer;

  constructor(
    vmk: Buffer,
    private readonly vaultId: string,
  ) {
    this.sealKey = deriveSubkey(vmk, vaultId, 'pii-field');
    this.nonceKey = deriveSubkey(vmk, vaultId, 'blind-index');
  }

  private aad(kind: Kind): Buffer {
    return Buffer.from(`strongroom-field/v1|${this.vaultId}|${kind}`, 'utf8');
  }

  private seal(kind: Kind, text: string, nonce: Buffer): string {
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    cipher.setAAD(this.aad(kind));
    const body = Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${kind}1:${body.toString('base64url')}`;
  }

  name(text: string): string {
    const nonce = createHmac('sha256', this.nonceKey).update(text, 'utf8').digest().subarray(0, NONCE);
    return this.seal('n', text, nonce);
  }

  text(text: string): string {
    return this.seal('t', text, randomBytes(NONCE));
  }

  /** A value this vault did not seal (plaintext, another vault's, altered) is damage. */
  open(stored: string): string {
    const kind = stored.slice(0, 3) === 'n1:' ? 'n' : stored.slice(0, 3) === 't1:' ? 't' : null;
    const body = kind ? Buffer.from(stored.slice(3), 'base64url') : Buffer.alloc(0);
    if (!kind || body.length < NONCE + TAG || body.toString('base64url') !== stored.slice(3))
      fail('VAULT_DAMAGED', 'vault.damaged');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, body.subarray(0, NONCE));
      decipher.setAAD(this.aad(kind));
      decipher.setAuthTag(body.subarray(body.length - TAG));
      return Buffer.concat([decipher.update(body.subarray(NONCE, body.length - TAG)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      fail('VAULT_DAMAGED', 'vault.damaged');
    }
  }

  wipe(): void {
    this.sealKey.fill(0);
    this.nonceKey.fill(0);
  }
}
