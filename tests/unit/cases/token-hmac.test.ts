/**
 * TokenHmac (token-hmac.ts): HMAC-SHA256 over libsodium's SHA-256 gives node:crypto's bytes for
 * every key length up to a block and messages short, long, empty and not ASCII, used many times
 * over; a message leaves nothing in its buffer; wipe() leaves no key behind.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenHmac } from '../../../electron/core/cases/token-hmac';

const reference = (key: Buffer, message: string) => createHmac('sha256', key).update(message, 'utf8').digest();

describe('TokenHmac', () => {
  it('is HMAC-SHA256: the RFC 4231 vector', () => {
    // RFC 4231, test case 2: key "Jefe".
    const hmac = new TokenHmac(Buffer.from('Jefe'));
    expect(hmac.digest('what do ya want for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches node:crypto for keys up to a block and any message, one object used many times', () => {
    for (const keyLength of [0, 1, 16, 32, 63, 64]) {
      const key = randomBytes(keyLength);
      const hmac = new TokenHmac(key);
      const messages = ['', 'a', '冯华', '13812345678', '😀'.repeat(40), 'x'.repeat(5000), '410122196611017547'];
      for (const message of [...messages, ...messages.reverse()])
        expect(hmac.digest(message).toString('hex'), `${keyLength}: ${message.length}`).toBe(
          reference(key, message).toString('hex'),
        );
    }
  });

  it('refuses a key longer than a block; wipe() zeroes the pads', () => {
    expect(() => new TokenHmac(randomBytes(65))).toThrow(RangeError);
    const hmac = new TokenHmac(randomBytes(32));
    hmac.digest('冯华');
    const internals = hmac as unknown as { inner: Buffer; outer: Buffer };
    // The message was zeroed once hashed: only the key's pad is left.
    expect(internals.inner.subarray(64).every((b) => b === 0)).toBe(true);
    hmac.wipe();
    expect(internals.inner.every((b) => b === 0) && internals.outer.every((b) => b === 0)).toBe(true);
  });
});
