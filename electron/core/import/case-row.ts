/**
 * One delivery row checked against the rules of collection-rules.md ("Validation"): each mapped
 * cell parsed by its field's kind, problems named by row, column and cell, values in the report
 * only masked. A row with an error is rejected whole; warnings are reported and it is kept.
 */
import { checkCardNumber } from '../cases/bank-card';
import { parseCaseDate } from '../cases/case-date';
import { maskAddress, maskCardNumber, maskEmployer, maskIdNumber, maskName, maskPhone } from '../cases/case-masks';
import { checkIdNumber } from '../cases/id-number';
import { parseYuan } from '../cases/money';
import { checkMobile, checkPhone } from '../cases/phone-number';
import { CASE_FIELDS, PII_KINDS, type CaseField, type FieldKind } from './case-fields';
import type { HeaderMapping } from './mapping-template';

/** A cell as either reader gives it. */
export interface SourceCell {
  text: string;
  /** `E5`, as the workbook names it; a CSV cell's is worked out from its place when reported. */
  ref?: string;
  numeric: boolean;
  date: boolean;
  formula: boolean;
}

/** `0` → `A`, `26` → `AA`: a column's name in a spreadsheet. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export type Severity = 'error' | 'warning';

/** Report codes: `import.check.<code>` in the catalogs. */
export type ProblemCode =
  | 'required'
  | 'idFormat'
  | 'idCheckDigit'
  | 'idBirthDate'
  | 'idSpreadsheetNumber'
  | 'idUpgraded'
  | 'idRegion'
  | 'cardFormat'
  | 'cardLuhn'
  | 'mobileFormat'
  | 'phoneFormat'
  | 'amountFormat'
  | 'amountNegative'
  | 'amountPrecision'
  | 'amountTooLarge'
  | 'countFormat'
  | 'dateFormat'
  | 'genderFormat'
  | 'tooLong'
  | 'formulaCell'
  | 'formulaText'
  | 'duplicateInFile'
  | 'conflictInFile'
  | 'inVault';

export interface RowProblem {
  /** The file (and sheet) the row came from. */
  source: string;
  row: number;
  /** The column's header as the file names it; `ref` the cell. */
  column: string | null;
  ref: string | null;
  field: CaseField | null;
  code: ProblemCode;
  severity: Severity;
  /** The cell's value, masked as the field's kind is masked in lists (never the full value). */
  value: string | null;
}

export type CaseValues = Partial<Record<CaseField, string | number>>;

export interface CheckedRow {
  source: string;
  row: number;
  values: CaseValues;
  problems: RowProblem[];
  rejected: boolean;
}

/** Longer than any real name, address or note cell: a sign of a shifted or garbage column. */
const MAX_TEXT = 300;
const GENDERS: Readonly<Record<string, string>> = {
  男: 'M',
  女: 'F',
  m: 'M',
  f: 'F',
  male: 'M',
  female: 'F',
  未知: '',
};

/** A value for the report: PII as its list mask; a value that is no valid form of it, all but 2 hidden. */
export function maskForReport(kind: FieldKind, text: string): string {
  const value = text.trim();
  if (!PII_KINDS.has(kind)) return [...value].slice(0, 40).join('');
  const digits = value.replace(/[\s-]/g, '');
  switch (kind) {
    case 'idNumber':
      if (/^\d{17}[\dXx]$/.test(digits)) return maskIdNumber(digits.toUpperCase());
      break;
    case 'card':
      if (/^\d{10,}$/.test(digits)) return maskCardNumber(digits);
      break;
    case 'mobile':
    case 'phone':
      if (/^\d{9,}$/.test(digits)) return maskPhone(digits);
      break;
    case 'name':
      return maskName(value);
    case 'employer':
      return maskEmployer(value);
    case 'address':
      return maskAddress(value);
  }
  const chars = [...value];
  return chars.length <= 4 ? '*'.repeat(chars.length) : `${'*'.repeat(chars.length - 2)}${chars.slice(-2).join('')}`;
}

type Parsed = { value: string | number; warnings?: ProblemCode[] } | { error: ProblemCode };

