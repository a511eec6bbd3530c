/**
 * A floor's sign-in proof (docs/floor-schema.md, "Sign-in"): from the Argon2id output (the KEK,
 * which never leaves the client) an auth key is derived one-way; the server keeps the auth key
 * and checks HMAC-SHA256(auth key, its challenge) before it hands out the keyslot. Knowing the
 * auth key neither unwraps the slot nor gives back the KEK.
 */
import { createHmac, hkdfSync } from 'node:crypto';

const AUTH_INFO = 'strongroom/v2/floor-auth';

export function authKeyOf(kek: Buffer, vaultId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', kek, Buffer.from(vaultId, 'utf8'), AUTH_INFO, 32));
}

export function authProof(authKey: Buffer, challenge: Buffer): Buffer {
  return createHmac('sha256', authKey).update(challenge).digest();
}
