/**
 * The delivery archive: the samples open with the two halves joined, and every hostile archive is
 * refused with its own reason before any content is read (docs/import-archive.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_LIMITS, openDelivery, type DeliveryArchive } from '../../../electron/core/import/delivery-archive';
import { inMemory, PASSWORD, SAMPLE_HALVES, SAMPLES, zip } from '../../fixtures/delivery';

const HALVES = SAMPLE_HALVES;

async function readAll(archive: DeliveryArchive, name: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await archive.read(name, (c) => {
    chunks.push(c);
  });
  return Buffer.concat(chunks);
}

const refused = (key: string, params?: Record<string, unknown>): unknown =>
  expect.objectContaining({ code: 'INPUT_REJECTED', key, ...(params ? { params } : {}) });

describe('a bank delivery archive', () => {
  it('opens the CSV sample with both halves, GBK names and all, and streams its files', async () => {
    const bytes = new Uint8Array(await readFile(path.join(SAMPLES, 'WA20261101-07_csv.zip')));
    const archive = await openDelivery(inMemory(bytes), HALVES.join(''));
    expect(archive.encryption).toBe('aes');
    expect(archive.files.map((f) => f.name).sort()).toEqual([
      'WA20261101-07/委案汇总.csv',
      'WA20261101-07/案件明细.csv',
    ]);
    const cases = await readAll(archive, 'WA20261101-07/案件明细.csv');
    expect(cases.length).toBe(archive.files.find((f) => f.name.endsWith('案件明细.csv'))!.size);
    expect(iconv.decode(cases, 'gbk').split('\r\n')[0]).toMatch(/^委案批次号,案件编号,客户姓名/);
    await archive.close();
  });

  it('opens the XLSX sample', async () => {
    const bytes = new Uint8Array(await readFile(path.join(SAMPLES, 'WA20261101-07_xlsx.zip')));
    const archive = await openDelivery(inMemory(bytes), HALVES.join(''));
    expect(archive.files.map((f) => f.name)).toEqual(['案件明细.xlsx']);
    await archive.close();
  });

  it('refuses the halves in the wrong order, or one half alone', async () => {
    const bytes = new Uint8Array(await readFile(path.join(SAMPLES, 'WA20261101-07_csv.zip')));
    for (const password of [`${HALVES[1]}${HALVES[0]}`, HALVES[0], ''])
      await expect(openDelivery(inMemory(bytes), password)).rejects.toEqual(refused('import.archive.wrongPassword'));
  });

  it('decodes a GBK entry name written without the UTF-8 flag, as Windows tools do', async () => {
    const bytes = await zip([{ name: '委案/案件明细.csv', data: 'a,b\r\n' }], {
      useUnicodeFileNames: false,
      encodeText: (text) => new Uint8Array(iconv.encode(text, 'gbk')),
    });
    const archive = await openDelivery(inMemory(bytes), PASSWORD);
    expect(archive.files.map((f) => f.name)).toEqual(['委案/案件明细.csv']);
    expect((await readAll(archive, '委案/案件明细.csv')).toString()).toBe('a,b\r\n');
    await archive.close();
  });

  it('accepts ZipCrypto but marks it weak', async () => {
    const archive = await openDelivery(
      inMemory(await zip([{ name: 'a.csv', data: 'x' }], { zipCrypto: true })),
      PASSWORD,
    );
    expect(archive.encryption).toBe('zipcrypto');
    expect(archive.files[0]).toMatchObject({ name: 'a.csv', weak: true });
    await archive.close();
  });

  it('refuses an archive that is not encrypted', async () => {
    const bytes = await zip([{ name: 'a.csv', data: 'x' }], { password: undefined });
    await expect(openDelivery(inMemory(bytes), PASSWORD)).rejects.toEqual(
      refused('import.archive.unencrypted', { name: 'a.csv' }),
    );
  });

  it.each([
    ['../../etc/cron.d/evil.csv'],
    ['/etc/passwd'],
    ['C:/Windows/evil.csv'],
    ['dir\\..\\..\\evil.csv'],
    ['./a.csv'],
    ['a//b.csv'],
  ])('refuses the entry name %j as an unsafe path', async (name) => {
    const bytes = await zip([
      { name: 'ok.csv', data: 'x' },
      { name, data: 'y' },
    ]);
    await expect(openDelivery(inMemory(bytes), PASSWORD)).rejects.toEqual(refused('import.archive.unsafePath'));
  });

  it('refuses a symbolic link entry', async () => {
    const bytes = await zip([
      { name: 'link.csv', data: '/etc/passwd', options: { externalFileAttributes: 0o120777 << 16 } },
    ]);
    await expect(openDelivery(inMemory(bytes), PASSWORD)).rejects.toEqual(
      refused('import.archive.link', { name: 'link.csv' }),
    );
  });

  it('refuses an archive inside the archive', async () => {
    const inner = await zip([{ name: 'a.csv', data: 'x' }]);
    const bytes = await zip([{ name: 'batch/inner.zip', data: inner }]);
    await expect(openDelivery(inMemory(bytes), PASSWORD)).rejects.toEqual(
      refused('import.archive.nested', { name: 'batch/inner.zip' }),
    );
  });

  it('refuses too many entries, too large a total, and a compression bomb', async () => {
    const many = await zip(
      Array.from({ length: ARCHIVE_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}.csv`, data: 'x' })),
    );
    await expect(openDelivery(inMemory(many), PASSWORD)).rejects.toEqual(refused('import.archive.tooManyEntries'));
    const big = await zip([{ name: 'a.csv', data: 'x'.repeat(4000) }]);
    await expect(openDelivery(inMemory(big), PASSWORD, { ...ARCHIVE_LIMITS, maxTotalBytes: 3000 })).rejects.toEqual(
      refused('import.archive.tooLarge'),
    );
    const bomb = await zip([{ name: 'zeros.csv', data: new Uint8Array(4 * 1024 * 1024) }]);
    await expect(openDelivery(inMemory(bomb), PASSWORD)).rejects.toEqual(
      refused('import.archive.bomb', { name: 'zeros.csv' }),
    );
  });

  it('refuses a truncated archive, something that is not a ZIP, and a changed byte when read', async () => {
    const bytes = await zip([{ name: 'a.csv', data: 'account,amount\r\n'.repeat(500) }]);
    await expect(openDelivery(inMemory(bytes.subarray(0, bytes.length - 30)), PASSWORD)).rejects.toEqual(
      expect.objectContaining({
        code: 'INPUT_REJECTED',
        key: expect.stringMatching(/^import\.archive\.(notZip|damaged)$/),
      }),
    );
    await expect(openDelivery(inMemory(new TextEncoder().encode('not a zip at all')), PASSWORD)).rejects.toEqual(
      refused('import.archive.notZip'),
    );
    const changed = Uint8Array.from(bytes);
    changed[80] = changed[80]! ^ 0xff; // inside the first file's encrypted data
    const archive = await openDelivery(inMemory(changed), PASSWORD);
    await expect(readAll(archive, 'a.csv')).rejects.toEqual(refused('import.archive.damaged'));
    await archive.close();
  });
});