function parseCell(kind: FieldKind, cell: SourceCell, amountUnit: 'yuan' | 'fen', today: Date): Parsed {
  const text = cell.text.trim();
  switch (kind) {
    case 'idNumber': {
      const id = checkIdNumber(text, today);
      if (!id.ok)
        return {
          error: (
            {
              format: 'idFormat',
              checkDigit: 'idCheckDigit',
              birthDate: 'idBirthDate',
              spreadsheetNumber: 'idSpreadsheetNumber',
            } as const
          )[id.problem],
        };
      const warnings: ProblemCode[] = [];
      if (id.upgraded) warnings.push('idUpgraded');
      if (id.unknownRegion) warnings.push('idRegion');
      return { value: id.value, warnings };
    }
    case 'card': {
      const card = checkCardNumber(text);
      if (!card.ok) return { error: 'cardFormat' };
      return { value: card.value, warnings: card.luhn ? [] : ['cardLuhn'] };
    }
    case 'mobile': {
      const mobile = checkMobile(text);
      return mobile.ok ? { value: mobile.value } : { error: 'mobileFormat' };
    }
    case 'phone': {
      const phone = checkPhone(text);
      return phone.ok ? { value: phone.value } : { error: 'phoneFormat' };
    }
    case 'amount': {
      if (amountUnit === 'fen') return /^\d{1,16}$/.test(text) ? { value: Number(text) } : { error: 'amountFormat' };
      const amount = parseYuan(text);
      if (amount.ok) return { value: amount.fen };
      return {
        error: (
          {
            format: 'amountFormat',
            negative: 'amountNegative',
            precision: 'amountPrecision',
            tooLarge: 'amountTooLarge',
          } as const
        )[amount.problem],
      };
    }
    case 'count':
      return /^\d{1,6}$/.test(text) ? { value: Number(text) } : { error: 'countFormat' };
    case 'date': {
      const date = parseCaseDate(text, cell.numeric && !cell.date);
      return date.ok ? { value: date.value } : { error: 'dateFormat' };
    }
    case 'gender': {
      const gender = GENDERS[text.toLowerCase()];
      return gender === undefined ? { error: 'genderFormat' } : { value: gender };
    }
    case 'text':
    case 'name':
    case 'employer':
    case 'address':
      // Kept verbatim, even `=cmd|…`: stored as text, neutralised in every export.
      return { value: text, warnings: /^[=+\-@\t\r]/.test(cell.text) ? ['formulaText'] : [] };
  }
}

/** Longer than MAX_TEXT characters (code points): the length in UTF-16 units is only an upper bound. */
function tooLong(text: string): boolean {
  if (text.length <= MAX_TEXT) return false;
  let points = 0;
  for (const _ of text) if (++points > MAX_TEXT) return true;
  return false;
}

/**
 * Checks one row mapped by `mapping`. `headers`: the header row (for the report's column names).
 * `today`: the vault's date (birth dates in the future are refused). Runs for every cell of a
 * delivery, twice: no closure or copy per cell.
 */
export function checkRow(
  source: string,
  row: number,
  cells: readonly (SourceCell | undefined)[],
  mapping: HeaderMapping,
  headers: readonly string[],
  today: Date,
): CheckedRow {
  const values: CaseValues = {};
  const problems: RowProblem[] = [];
  const amountUnit = mapping.template.formats.amount;
  for (const [field, column] of mapping.columns) {
    const kind = CASE_FIELDS[field];
    const cell = cells[column];
    const text = cell === undefined ? '' : cell.text.trim();
    if (text === '') {
      if (mapping.required.has(field))
        problems.push(problem(source, row, column, cell, headers, field, 'required', 'error', text));
      continue;
    }
    if (cell!.formula)
      problems.push(problem(source, row, column, cell, headers, field, 'formulaCell', 'warning', text));
    if (tooLong(text)) {
      problems.push(problem(source, row, column, cell, headers, field, 'tooLong', 'error', text));
      continue;
    }
    const parsed = parseCell(kind, cell!, amountUnit, today);
    if ('error' in parsed)
      problems.push(problem(source, row, column, cell, headers, field, parsed.error, 'error', text));
    else {
      values[field] = parsed.value;
      if (parsed.warnings)
        for (const warning of parsed.warnings)
          problems.push(problem(source, row, column, cell, headers, field, warning, 'warning', text));
    }
  }
  let rejected = false;
  for (const p of problems) if (p.severity === 'error') rejected = true;
  return { source, row, values, problems, rejected };
}

function problem(
  source: string,
  row: number,
  column: number,
  cell: SourceCell | undefined,
  headers: readonly string[],
  field: CaseField,
  code: ProblemCode,
  severity: Severity,
  text: string,
): RowProblem {
  return {
    source,
    row,
    column: headers[column] ?? null,
    ref: cell === undefined ? null : (cell.ref ?? `${columnName(column)}${row}`),
    field,
    code,
    severity,
    value: text === '' ? null : maskForReport(CASE_FIELDS[field], text),
  };
}
