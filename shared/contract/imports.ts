/** 案件导入 — the import ceremony's steps, and what the custodians see at each (docs/import-ceremony.md). */
import { z } from 'zod';
import { CUSTODIAN_SLOTS } from '../ceremonies';
import { Empty, Ok, Password, Username } from './fields';
import { procedure } from './procedure';

const CeremonyId = z.uuid('ceremony.unknown');
const ById = z.object({ ceremonyId: CeremonyId }).strict();
/** A path on this seat, as the file dialog or the custodian gives it. */
const ArchivePath = z.string().min(1, 'import.fileUnreadable').max(4096, 'import.fileUnreadable');
/** One custodian's half of the archive password, as they type it. */
const SecretHalf = z.string().min(1, 'ceremony.halfMissing').max(256, 'ceremony.halfMissing');
const TemplateName = z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'import.template.unknown');

export const ArchiveFacts = z.object({ name: z.string(), size: z.number().int(), sha256: z.string() });

const Problem = z.object({
  source: z.string(),
  row: z.number().int(),
  column: z.string().nullable(),
  ref: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  value: z.string().nullable(),
});

export const ImportReportView = z.object({
  template: z.string(),
  batchNo: z.string().nullable(),
  sources: z.array(
    z.object({
      label: z.string(),
      encoding: z.string(),
      headerRow: z.number().int(),
      unknownHeaders: z.array(z.string()),
    }),
  ),
  ignored: z.array(z.string()),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
  totalFen: z.number().int(),
  encryption: z.enum(['aes', 'zipcrypto']),
  reconciliation: z
    .object({
      source: z.string(),
      caseCount: z.object({ stated: z.number().int().nullable(), found: z.number().int() }),
      totalFen: z.object({ stated: z.number().int().nullable(), found: z.number().int() }),
      batchNo: z.object({ stated: z.string().nullable(), found: z.string().nullable() }),
      agrees: z.boolean(),
    })
    .nullable(),
  problems: z.array(Problem),
  counts: z.record(z.string(), z.object({ errors: z.number().int(), warnings: z.number().int() })),
});
export type ImportReportView = z.infer<typeof ImportReportView>;

export const ImportResultView = z.object({
  ceremonyId: z.string(),
  batchId: z.number().int(),
  batchNo: z.string(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
  totalFen: z.number().int(),
  archiveSha256: z.string(),
});
export type ImportResultView = z.infer<typeof ImportResultView>;

export const TemplateView = z.object({
  name: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  shipped: z.boolean(),
});

export const importProcedures = {
  'import.templates': procedure({ input: Empty, output: z.array(TemplateView), access: 'session', audited: false }),
  'import.chooseArchive': procedure({
    input: Empty,
    output: z.object({ path: z.string().nullable() }),
    access: 'import.run',
    audited: false,
  }),
  'import.start': procedure({
    input: z.object({ path: ArchivePath }).strict(),
    output: z.object({ ceremonyId: z.string(), archive: ArchiveFacts }),
    access: 'import.run',
    audited: true,
  }),
  'import.admit': procedure({
    input: z
      .object({
        ceremonyId: CeremonyId,
        slot: z.enum(CUSTODIAN_SLOTS),
        username: Username,
        password: Password,
        half: SecretHalf,
      })
      .strict(),
    output: z.object({ slot: z.enum(CUSTODIAN_SLOTS), username: z.string(), role: z.string() }),
    access: 'import.run',
    audited: true,
  }),
  'import.check': procedure({
    input: z.object({ ceremonyId: CeremonyId, template: TemplateName.optional() }).strict(),
    output: ImportReportView,
    access: 'import.run',
    audited: true,
  }),
  'import.commit': procedure({ input: ById, output: ImportResultView, access: 'import.run', audited: true }),
  'import.destroySource': procedure({ input: ById, output: Ok, access: 'import.run', audited: true }),
  'import.cancel': procedure({ input: ById, output: Ok, access: 'import.run', audited: false }),
  'import.certificate': procedure({
    input: ById,
    output: z.object({ filename: z.string(), mime: z.string(), base64: z.string() }),
    access: 'import.run',
    audited: true,
  }),
  'import.addTemplate': procedure({
    input: z.object({ body: z.string().min(2).max(20_000, 'import.template.invalid') }).strict(),
    output: Ok,
    access: 'policy.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
