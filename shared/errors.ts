/** Error codes every boundary speaks (IPC results, CLI exit codes, UI messages). */
export const ERROR_CODES = [
  'USAGE',
  'AUTH_FAILED',
  'LOCKED_OUT',
  'REAUTH_REQUIRED',
  'PASSWORD_EXPIRED',
  'NOT_PERMITTED',
  'NO_SESSION',
  'INPUT_REJECTED',
  'VAULT_DAMAGED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The CLI's exit codes, fixed by contract (README). */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  INTERNAL: 1,
  USAGE: 2,
  AUTH_FAILED: 3,
  LOCKED_OUT: 4,
  REAUTH_REQUIRED: 3,
  PASSWORD_EXPIRED: 5,
  NOT_PERMITTED: 6,
  NO_SESSION: 6,
  INPUT_REJECTED: 7,
  VAULT_DAMAGED: 8,
  UNAVAILABLE: 9,
};

/**
 * A failure as it crosses a boundary: a code, a message key from the catalogs
 * (`errors.<key>`), and parameters that never hold secrets or unmasked PII.
 */
export interface Failure {
  code: ErrorCode;
  key: string;
  params?: Record<string, string | number>;
}
