/**
 * What an import leaves readable, on both stores: nothing in plaintext on this seat's disk (the
 * data directory and TMPDIR are scanned for a canary delivery's values), and on a floor nothing a
 * superuser's pg_dump could read of the sample delivery's names, numbers or addresses.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../electron/core/cases/id-number';
import { readFloorFile } from '../../electron/core/vault/floor-file';
import { csv, SAMPLE_HALVES, SAMPLES, TEST_HALVES, zip } from '../fixtures/delivery';
import { sharedCluster } from '../fixtures/pg-shared';
import { runPg } from '../fixtures/pg-process';
import { testStore } from '../fixtures/store';
import { cli, makeVault, type TestVault, flagImportStation } from './run-cli';

const CS = { username: 'zhou.min', role: 'cs' as const, password: 'Harbor5Lantern' };
const QC = { username: 'chen.jie', role: 'qc' as const, password: 'Quarry7Meadow' };
let vault: TestVault;
let dir: string;
beforeAll(async () => {
  vault = await makeVault([CS, QC]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-canary-'));
  const flagged = await flagImportStation(vault);
  expect(flagged.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await vault.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const runImport = (archive: string, halves: readonly string[], env: Record<string, string> = {}) =>
  cli(['--data-dir', vault.dataDir, 'import', archive, '--json'], {
    stdin: [CS.username, CS.password, halves[0]!, QC.username, QC.password, halves[1]!],
    env,
  });

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Each value in the encodings a stray copy could take: UTF-8, GBK (the delivery's), UTF-16LE. */
function needles(values: readonly string[]): Buffer[] {
  return values.flatMap((v) => [Buffer.from(v, 'utf8'), iconv.encode(v, 'gbk'), Buffer.from(v, 'utf16le')]);
}

describe('what an import leaves readable', { timeout: 180_000 }, () => {
  it('no plaintext of the delivery in the data directory or TMPDIR', async () => {
    const canary = `金丝雀${Date.now().toString(36)}`;
    const first17 = '11010519800101001';
    const values = {
      name: `${canary}甲`,
      id: first17 + idCheckCharacter(first17),
      mobile: '13987654321',
      address: `北京市海淀区${canary}路8号`,
    };
    const rows = [
      ['委案批次号', '案件编号', '客户姓名', '身份证号', '手机号', '家庭地址', '委案金额', '委案日期'],
      ['CANARY-1', 'CAN-0001', values.name, values.id, values.mobile, values.address, '1.00', '2026-11-01'],
    ];
    const archive = path.join(dir, 'canary.zip');
    await writeFile(archive, await zip([{ name: 'canary/案件明细.csv', data: csv(rows) }]));
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'strongroom-canary-tmp-'));
    try {
      const done = await runImport(archive, TEST_HALVES, { TMPDIR: tmp });
      expect(done).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(done.stdout)).toMatchObject({ accepted: 1 });
      const files = [...(await filesUnder(vault.dataDir)), ...(await filesUnder(tmp))];
      expect(files.length).toBeGreaterThan(0);
      const hits: string[] = [];
      for (const file of files) {
        const bytes = await readFile(file);
        if (needles(Object.values(values)).some((n) => bytes.includes(n))) hits.push(path.basename(file));
      }
      expect(hits).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it.runIf(testStore() === 'postgres')(
    'a superuser pg_dump holds none of the sample’s names, numbers or addresses',
    async () => {
      const archive = path.join(dir, 'WA20261101-07_csv.zip');
      await copyFile(path.join(SAMPLES, 'WA20261101-07_csv.zip'), archive);
      expect((await runImport(archive, SAMPLE_HALVES)).code).toBe(0);
      const cluster = sharedCluster();
      await cluster.query('postgres', 'CHECKPOINT');
      const { database } = await readFloorFile(vault.dataDir);
      const dump = Buffer.from(
        await runPg(
          'pg_dump',
          ['-h', cluster.socketDir, '-p', String(cluster.port), '-U', 'postgres', '--no-password', database],
          path.dirname(cluster.dataDir),
        ),
        'utf8',
      );
      // The sample's PII columns, read from the delivery itself (GBK CSV inside the sample ZIP).
      const { openDelivery } = await import('../../electron/core/import/delivery-archive');
      const { inMemory, sample } = await import('../fixtures/delivery');
      const opened = await openDelivery(inMemory(await sample('csv')), SAMPLE_HALVES.join(''));
      const parts: Uint8Array[] = [];
      await opened.read('WA20261101-07/案件明细.csv', (c) => void parts.push(c.slice()));
      const lines = iconv.decode(Buffer.concat(parts), 'gbk').trim().split('\r\n').slice(1);
      const PII_COLUMNS = [2, 4, 5, 6, 7, 8, 9, 10, 17, 19];
      const corpus = [...new Set(lines.flatMap((l) => PII_COLUMNS.map((i) => l.split(',')[i]!)))];
      expect(corpus.length).toBeGreaterThan(1500);
      const found = corpus.filter((v) => dump.includes(Buffer.from(v, 'utf8')));
      expect(found).toEqual([]);
      // The search can see: the case numbers are stored in the clear, and are found.
      expect(dump.includes(Buffer.from('ZX00881000'))).toBe(true);
    },
  );
});
