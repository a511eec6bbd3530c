/** The part of sodium-native (libsodium's bindings) that case data uses; the package ships no types. */
declare module 'sodium-native' {
  /** Writes ciphertext ‖ tag into `out` (message length + ABYTES); returns the bytes written. */
  export function crypto_aead_chacha20poly1305_ietf_encrypt(
    out: Uint8Array,
    message: Uint8Array,
    additionalData: Uint8Array | null,
    nsec: null,
    nonce: Uint8Array,
    key: Uint8Array,
  ): number;
  /** Writes the message into `out` (ciphertext length − ABYTES); throws when the tag does not verify. */
  export function crypto_aead_chacha20poly1305_ietf_decrypt(
    out: Uint8Array,
    nsec: null,
    ciphertext: Uint8Array,
    additionalData: Uint8Array | null,
    nonce: Uint8Array,
    key: Uint8Array,
  ): number;
  /** Writes the SHA-256 of `message` into `out` (32 bytes). */
  export function crypto_hash_sha256(out: Uint8Array, message: Uint8Array): void;
}
