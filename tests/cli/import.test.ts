/**
 * `strongroom import ARCHIVE` and `cases count`: the ceremony from the command line, its six stdin
 * lines, --dry-run and --json, and the documented exit codes (7 wrong half, 6 roles or seat).
 */
import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../electron/core/cases/id-number';
import { csv, SAMPLE_HALVES, SAMPLES, TEST_HALVES, zip } from '../fixtures/delivery';
import { cli, makeVault, oneErrorLine, type TestVault, flagImportStation } from './run-cli';

const SLOW = 180_000;
const CS = { username: 'zhou.min', role: 'cs' as const, password: 'Harbor5Lantern' };
const QC = { username: 'chen.jie', role: 'qc' as const, password: 'Quarry7Meadow' };
let vault: TestVault;
let dir: string;
let archive: string;

beforeAll(async () => {
  vault = await makeVault([CS, QC]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'strongroom-cli-import-'));
  archive = path.join(dir, 'WA20261101-07_csv.zip');
  await copyFile(path.join(SAMPLES, 'WA20261101-07_csv.zip'), archive);
});
afterAll(async () => {
  await vault.cleanup();
  await rm(dir, { recursive: true, force: true });
});

type Person = { username: string; password: string };
const stdin = (a: Person = CS, b: Person = QC, halves: readonly string[] = SAMPLE_HALVES) => [
  a.username,
  a.password,
  halves[0]!,
  b.username,
  b.password,
  halves[1]!,
];
const runImport = (args: string[], lines = stdin()) =>
  cli(['--data-dir', vault.dataDir, 'import', archive, ...args], { stdin: lines });
const count = (as: { username: string; password: string }, args: string[] = []) =>
  cli(['--data-dir', vault.dataDir, '--as', as.username, 'cases', 'count', '--json', ...args], {
    stdin: [as.password],
  });

describe('strongroom import', { timeout: SLOW }, () => {
  it('refuses on a seat that is not the import station (6)', async () => {
    const refused = await runImport(['--json']);
    expect(refused.code).toBe(6);
    expect(oneErrorLine(refused)).toMatch(/not the import station/);
  });

  it('checks with --dry-run, imports, and counts; a second import of the archive is refused (7)', async () => {
    const flag = await flagImportStation(vault);
    expect(flag.code).toBe(0);

    const dry = await runImport(['--dry-run', '--json']);
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      batchId: null,
      batchNo: 'WA20261101-07',
      accepted: 200,
      rejected: 0,
      totalFen: 1_272_974_215,
      totalAmount: '¥12,729,742.15',
      reconciled: true,
    });
    expect(JSON.parse((await count(QC)).stdout)).toEqual({ count: 0 });

    const done = await runImport(['--json']);
    expect(done).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(done.stdout) as { batchId: number; archiveSha256: string; ceremonyId: string };
    expect(summary).toMatchObject({
      dryRun: false,
      accepted: 200,
      archiveSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.parse((await count(QC)).stdout)).toEqual({ count: 200 });
    expect(JSON.parse((await count(QC, ['--batch', String(summary.batchId)])).stdout)).toEqual({ count: 200 });
    expect(JSON.parse((await count(CS)).stdout)).toEqual({ count: 0 });

    const again = await runImport([]);
    expect(again.code).toBe(7);
    expect(oneErrorLine(again)).toContain(`already imported as batch WA20261101-07 (ceremony ${summary.ceremonyId}`);
  });

  it('--destroy-source overwrites and deletes the archive after the import', async () => {
    const first17 = '11010519800101001';
    const rows = [
      ['委案批次号', '案件编号', '客户姓名', '身份证号', '委案金额', '委案日期'],
      ['B-DESTROY', 'D-0001', '张三', first17 + idCheckCharacter(first17), '1.00', '2026-11-01'],
    ];
    const file = path.join(dir, 'destroy.zip');
    await writeFile(file, await zip([{ name: 'd/案件明细.csv', data: csv(rows) }]));
    const done = await cli(['--data-dir', vault.dataDir, 'import', file, '--destroy-source'], {
      stdin: stdin(CS, QC, TEST_HALVES),
    });
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toContain(`source archive overwritten and deleted: ${file}`);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a wrong half is "archive password incorrect" (7); the same person twice, or roles swapped, is 6', async () => {
    // A fresh copy: the archive above was imported already.
    const other = path.join(dir, 'other.zip');
    await copyFile(path.join(SAMPLES, 'WA20261101-07_xlsx.zip'), other);
    const run = (lines: string[]) => cli(['--data-dir', vault.dataDir, 'import', other], { stdin: lines });
    const wrong = await run(stdin(CS, QC, [SAMPLE_HALVES[0], 'x9Tr#4Wx']));
    expect(wrong.code).toBe(7);
    expect(oneErrorLine(wrong)).toMatch(/archive password incorrect/);
    expect((await run(stdin(CS, CS))).code).toBe(6);
    expect((await run(stdin(QC, CS))).code).toBe(6);
  });
});
