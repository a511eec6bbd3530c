/**
 * Mapping templates (映射模板): which header, under which of its names, holds which case field;
 * which fields a row must have; how amounts are written. Shipped in resources/import-templates;
 * IT adds more in the vault (template-repository.ts). A header no template field names is reported,
 * never guessed.
 */
import { z } from 'zod';
import cardCentre from '../../../resources/import-templates/card-centre-20col.json';
import retailLoan from '../../../resources/import-templates/retail-loan-contacts.json';
import { ALWAYS_REQUIRED, CASE_FIELD_NAMES, SUMMARY_FIELDS, type CaseField, type SummaryField } from './case-fields';

const headerNames = z.array(z.string().trim().min(1).max(64)).min(1).max(16);

export const TemplateSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/),
    label: z.strictObject({ 'zh-CN': z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) }),
    fields: z.partialRecord(z.enum(CASE_FIELD_NAMES as [CaseField, ...CaseField[]]), headerNames),
    required: z.array(z.enum(CASE_FIELD_NAMES as [CaseField, ...CaseField[]])).max(CASE_FIELD_NAMES.length),
    summary: z.strictObject({ fields: z.partialRecord(z.enum(SUMMARY_FIELDS), headerNames) }).optional(),
    formats: z.strictObject({ amount: z.enum(['yuan', 'fen']) }),
  })
  .superRefine((t, ctx) => {
    for (const field of new Set([...ALWAYS_REQUIRED, ...t.required]))
      if (!t.fields[field])
        ctx.addIssue({ code: 'custom', message: `required field ${field} has no header`, path: ['required'] });
    const seen = new Map<string, string>();
    for (const [field, names] of Object.entries(t.fields))
      for (const name of names ?? []) {
        const key = normaliseHeader(name);
        if (seen.has(key) && seen.get(key) !== field)
          ctx.addIssue({ code: 'custom', message: `header ${name} names two fields`, path: ['fields', field] });
        seen.set(key, field);
      }
  });

export type MappingTemplate = z.infer<typeof TemplateSchema>;

export const SHIPPED_TEMPLATES: readonly MappingTemplate[] = [cardCentre, retailLoan].map((t) =>
  TemplateSchema.parse(t),
);

/** Full-width forms folded (NFKC), spaces and a required-column star dropped. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s*]/g, '')
    .toLowerCase();
}

export interface HeaderMapping {
  template: MappingTemplate;
  /** Field → column index. */
  columns: Map<CaseField, number>;
  /** Headers no field of the template names (reported to the custodians). */
  unknown: string[];
  /** Fields a row must have (the template's and ALWAYS_REQUIRED). */
  required: ReadonlySet<CaseField>;
  /** Required fields with no column: the template does not fit. */
  missing: CaseField[];
  /** A field named by two columns: the file is ambiguous under this template. */
  repeated: CaseField[];
}

export function mapHeaders(template: MappingTemplate, headers: readonly string[]): HeaderMapping {
  const byName = new Map<string, CaseField>();
  for (const [field, names] of Object.entries(template.fields) as [CaseField, string[]][])
    for (const name of names) byName.set(normaliseHeader(name), field);
  const columns = new Map<CaseField, number>();
  const unknown: string[] = [];
  const repeated: CaseField[] = [];
  headers.forEach((header, index) => {
    if (normaliseHeader(header) === '') return;
    const field = byName.get(normaliseHeader(header));
    if (!field) unknown.push(header);
    else if (columns.has(field)) repeated.push(field);
    else columns.set(field, index);
  });
  const required = new Set([...ALWAYS_REQUIRED, ...template.required]);
  const missing = [...required].filter((f) => !columns.has(f));
  return { template, columns, unknown, required, missing, repeated };
}

/**
 * The template that fits a header row: every required field found, no field twice; of those,
 * the one naming the most columns. `named`: only that template is tried.
 */
export function chooseTemplate(
  templates: readonly MappingTemplate[],
  headers: readonly string[],
  named?: string,
): HeaderMapping | null {
  const tried = named === undefined ? templates : templates.filter((t) => t.name === named);
  let best: HeaderMapping | null = null;
  for (const template of tried) {
    const mapping = mapHeaders(template, headers);
    if (mapping.missing.length > 0 || mapping.repeated.length > 0) continue;
    if (!best || mapping.columns.size > best.columns.size) best = mapping;
  }
  return best;
}

/** The summary's columns, when this header row is a delivery's summary under the template. */
export function mapSummary(template: MappingTemplate, headers: readonly string[]): Map<SummaryField, number> | null {
  const fields = template.summary?.fields;
  if (!fields) return null;
  const columns = new Map<SummaryField, number>();
  headers.forEach((header, index) => {
    for (const [field, names] of Object.entries(fields) as [SummaryField, string[]][])
      if (names.some((n) => normaliseHeader(n) === normaliseHeader(header)) && !columns.has(field))
        columns.set(field, index);
  });
  return columns.has('caseCount') || columns.has('totalAmount') ? columns : null;
}
