/** 账号管理台账 — the daily account ledger, on screen and as CSV or PDF. */
import { z } from 'zod';
import { AuditEventView } from './audit';
import { Day } from './fields';
import { procedure } from './procedure';

export const LedgerView = z.object({
  date: z.string(),
  generatedAt: z.number().int(),
  generatedBy: z.string(),
  seat: z.string(),
  accounts: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      state: z.string(),
      seats: z.array(z.string()),
      logins: z.number().int(),
      failedLogins: z.number().int(),
      firstLoginAt: z.number().int().nullable(),
      lastLoginAt: z.number().int().nullable(),
    }),
  ),
  changes: z.array(AuditEventView),
});
export type LedgerView = z.infer<typeof LedgerView>;

export const ledgerProcedures = {
  'ledger.daily': procedure({
    input: z.object({ date: Day }).strict(),
    output: LedgerView,
    access: 'ledger.read',
    audited: true,
  }),
  'ledger.export': procedure({
    input: z.object({ date: Day, format: z.enum(['csv', 'pdf']) }).strict(),
    output: z.object({ filename: z.string(), mime: z.string(), base64: z.string() }),
    access: 'ledger.read',
    audited: true,
  }),
} as const;
