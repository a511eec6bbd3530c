/**
 * What the import benchmarks share (import-delivery on the embedded store, floor-import-delivery
 * on PostgreSQL): the delivery (the sample's 20 columns, GBK CSV in an AES-256 ZIP), the
 * plaintext better-sqlite3 baseline over the same rows, and the ceremony run in a process of its
 * own (tests/fixtures/import-child.ts) whose check and commit are timed and whose peak RSS is read.
 */
import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { idCheckCharacter } from '../../electron/core/cases/id-number';
import { luhnValid } from '../../electron/core/cases/bank-card';
import { csv, TEST_HALVES, zip } from '../fixtures/delivery';
import { CS, QC } from '../fixtures/import-station';
import { note, sig, timed, type BenchResult } from './common';

export const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const HEADER = [
  '委案批次号',
  '案件编号',
  '客户姓名',
  '性别',
  '身份证号',
  '卡号',
  '手机号',
  '单位名称',
  '单位地址',
  '家庭地址',
  '户籍地址',
  '委案金额',
  '本金',
  '逾期天数',
  '账龄',
  '委案日期',
  '退案日期',
  '紧急联系人',
  '联系人关系',
  '联系人电话',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚';

function card(i: number): string {
  const body = `622588${String(i).padStart(9, '0')}`;
  for (let d = 0; d < 10; d += 1) if (luhnValid(body + d)) return body + d;
  return `${body}0`;
}

function row(i: number): string[] {
  const first17 = `4101221966${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  const name = SURNAMES[i % 20]! + GIVEN[(i * 7) % 25]! + (i % 3 === 0 ? GIVEN[(i * 11) % 25]! : '');
  return [
    'WA-BENCH-01',
    `BN${String(i).padStart(8, '0')}`,
    name,
    i % 2 ? '男' : '女',
    first17 + idCheckCharacter(first17),
    card(i),
    `13${String(100_000_000 + ((i * 7919) % 900_000_000)).slice(-9)}`,
    `宏图科技有限公司${i % 500}`,
    `河南省郑州市金水区建设路${i % 300}号`,
    `河南省郑州市中牟县迎宾路${i % 200}号${i % 30}栋${i % 900}室`,
    '河南省郑州市中牟县',
    `${(i % 90_000) + 1000}.${String(i % 100).padStart(2, '0')}`,
    `${(i % 80_000) + 500}.00`,
    String(30 + (i % 400)),
    'M4',
    '2026-11-01',
    '2027-01-31',
    SURNAMES[(i + 3) % 20]! + GIVEN[(i * 3) % 25]!,
    '同事',
    `15${String(100_000_000 + ((i * 104_729) % 900_000_000)).slice(-9)}`,
  ];
}

export function runChild(
  dataDir: string,
  machineId: string,
  archive: string,
): Promise<{ checkSeconds: number; commitSeconds: number; maxRssMb: number }> {
  const custodians = JSON.stringify({
    a: { username: CS.username, password: CS.password, half: TEST_HALVES[0] },
    b: { username: QC.username, password: QC.password, half: TEST_HALVES[1] },
  });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        // IMPORT_BENCH_PROFILE=DIR: the child writes a V8 CPU profile there (what to speed up next).
        ...(process.env.IMPORT_BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.IMPORT_BENCH_PROFILE}`]
          : []),
        '--import',
        'tsx',
        'tests/fixtures/import-child.ts',
        dataDir,
        machineId,
        archive,
        custodians,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => {
      const done = /^done (.*)$/m.exec(out);
      if (code === 0 && done)
        resolve(JSON.parse(done[1]!) as { checkSeconds: number; commitSeconds: number; maxRssMb: number });
      else reject(new Error(`import child exited ${code}`));
    });
  });
}

/**
 * The delivery written to `dir`/bench.zip, and the baseline: the same rows as plaintext in
 * better-sqlite3, one prepared INSERT, one transaction (seconds).
 */
