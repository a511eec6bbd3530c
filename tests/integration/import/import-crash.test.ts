/**
 * A process killed at random points of an import's commit (SIGKILL, so nothing unwinds): the
 * vault opens intact afterwards, its log verifies, and each import is there whole or not at all,
 * with its transcript exactly when its cases are there.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../../electron/core/audit/audit-service';
import { idCheckCharacter } from '../../../electron/core/cases/id-number';
import { login } from '../../../electron/core/session/unlock';
import { sql } from '../../../electron/core/store/sql';
import { csv, TEST_HALVES, tempDirOf, zip } from '../../fixtures/delivery';
import { CS, importStation, QC } from '../../fixtures/import-station';
import { testStore } from '../../fixtures/store';
import { vaultsPerTest } from '../../fixtures/vault';

const { vault, track } = vaultsPerTest();
const ROWS = 3000;

/** A delivery of ROWS cases whose case numbers are this round's own. */
function delivery(round: number): Promise<Uint8Array> {
  const rows = [['委案批次号', '案件编号', '客户姓名', '身份证号', '手机号', '家庭地址', '委案金额', '委案日期']];
  for (let i = 0; i < ROWS; i += 1) {
    const first17 = `110105198001${String(10 + (i % 18)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    rows.push([
      `CRASH-${round}`,
      `R${round}-${String(i).padStart(6, '0')}`,
      `客户${i}`,
      first17 + idCheckCharacter(first17),
      `139${String(10_000_000 + i * 7).slice(-8)}`,
      `北京市海淀区中关村大街${i}号`,
      `${1000 + i}.50`,
      '2026-11-01',
    ]);
  }
  return zip([{ name: `crash-${round}/案件明细.csv`, data: csv(rows) }]);
}

describe('killed during the commit', () => {
  // The embedded store's own journal is what this proves; a floor's server rolls back a dead client itself.
  it.runIf(testStore() === 'sqlite')(
    'leaves every import whole or absent, the vault intact and the log verifiable',
    async () => {
      const v = await vault();
      const station = await importStation(v);
      await station.cs.logout();
      const dir = await tempDirOf(track);
      const custodians = JSON.stringify({
        a: { username: CS.username, password: CS.password, half: TEST_HALVES[0] },
        b: { username: QC.username, password: QC.password, half: TEST_HALVES[1] },
      });
      let committed = 0;
      const outcomes: string[] = [];
      // Killed at random points of the commit; the last round runs to the end (null: no kill).
      const delays = [0, 30, 150, 600, 1500].map((ms) => Math.round(ms * (0.5 + Math.random()))) as (number | null)[];
      delays.push(null);
      for (const [round, delay] of delays.entries()) {
        const archive = path.join(dir, `crash-${round}.zip`);
        await writeFile(archive, await delivery(round));
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'tests/fixtures/import-child.ts', v.dataDir, v.env.machineId(), archive, custodians],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const exit = new Promise<string>((resolve) =>
          child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
        );
        child.stdout.on('data', (chunk: Buffer) => {
          if (delay !== null && chunk.toString().includes('committing')) setTimeout(() => child.kill('SIGKILL'), delay);
        });
        const how = await exit;
        expect(['SIGKILL', 'exit 0']).toContain(how);
        outcomes.push(how);

        const qc = await login(v.dataDir, QC.username, QC.password, v.env);
        const db = qc.vault.db;
        const batches = await db.all<{ batch_no: string; case_count: number }>(
          sql`SELECT batch_no, case_count FROM batches ORDER BY id`,
        );
        const thisRound = batches.filter((b) => b.batch_no === `CRASH-${round}`);
        expect(thisRound.length).toBeLessThanOrEqual(1);
        if (how === 'exit 0') expect(thisRound).toHaveLength(1);
        committed += thisRound.length;
        expect(batches).toHaveLength(committed);
        const cases = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases`);
        expect(Number(cases!.n)).toBe(committed * ROWS);
        // Every case committed has its three tokens (name, ID, mobile).
        const indexed = await db.get<{ n: number }>(
          sql`SELECT count(*) AS n FROM cases
               WHERE name_token IS NOT NULL AND id_number_token IS NOT NULL AND mobile_token IS NOT NULL`,
        );
        expect(Number(indexed!.n)).toBe(committed * ROWS);
        const transcripts = (await listAudit(qc, { action: 'ceremony.ended', limit: 100 })).events.filter(
          (e) => e.detail.outcome === 'committed',
        );
        expect(transcripts).toHaveLength(committed);
        expect(await verifyAudit(qc)).toMatchObject({ intact: true });
        await qc.logout();
      }
      // The first kills land mid-commit: the commit of 3,000 cases outlasts a few milliseconds.
      expect(outcomes[0]).toBe('SIGKILL');
      expect(outcomes.at(-1)).toBe('exit 0');
      process.stdout.write(`import-crash outcomes: ${outcomes.join(', ')}; committed ${committed}\n`);
    },
    300_000,
  );
});
