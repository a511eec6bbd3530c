/**
 * The check pass: everything the two custodians see before anything is written. Counts, the
 * total, the row decisions (import, reject, skip as a duplicate), reconciliation against the
 * delivery's own summary, and the digest of the content checked, which the commit pass must match.
 */
import { hash as oneShotHash } from 'node:crypto';
import { parseYuan } from '../cases/money';
import { fail } from '../errors';
import type { DeliveryArchive } from './delivery-archive';
import type { CheckedRow, ProblemCode, RowProblem, Severity } from './case-row';
import { walkDelivery, type DeliveryLayout, type DetailSource } from './delivery-walk';
import type { MappingTemplate } from './mapping-template';

/** The report lists this many problems; the counts by code cover every one. */
export const REPORT_LIMIT = 2_000;

/** Where a case number is already in the vault: the batch that holds it. */
export type VaultLookup = (caseNos: readonly string[]) => Promise<Map<string, string>>;

export interface Reconciliation {
  source: string;
  /** What the summary states and what the rows hold (all rows, as the bank counted them). */
  caseCount: { stated: number | null; found: number };
  totalFen: { stated: number | null; found: number };
  batchNo: { stated: string | null; found: string | null };
  agrees: boolean;
}

export interface DeliveryReport {
  template: string;
  batchNo: string | null;
  sources: { label: string; encoding: string; headerRow: number; unknownHeaders: string[] }[];
  ignored: string[];
  rows: number;
  accepted: number;
  rejected: number;
  /** Duplicates not imported: a repeat inside the file, or a case the vault already holds. */
  skipped: number;
  /** Of the accepted rows, in fen. */
  totalFen: number;
  reconciliation: Reconciliation | null;
  problems: RowProblem[];
  counts: Partial<Record<ProblemCode, { errors: number; warnings: number }>>;
  /** SHA-256 of the content checked (delivery-walk.ts): the commit pass must read the same. */
  digest: string;
}

/** Which rows the commit pass leaves out, by `source#row`. */
export type RowDecisions = ReadonlySet<string>;

export const rowKey = (row: Pick<CheckedRow, 'source' | 'row'>): string => `${row.source}#${row.row}`;

interface Seen {
  key: string;
  hash: string;
  fen: number;
  conflict: boolean;
}

export interface CheckResult {
  layout: DeliveryLayout;
  report: DeliveryReport;
  /** Rows the commit leaves out (rejected or skipped). */
  leaveOut: RowDecisions;
}

