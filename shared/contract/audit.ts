/** 访问日志 — the access log: list, verify (against an anchor), anchor, export. */
import { z } from 'zod';
import { Empty } from './fields';
import { procedure } from './procedure';

export const AuditEventView = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string().nullable(),
  seat: z.string().nullable(),
  action: z.string(),
  object: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditFilter = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  /** Inclusive bounds in ms since the epoch (UTC). */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Page backwards from this sequence number (exclusive). */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditFilter = z.input<typeof AuditFilter>;

export const Anchor = z.object({
  format: z.literal('strongroom-anchor'),
  version: z.literal(1),
  vaultId: z.string(),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.number().int(),
});
export type Anchor = z.infer<typeof Anchor>;

export const VerifyReport = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string(),
  firstBrokenSeq: z.number().int().nullable(),
  anchor: z.enum(['none', 'matches', 'mismatch', 'behind', 'other-vault']),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const auditProcedures = {
  'audit.list': procedure({
    input: AuditFilter,
    output: z.object({ events: z.array(AuditEventView), total: z.number().int() }),
    access: 'audit.read',
    audited: false,
  }),
  'audit.verify': procedure({
    input: z.object({ anchor: Anchor.optional() }).strict(),
    output: VerifyReport,
    access: 'audit.verify',
    audited: true,
  }),
  'audit.anchor': procedure({ input: Empty, output: Anchor, access: 'audit.anchor', audited: true }),
  /**
   * One page of a whole-log export, oldest first. `afterSeq: 0` starts an export (logged once);
   * each later page continues the export this session started, from where the last page ended.
   */
  'audit.export': procedure({
    input: z.object({ format: z.enum(EXPORT_FORMATS), afterSeq: z.number().int().nonnegative() }).strict(),
    output: z.object({ events: z.array(AuditEventView), nextAfterSeq: z.number().int().nullable() }),
    access: 'audit.export',
    audited: true,
  }),
} as const;
