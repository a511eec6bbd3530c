/**
 * The input fields every door shares, each validated once, here. A field's error message is the
 * failure key (`errors.<key>` in the catalogs) the router returns when it refuses the input.
 */
import { z } from 'zod';
import { PERMISSIONS } from '../permissions';
import { ROLES } from '../roles';
import { normaliseSeatId } from '../seat-id';

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

export const Username = z
  .string()
  .trim()
  .min(2, 'username.invalid')
  .max(64, 'username.invalid')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'username.invalid');
export const DisplayName = z.string().trim().max(64, 'displayName.invalid');
export const Password = z.string().min(1).max(256);
/**
 * 二人审批 — a second person's approval, typed by them at this seat: their own username and
 * password. Needed when IT resets an auditor's or general manager's password or makes someone one.
 */
export const Approval = z.object({ username: Username, password: Password }).strict();
/** Why an administrative action was taken, for the access log (2 to 500 characters). */
export const Reason = z.string().trim().min(2, 'reason.invalid').max(500, 'reason.invalid');
/** A seat id as `seat id` prints it, in any letter case; refused before anything else happens. */
export const SeatIdSchema = z.string().transform((raw, ctx) => {
  const id = normaliseSeatId(raw);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'seat.invalid' });
    return z.NEVER;
  }
  return id;
});
export const RoleSchema = z.enum(ROLES, 'role.unknown');
export const PermissionSchema = z.enum(PERMISSIONS);
export const PasswordClassSchema = z.enum(['letter', 'digit', 'upper', 'lower', 'symbol']);
/** A calendar day that exists, YYYY-MM-DD. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ledger.badDate')
  .refine((d) => {
    const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'ledger.badDate');
