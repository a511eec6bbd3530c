/**
 * The workbook reader: values as stored (formulas not evaluated), dates as days, numbers as the
 * sheet shows them, and the workbooks a delivery must not bring refused (docs/import-archive.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDelivery, ARCHIVE_LIMITS } from '../../../electron/core/import/delivery-archive';
import { openWorkbook, type XlsxRow } from '../../../electron/core/import/delivery-xlsx';
import { buildXlsx } from '../../fixtures/xlsx';

const SAMPLES = path.resolve(import.meta.dirname, '../../../../shared/samples');

async function allRows(bytes: Uint8Array, sheet: string): Promise<XlsxRow[]> {
  const book = await openWorkbook(bytes);
  const rows: XlsxRow[] = [];
  await book.rows(sheet, (row) => rows.push(row));
  return rows;
}

const texts = (row: XlsxRow | undefined): string[] => (row?.cells ?? []).map((c) => c?.text ?? '');

describe('reading a workbook', () => {
  it('reads strings, numbers, date cells and cached formula values, with cell references', async () => {
    const bytes = await buildXlsx({
      sheets: [
        {
          name: '案件明细',
          rows: [
            ['案件编号', '金额', '委案日期', '合计'],
            ['ZX1', 80028.78, { day: 46327 }, { formula: 'B2*2', cached: 160057.56 }],
            ['ZX2', 0.1 + 0.2],
          ],
        },
        { name: '汇总', rows: [['案件数'], [2]] },
      ],
    });
    const book = await openWorkbook(bytes);
    expect(book.sheets).toEqual(['案件明细', '汇总']);
    const rows = await allRows(bytes, '案件明细');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(texts(rows[1])).toEqual(['ZX1', '80028.78', '2026-11-01', '160057.56']);
    expect(rows[1]!.cells[2]).toMatchObject({ ref: 'C2', date: true, numeric: true });
    expect(rows[1]!.cells[3]).toMatchObject({ ref: 'D2', formula: true });
    // 0.30000000000000004 as a double: the sheet shows 0.3.
    expect(texts(rows[2])).toEqual(['ZX2', '0.3']);
  });

  it('gives an ID number stored as a number the way the spreadsheet kept it: digits lost', async () => {
    const rows = await allRows(
      await buildXlsx({ sheets: [{ name: 's', rows: [[Number('410122196611017547')]] }] }),
      's',
    );
    expect(rows[0]!.cells[0]).toMatchObject({ ref: 'A1', numeric: true, text: '4.1012219661101754E+17' });
  });

  it('counts days from 1904 in a workbook that says so', async () => {
    const rows = await allRows(
      await buildXlsx({ sheets: [{ name: 's', rows: [[{ day: 44865 }]] }], date1904: true }),
      's',
    );
    expect(texts(rows[0])).toEqual(['2026-11-01']);
  });

  it('reads the sample delivery’s workbook: 200 cases and the summary sheet', async () => {
    const zip = await readFile(path.join(SAMPLES, 'WA20261101-07_xlsx.zip'));
    const archive = await openDelivery(
      { size: zip.length, read: (o, l) => Promise.resolve(zip.subarray(o, o + l)) },
      'Kp7-m2Lqx9Tr#4Wd',
      ARCHIVE_LIMITS,
    );
    const parts: Uint8Array[] = [];
    await archive.read(archive.files[0]!.name, (chunk) => void parts.push(chunk.slice()));
    const bytes = Buffer.concat(parts);
    const book = await openWorkbook(bytes);
    expect(book.sheets).toEqual(['案件明细', '汇总']);
    const rows = await allRows(bytes, '案件明细');
    expect(rows).toHaveLength(201);
    expect(texts(rows[0]).slice(0, 3)).toEqual(['委案批次号', '案件编号', '客户姓名']);
    expect(rows[1]!.cells[4]?.text).toMatch(/^\d{17}[\dX]$/);
    expect(texts((await allRows(bytes, '汇总'))[1])).toEqual(['WA20261101-07', '200', '12729742.15']);
  });
});

describe('workbooks refused', () => {
  it.each([
    ['macro-enabled', { macros: true }, 'import.workbook.macros'],
    ['with an external entity', { externalEntity: true }, 'import.workbook.doctype'],
  ])('%s', async (_, variant, key) => {
    const bytes = await buildXlsx({ sheets: [{ name: 's', rows: [['&xxe;']] }], ...variant });
    await expect(allRows(bytes, 's')).rejects.toMatchObject({ code: 'INPUT_REJECTED', key });
  });

  it('a password-protected workbook (an OLE compound file)', async () => {
    const cfb = new Uint8Array(512);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(openWorkbook(cfb)).rejects.toMatchObject({ key: 'import.workbook.encrypted' });
  });

  it('bytes that are no workbook, or a truncated one', async () => {
    await expect(openWorkbook(new TextEncoder().encode('a,b\n1,2\n'))).rejects.toMatchObject({
      key: 'import.workbook.damaged',
    });
    const bytes = await buildXlsx({ sheets: [{ name: 's', rows: [['x']] }] });
    await expect(openWorkbook(bytes.subarray(0, bytes.length - 30))).rejects.toMatchObject({
      key: 'import.workbook.damaged',
    });
  });
});
