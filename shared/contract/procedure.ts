/** How a procedure is declared: input and output schemas, who may call it, and how it is logged. */
import type { z } from 'zod';
import type { Permission } from '../permissions';

/** Who may call: anyone (no session yet), any signed-in user, or holders of one permission. */
export type Access = 'public' | 'session' | Permission;

export interface Procedure<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Whether the router logs a refused or failed call (successes are logged by the core). */
  audited: boolean;
  /** Sensitive: the password must have been entered within the policy's re-auth window. */
  sensitive?: true;
  /** Allowed while the password must be changed (everything else is refused until then). */
  beforePasswordChange?: true;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(p: Procedure<I, O>): Procedure<I, O> {
  return p;
}
