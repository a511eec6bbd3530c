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

/**
 * The most a slot read from keyring.json may ask for (docs/keyring-format.md, "Bounds at read
 * time"): 1 GiB, 16 passes, 16 lanes. Room to raise the floor 16-fold in memory and 5-fold in
 * passes, yet one login stays bounded (about 85 times the floor's cost) instead of hanging or
 * exhausting memory on a value someone wrote into the file.
 */
export const KDF_CAP = { m: 1024 * 1024, t: 16, p: 16 } as const;

/** Floor parameters with a fresh 16-byte salt (a fixed salt only for test vectors). */
export function newKdfParams(salt: Buffer = randomBytes(16)): KdfParams {
  return { alg: 'argon2id', ...KDF_FLOOR, salt: salt.toString('base64') };
}

export function meetsFloor(params: KdfParams): boolean {
  return params.m >= KDF_FLOOR.m && params.t >= KDF_FLOOR.t && params.p >= KDF_FLOOR.p;
}

/** True when the parameters are at most the cap (what a keyslot read from a file may ask for). */
export function withinCap(params: Pick<KdfParams, 'm' | 't' | 'p'>): boolean {
  return params.m <= KDF_CAP.m && params.t <= KDF_CAP.t && params.p <= KDF_CAP.p;
}

/**
 * Derives the 32-byte key-encryption key from a password. Parameters below the floor are taken
 * (the documented test vectors use small ones; keyring.json is held to the floor when read), but
 * nothing above the cap: no caller has a reason to, and it would stall or exhaust the process.
 */
export async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  if (!withinCap(params)) throw new RangeError('Argon2id parameters above the cap');
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