export async function deliveryAndBaseline(dir: string): Promise<{ archive: string; plainSeconds: number }> {
  const rows = Array.from({ length: ROWS }, (_, i) => row(i));
  const { seconds: madeIn, result: bytes } = await timed(async () =>
    zip([{ name: 'WA-BENCH-01/案件明细.csv', data: csv([HEADER, ...rows]) }]),
  );
  const archive = path.join(dir, 'bench.zip');
  await writeFile(archive, bytes);
  note(`delivery: ${ROWS} rows, ${(bytes.length / 1e6).toFixed(1)} MB zipped, made in ${madeIn.toFixed(1)} s`);
  const plain = new Database(path.join(dir, 'plain.db'));
  plain.pragma('journal_mode = DELETE');
  plain.exec(`CREATE TABLE cases (${HEADER.map((_, i) => `c${i} TEXT`).join(', ')}, id INTEGER PRIMARY KEY)`);
  const insert = plain.prepare(`INSERT INTO cases VALUES (${HEADER.map(() => '?').join(', ')}, NULL)`);
  const { seconds: plainSeconds } = await timed(() => plain.transaction(() => rows.forEach((r) => insert.run(...r)))());
  plain.close();
  return { archive, plainSeconds };
}

/** The benchmark's line: rows/s over check + commit, the baseline, the split, the peak RSS. */
/**
 * A benchmark line: the check and commit timed in the from-source process, the peak RSS the
 * product has (the built CLI's, the same import end to end), and the from-source process's own
 * (tsx's compiler in its main thread and seal worker comes on top).
 */
export function importResult(
  name: string,
  t: { checkSeconds: number; commitSeconds: number; maxRssMb: number },
  cli: { seconds: number; maxRssMb: number },
  plainSeconds: number,
  extra: Record<string, unknown>,
): BenchResult {
  const seconds = t.checkSeconds + t.commitSeconds;
  const rate = ROWS / seconds;
  const baseRate = ROWS / plainSeconds;
  note(
    `check ${t.checkSeconds.toFixed(2)} s, commit ${t.commitSeconds.toFixed(2)} s, peak RSS ${t.maxRssMb.toFixed(0)} MB from source; plaintext better-sqlite3 ${plainSeconds.toFixed(2)} s`,
  );
  return {
    name,
    value: sig(rate),
    unit: 'rows/s (check + commit)',
    baseline: 'plaintext better-sqlite3, same rows, one prepared INSERT in one transaction',
    baseline_value: sig(baseRate),
    ratio: sig(rate / baseRate, 3),
    n: ROWS,
    seconds: sig(seconds, 3),
    check_seconds: sig(t.checkSeconds, 3),
    commit_seconds: sig(t.commitSeconds, 3),
    peak_rss_mb: sig(cli.maxRssMb, 3),
    from_source_peak_rss_mb: sig(t.maxRssMb, 3),
    built_cli_seconds: sig(cli.seconds, 3),
    ...extra,
    target: '≤ 10 s (check + commit) and peak RSS ≤ 400 MB (the built CLI) for 100,000 rows',
  };
}

/** The built CLI imports `archive` into `dataDir`: its wall time and peak RSS (GNU time). */
export function runBuiltCli(dataDir: string, archive: string): Promise<{ seconds: number; maxRssMb: number }> {
  const stdin = [CS.username, CS.password, TEST_HALVES[0], QC.username, QC.password, TEST_HALVES[1]].join('\n');
  return new Promise((resolve, reject) => {
    const child = execFile(
      '/usr/bin/time',
      ['-f', 'time %e %M', process.execPath, 'out/main/cli.js', '--data-dir', dataDir, 'import', archive, '--json'],
      (err, _out, errText) => {
        const time = /^time ([\d.]+) (\d+)$/m.exec(errText);
        if (err || !time) reject(new Error(`built CLI import failed: ${err?.message ?? 'no timing'}`));
        else resolve({ seconds: Number(time[1]), maxRssMb: Number(time[2]) / 1024 });
      },
    );
    child.stdin!.end(`${stdin}\n`);
  });
}
