/** A delivery's CSV: encodings, line ends, quoting and chunk boundaries (docs/import-archive.md, "CSV"). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openDelivery } from '../../../electron/core/import/delivery-archive';
import {
  CsvReader,
  detectEncoding,
  MAX_RECORD_CHARS,
  type CsvRecord,
} from '../../../electron/core/import/delivery-csv';

const SAMPLE = path.resolve(import.meta.dirname, '../../../../shared/samples/WA20261101-07_csv.zip');

/** Reads `bytes` fed in chunks of `size` bytes (1: every multi-byte character split). */
async function records(
  bytes: Uint8Array,
  size = bytes.length,
): Promise<{ rows: CsvRecord[]; encoding: string | null }> {
  const rows: CsvRecord[] = [];
  const reader = new CsvReader((r) => rows.push(r));
  for (let i = 0; i < bytes.length; i += size) reader.write(bytes.subarray(i, i + size));
  await reader.end();
  return { rows, encoding: reader.encoding };
}

const TEXT = '案件编号,客户姓名,委案金额\r\nWA-001,张伟,"1,234.50"\r\nWA-002,"李""小""娜",88.00\r\n';
const EXPECTED = [
  ['案件编号', '客户姓名', '委案金额'],
  ['WA-001', '张伟', '1,234.50'],
  ['WA-002', '李"小"娜', '88.00'],
];

describe('a delivery CSV', () => {
  it.each([
    ['gbk', new Uint8Array(iconv.encode(TEXT, 'gbk')), 'gb18030'],
    ['gb18030', new Uint8Array(iconv.encode(TEXT, 'gb18030')), 'gb18030'],
    ['utf-8', new TextEncoder().encode(TEXT), 'utf-8'],
    ['utf-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]), 'utf-8-bom'],
    ['utf-8 with LF', new TextEncoder().encode(TEXT.replaceAll('\r\n', '\n')), 'utf-8'],
  ])('reads %s, whole and a byte at a time', async (_, bytes, encoding) => {
    for (const size of [bytes.length, 1, 7]) {
      const { rows, encoding: found } = await records(bytes, size);
      expect(found).toBe(encoding);
      expect(rows.map((r) => r.cells)).toEqual(EXPECTED);
    }
  });

  it('reads a character outside GBK in a GB18030 file and a field over two lines, numbering the rows', async () => {
    const text = '姓名,备注\n𠀀明,"两行\n备注"\n王五,x\n';
    const { rows } = await records(new Uint8Array(iconv.encode(text, 'gb18030')), 3);
    expect(rows.map((r) => r.cells)).toEqual([
      ['姓名', '备注'],
      ['𠀀明', '两行\n备注'],
      ['王五', 'x'],
    ]);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('tells the encoding from the first bytes, not doubting a character cut at their end', () => {
    const utf8 = new TextEncoder().encode('客户姓名');
    expect(detectEncoding(utf8.subarray(0, 5), false)).toBe('utf-8');
    expect(detectEncoding(utf8.subarray(0, 5), true)).toBe('gb18030');
    expect(detectEncoding(new Uint8Array(iconv.encode('客户姓名', 'gbk')), true)).toBe('gb18030');
  });

  it('refuses bytes that are not UTF-8 after a UTF-8 start, or no GBK character, and a quote left open', async () => {
    const start = new TextEncoder().encode(`a,b\n${'x,y\n'.repeat(20_000)}`);
    const bad = new Uint8Array([...start, 0xff, 0x0a]);
    await expect(records(bad, 4096)).rejects.toMatchObject({ key: 'import.file.encoding' });
    // GBK with a byte that is no character (0xFF) is refused too, not read as U+FFFD.
    const gbk = new Uint8Array(iconv.encode(`客户,金额\n${'张三,1\n'.repeat(20_000)}`, 'gbk'));
    await expect(records(new Uint8Array([...gbk, 0xff, 0x41, 0x0a]), 4096)).rejects.toMatchObject({
      key: 'import.file.encoding',
    });
    await expect(records(new TextEncoder().encode('a,b\n"open,x\n'))).rejects.toMatchObject({
      key: 'import.file.csv',
    });
  });

  it('refuses text after a closing quote, naming its line; spaces there are dropped', async () => {
    await expect(records(new TextEncoder().encode('a,b\n1,x\n"abc"d,x\n'))).rejects.toMatchObject({
      key: 'import.file.csv',
      params: { line: 3 },
    });
    const { rows } = await records(new TextEncoder().encode('a,b\n"abc" ,x\n'));
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['abc', 'x'],
    ]);
  });

  it('names the line a quote was left open on, records of several lines counted as their lines', async () => {
    const text = 'a,b\n1,"two\nlines"\n2,x\n3,"open\n4,y\n';
    for (const size of [text.length, 1, 5])
      await expect(records(new TextEncoder().encode(text), size)).rejects.toMatchObject({
        key: 'import.file.csv',
        params: { line: 5 },
      });
  });

  it('refuses a quote left open over more than a record can hold, without reading the rest into memory', () => {
    const reader = new CsvReader(() => undefined);
    const line = new TextEncoder().encode('x,y\n');
    reader.write(new TextEncoder().encode('a,b\n1,"open\n'));
    let failure: unknown = null;
    for (let i = 0; i < MAX_RECORD_CHARS && failure === null; i += line.length)
      try {
        reader.write(line);
      } catch (err) {
        failure = err;
      }
    expect(failure).toMatchObject({ key: 'import.file.csv', params: { line: 2 } });
  });

  it('reads a file whose lines end in CR only, and a stray quote inside an unquoted field as text', async () => {
    const { rows } = await records(new TextEncoder().encode('a,b\r1,x\r2,y\r'), 2);
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', 'x'],
      ['2', 'y'],
    ]);
    const stray = await records(new TextEncoder().encode('a,b\n5"寸,x\n6,y\n'), 3);
    expect(stray.rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['5"寸', 'x'],
      ['6', 'y'],
    ]);
  });

  it("reads the sample delivery's cases straight out of the archive: GBK, CRLF, a header and 200 rows of 20", async () => {
    const bytes = new Uint8Array(await readFile(SAMPLE));
    const archive = await openDelivery(
      { size: bytes.length, read: (o, l) => Promise.resolve(bytes.subarray(o, o + l)) },
      'Kp7-m2Lqx9Tr#4Wd',
    );
    const rows: CsvRecord[] = [];
    const reader = new CsvReader((r) => rows.push(r));
    await archive.read('WA20261101-07/案件明细.csv', (chunk) => reader.write(chunk));
    await reader.end();
    await archive.close();
    expect(reader.encoding).toBe('gb18030');
    expect(rows).toHaveLength(201);
    expect(rows[0]!.cells.slice(0, 3)).toEqual(['委案批次号', '案件编号', '客户姓名']);
    expect(new Set(rows.map((r) => r.cells.length))).toEqual(new Set([20]));
    expect(new Set(rows.slice(1).map((r) => r.cells[0]))).toEqual(new Set(['WA20261101-07']));
  });
});
