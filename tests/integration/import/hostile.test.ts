/**
 * Hostile deliveries through the whole ceremony, on both stores: each is refused with its own
 * reason, the ceremony's transcript in the log names it, and nothing is imported.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { idCheckCharacter } from '../../../electron/core/cases/id-number';
import { rawSql, sql } from '../../../electron/core/store/sql';
import { csv, TEST_HALVES, zip, type Fixture } from '../../fixtures/delivery';
import { CS, importStation, QC, type Station } from '../../fixtures/import-station';
import { routed, type Call } from '../../fixtures/router';
import { buildXlsx } from '../../fixtures/xlsx';
import { freshVault, tempDir } from '../../fixtures/vault';

const first17 = '11010519800101001';
const CASES = csv([
  ['委案批次号', '案件编号', '客户姓名', '身份证号', '委案金额', '委案日期'],
  ['B-H', 'H1', '张三', first17 + idCheckCharacter(first17), '100.00', '2026-11-01'],
]);
const good: Fixture = { name: 'batch/案件明细.csv', data: CASES };

const HOSTILE: [string, () => Promise<Uint8Array>, string][] = [
  [
    'a path that climbs out',
    () => zip([good, { name: '../../etc/cron.d/evil.csv', data: 'x' }]),
    'import.archive.unsafePath',
  ],
  ['an absolute path', () => zip([good, { name: '/etc/passwd', data: 'x' }]), 'import.archive.unsafePath'],
  [
    'a symbolic link',
    () => zip([good, { name: 'link.csv', data: '/etc/passwd', options: { externalFileAttributes: 0o120777 << 16 } }]),
    'import.archive.link',
  ],
  [
    'an archive inside',
    async () => zip([good, { name: 'more.zip', data: await zip([good]) }]),
    'import.archive.nested',
  ],
  [
    'too many entries',
    () => zip([good, ...Array.from({ length: 64 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }))]),
    'import.archive.tooManyEntries',
  ],
  [
    'a compression bomb',
    () => zip([good, { name: 'zeros.csv', data: new Uint8Array(4 * 1024 * 1024) }]),
    'import.archive.bomb',
  ],
  ['no encryption', () => zip([good], { password: undefined }), 'import.archive.unencrypted'],
  [
    'a truncated archive',
    async () => {
      const bytes = await zip([good]);
      return bytes.subarray(0, bytes.length - 30);
    },
    'import.archive.notZip',
  ],
  [
    'a changed byte',
    async () => {
      // Rows that don't compress away, so the flipped byte is in the file's encrypted data.
      const rows = Array.from({ length: 400 }, (_, i) => [randomBytes(12).toString('hex'), String(i)]);
      const bytes = Uint8Array.from(await zip([{ ...good, data: csv(rows) }]));
      bytes[300] = bytes[300]! ^ 0xff;
      return bytes;
    },
    'import.archive.damaged',
  ],
  [
    'a macro-enabled workbook',
    async () =>
      zip([{ name: 'cases.xlsx', data: await buildXlsx({ sheets: [{ name: 's', rows: [['x']] }], macros: true }) }]),
    'import.workbook.macros',
  ],
  [
    'a password-protected workbook',
    () => {
      const cfb = new Uint8Array(1024);
      cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      return zip([{ name: 'cases.xlsx', data: cfb }]);
    },
    'import.workbook.encrypted',
  ],
  [
    'a workbook with an external entity',
    async () =>
      zip([
        {
          name: 'cases.xlsx',
          data: await buildXlsx({ sheets: [{ name: 's', rows: [['&xxe;']] }], externalEntity: true }),
        },
      ]),
    'import.workbook.doctype',
  ],
  ['an .xlsm by its name', () => zip([good, { name: 'macro.xlsm', data: 'x' }]), 'import.workbook.macros'],
];

let station: Station;
let call: Call;
let dir: string;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  const v = await freshVault();
  cleanups.push(v.cleanup);
  station = await importStation(v);
  call = routed(station.cs);
  const t = await tempDir();
  cleanups.push(t.cleanup);
  dir = t.dir;
}, 120_000);
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('a hostile delivery', { timeout: 60_000 }, () => {
  it.each(HOSTILE)('%s is refused with its reason, logged, nothing imported', async (label, build, key) => {
    const file = path.join(dir, `${label.replace(/\W+/g, '-')}.zip`);
    await writeFile(file, await build());
    const { ceremonyId } = await call('import.start', { path: file });
    await call('import.admit', { ceremonyId, slot: 'A', ...CS, half: TEST_HALVES[0] });
    await call('import.admit', { ceremonyId, slot: 'B', ...QC, half: TEST_HALVES[1] });
    await expect(call('import.check', { ceremonyId })).rejects.toMatchObject({ code: 'INPUT_REJECTED', key });
    await expect(call('import.commit', { ceremonyId })).rejects.toMatchObject({ key: 'ceremony.ended' });
    const ended = (await listAudit(station.cs, { action: 'ceremony.ended', limit: 1 })).events[0];
    expect(ended).toMatchObject({ object: ceremonyId, outcome: 'denied', detail: { outcome: 'refused', reason: key } });
    const db = station.cs.vault.db;
    for (const table of ['cases', 'batches', 'case_contacts'])
      expect(Number((await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${rawSql(table)}`))!.n)).toBe(0);
  });
});