export async function checkDelivery(
  archive: DeliveryArchive,
  options: {
    templates: readonly MappingTemplate[];
    named?: string | undefined;
    today: Date;
    inVault: VaultLookup;
    onProgress?: (bytes: number) => void;
  },
): Promise<CheckResult> {
  const problems: RowProblem[] = [];
  const counts: DeliveryReport['counts'] = {};
  const leaveOut = new Set<string>();
  const byCase = new Map<string, Seen>();
  const batchNos = new Map<string, number>();
  let rows = 0;
  let rejected = 0;
  let skipped = 0;
  let foundFen = 0;
  const note = (problem: RowProblem): void => {
    const count = (counts[problem.code] ??= { errors: 0, warnings: 0 });
    if (problem.severity === 'error') count.errors += 1;
    else count.warnings += 1;
    if (problems.length < REPORT_LIMIT) problems.push(problem);
  };
  const flag = (
    row: { source: string; row: number },
    code: ProblemCode,
    severity: Severity,
    value: string | null = null,
  ): void =>
    note({ source: row.source, row: row.row, column: null, ref: null, field: 'caseNo', code, severity, value });

  const onRow = (_source: DetailSource, row: CheckedRow): void => {
    rows += 1;
    row.problems.forEach(note);
    const fen = row.values.amountAssigned;
    if (typeof fen === 'number') foundFen += fen;
    const batchNo = row.values.batchNo;
    if (typeof batchNo === 'string') batchNos.set(batchNo, (batchNos.get(batchNo) ?? 0) + 1);
    if (row.rejected) {
      rejected += 1;
      leaveOut.add(rowKey(row));
      return;
    }
    // A copy of its own: a cell can be a slice of a whole chunk of decoded text, which one kept
    // case number would keep alive (for a million rows, the whole file).
    const caseNo = Buffer.from(String(row.values.caseNo), 'utf8').toString('utf8');
    // One-shot: no Hash object a row.
    const hash = oneShotHash('sha256', JSON.stringify(row.values), 'base64');
    const earlier = byCase.get(caseNo);
    if (!earlier) {
      byCase.set(caseNo, { key: rowKey(row), hash, fen: Number(fen), conflict: false });
      return;
    }
    leaveOut.add(rowKey(row));
    if (earlier.hash === hash) {
      skipped += 1;
      flag(row, 'duplicateInFile', 'warning', caseNo);
    } else {
      // Two rows, one case number, different contents: neither is believed.
      rejected += 1;
      flag(row, 'conflictInFile', 'error', caseNo);
      if (!earlier.conflict) {
        earlier.conflict = true;
        leaveOut.add(earlier.key);
        rejected += 1;
        const [source, at] = [
          earlier.key.slice(0, earlier.key.lastIndexOf('#')),
          Number(earlier.key.slice(earlier.key.lastIndexOf('#') + 1)),
        ];
        flag({ source, row: at }, 'conflictInFile', 'error', caseNo);
      }
    }
  };

  const layout = await walkDelivery(archive, { ...options, onRow });

  // One delivery is one batch (委案批次): rows of two batches mean two deliveries packed as one.
  if (batchNos.size > 1)
    fail('INPUT_REJECTED', 'import.check.mixedBatches', { batches: [...batchNos.keys()].slice(0, 5).join(', ') });
  const batchNo = [...batchNos.keys()][0] ?? null;

  const candidates = [...byCase.entries()].filter(([, seen]) => !seen.conflict);
  const held = await options.inVault(candidates.map(([caseNo]) => caseNo));
  let accepted = 0;
  let totalFen = 0;
  for (const [caseNo, seen] of candidates) {
    const where = held.get(caseNo);
    if (where !== undefined) {
      leaveOut.add(seen.key);
      skipped += 1;
      const at = seen.key.lastIndexOf('#');
      note({
        source: seen.key.slice(0, at),
        row: Number(seen.key.slice(at + 1)),
        column: null,
        ref: null,
        field: 'caseNo',
        code: 'inVault',
        severity: 'warning',
        value: `${caseNo} → ${where}`,
      });
      continue;
    }
    accepted += 1;
    totalFen += seen.fen;
  }

  const report: DeliveryReport = {
    template: layout.template.name,
    batchNo,
    sources: layout.details.map((d) => ({
      label: d.label,
      encoding: d.encoding,
      headerRow: d.headerRow,
      unknownHeaders: d.mapping.unknown,
    })),
    ignored: layout.ignored,
    rows,
    accepted,
    rejected,
    skipped,
    totalFen,
    reconciliation: reconcile(layout, rows, foundFen, batchNo),
    problems,
    counts,
    digest: layout.contentSha256,
  };
  return { layout, report, leaveOut };
}

function reconcile(
  layout: DeliveryLayout,
  rows: number,
  foundFen: number,
  batchNo: string | null,
): Reconciliation | null {
  const summary = layout.summary;
  if (!summary) return null;
  const { caseCount, totalAmount, batchNo: statedBatch } = summary.values;
  const count =
    caseCount !== undefined && /^\d{1,9}$/.test(caseCount.replace(/,/g, ''))
      ? Number(caseCount.replace(/,/g, ''))
      : null;
  let stated: number | null = null;
  if (totalAmount !== undefined) {
    if (layout.template.formats.amount === 'fen') stated = /^\d{1,16}$/.test(totalAmount) ? Number(totalAmount) : null;
    else {
      const parsed = parseYuan(totalAmount);
      stated = parsed.ok ? parsed.fen : null;
    }
  }
  const result: Reconciliation = {
    source: summary.label,
    caseCount: { stated: count, found: rows },
    totalFen: { stated, found: foundFen },
    batchNo: { stated: statedBatch ?? null, found: batchNo },
    agrees: false,
  };
  result.agrees =
    (caseCount === undefined || count === rows) &&
    (totalAmount === undefined || stated === foundFen) &&
    (statedBatch === undefined || batchNo === null || statedBatch === batchNo);
  return result;
}
