/** VaultError: the one error type the core throws on purpose; its text never holds secrets. */
import type { ErrorCode, Failure } from '../../shared/errors';

export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly key: string;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: ErrorCode, key: string, params?: Record<string, string | number>) {
    super(`${code}: ${key}`);
    this.name = 'VaultError';
    this.code = code;
    this.key = key;
    this.params = params;
  }

  toFailure(): Failure {
    return this.params ? { code: this.code, key: this.key, params: this.params } : { code: this.code, key: this.key };
  }
}

export function fail(code: ErrorCode, key: string, params?: Record<string, string | number>): never {
  throw new VaultError(code, key, params);
}

/** Anything that is not a VaultError becomes an internal failure with no detail leaked. */
export function toFailure(err: unknown): Failure {
  return err instanceof VaultError ? err.toFailure() : { code: 'INTERNAL', key: 'internal' };
}
