/** Argon2id key derivation for keyslots; parameters are stored per slot so they can be raised. */
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export interface KdfParams {
  alg: 'argon2id';
  /** Memory in KiB. */
  m: number;
  t: number;
  p: number;
  /** 16-byte salt, base64. */
  salt: string;
}

/** RFC 9106's second recommended setting: the floor for every new slot (security-model.md). */
export const KDF_FLOOR = { m: 64 * 1024, t: 3, p: 4 } as const;

/** Floor parameters with a fresh 16-byte salt (a fixed salt only for test vectors). */
export function newKdfParams(salt: Buffer = randomBytes(16)): KdfParams {
  return { alg: 'argon2id', ...KDF_FLOOR, salt: salt.toString('base64') };
}

export function meetsFloor(params: KdfParams): boolean {
  return params.m >= KDF_FLOOR.m && params.t >= KDF_FLOOR.t && params.p >= KDF_FLOOR.p;
}

/** Derives the 32-byte key-encryption key from a password. */
export async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: params.m,
    timeCost: params.t,
    parallelism: params.p,
    salt: Buffer.from(params.salt, 'base64'),
    hashLength: 32,
    raw: true,
  });
}
