/** `audit verify | anchor | export`: results on stdout, the anchor contract, and export formats. */
import { exportAnchor } from '../../electron/core/audit/audit-service';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Anchor } from '../../shared/contract';
import { login } from '../../electron/core/session/unlock';
import { editLogEvent } from '../fixtures/behind-the-core';
import { ADMIN } from '../fixtures/vault';
import { cli, makeVault, oneErrorLine, type TestVault } from './run-cli';

/** Argon2id sign-ins in-process and in child processes: room for a busy 2-core machine. */
const SLOW = 120_000;
/** The access log is the auditor's to verify, anchor and export; IT only reads it. */
const AUDITOR = { username: 'audit.li', role: 'auditor' as const, password: 'Ledger58Quartz' };
let vault: TestVault;
let other: TestVault;
beforeAll(async () => {
  [vault, other] = await Promise.all([
    makeVault([{ username: 'agent.wu', role: 'agent_phone', password: 'Dial2026tones' }, AUDITOR]),
    makeVault([AUDITOR]),
  ]);
}, SLOW);
afterAll(async () => {
  await vault.cleanup();
  await other.cleanup();
});

const audit = (args: string[], stdin: string[] = [AUDITOR.password]) =>
  cli(['--data-dir', vault.dataDir, '--as', AUDITOR.username, 'audit', ...args], { stdin });

async function anchorFile(name: string, anchor: unknown): Promise<string> {
  const file = path.join(vault.root, name);
  await writeFile(file, typeof anchor === 'string' ? anchor : `${JSON.stringify(anchor)}\n`);
  return file;
}

describe('strongroom audit anchor and verify', () => {
  it('prints the head as one JSON line and verifies against it (0)', async () => {
    const result = await audit(['anchor']);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const anchor = Anchor.parse(JSON.parse(result.stdout));
    expect(anchor).toMatchObject({ vaultId: vault.vaultId });
    expect(anchor.seq).toBeGreaterThan(1);

    const verified = await audit(['verify', '--anchor', await anchorFile('anchor.json', result.stdout)]);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout.trim().split('\n')).toHaveLength(1);
    expect(verified.stdout).toMatch(/^intact: \d+ events checked.*the anchor matches\n$/);

    const json = await audit(['verify', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: true, firstBrokenSeq: null, anchor: 'none' });
  });

  it('fails an anchor from another vault, a rolled-back log and a changed hash (8)', async () => {
    const session = await login(other.dataDir, AUDITOR.username, AUDITOR.password);
    const foreign = await exportAnchor(session);
    await session.logout();
    const otherVault = await audit(['verify', '--anchor', await anchorFile('foreign.json', foreign)]);
    expect(otherVault.code).toBe(8);
    expect(otherVault.stdout).toMatch(/^FAILED: /);
    expect(oneErrorLine(otherVault)).toMatch(/another vault/);

    const head = Anchor.parse(JSON.parse((await audit(['anchor'])).stdout));
    const rolledBack = await audit([
      'verify',
      '--json',
      '--anchor',
      await anchorFile('ahead.json', { ...head, seq: head.seq + 1000 }),
    ]);
    expect(rolledBack.code).toBe(8);
    expect(JSON.parse(rolledBack.stdout)).toMatchObject({ intact: false, anchor: 'behind' });
    expect(oneErrorLine(rolledBack)).toMatch(/rolled back.*event \d+/);

    const changed = await audit([
      'verify',
      '--anchor',
      await anchorFile('changed.json', { ...head, hash: 'a'.repeat(64) }),
    ]);
    expect(changed.code).toBe(8);
    expect(oneErrorLine(changed)).toMatch(new RegExp(`does not match the anchor at event ${head.seq}`));
  });

  it('rejects an anchor file that is not JSON, not an anchor, or missing (7)', async () => {
    for (const [name, text] of [
      ['garbage.json', 'not json {'],
      ['wrong.json', '{"format":"strongroom-anchor","seq":-1}\n'],
    ]) {
      const result = await audit(['verify', '--anchor', await anchorFile(name!, text!)]);
      expect(result.code).toBe(7);
      expect(oneErrorLine(result)).toMatch(/not a Strongroom anchor/);
    }
    const missing = await audit(['verify', '--anchor', path.join(vault.root, 'nope.json')]);
    expect(missing.code).toBe(7);
    expect(oneErrorLine(missing)).toMatch(/cannot read the anchor file/);
  });

  it('refuses an account without audit permissions (6)', async () => {
    const result = await cli(['--data-dir', vault.dataDir, '--as', 'agent.wu', 'audit', 'verify'], {
      stdin: ['Dial2026tones'],
    });
    expect(result.code).toBe(6);
    oneErrorLine(result);
  });

  it('refuses IT an anchor, a verification and an export: IT administers, the auditor attests (6)', async () => {
    for (const args of [['anchor'], ['verify'], ['export', '--format', 'csv']]) {
      const result = await cli(['--data-dir', vault.dataDir, '--as', ADMIN.username, 'audit', ...args], {
        stdin: [ADMIN.password],
      });
      expect(result).toMatchObject({ code: 6, stdout: '' });
      expect(oneErrorLine(result)).toBe('strongroom: this account is not permitted to do that');
    }
  });
});

describe('strongroom audit verify on a tampered log', () => {
  it('fails (8) and names the first broken event', async () => {
    const session = await login(other.dataDir, ADMIN.username, ADMIN.password);
    await editLogEvent(session, 2, 'at', 'at + 1');
    await session.logout();
    const result = await cli(['--data-dir', other.dataDir, '--as', AUDITOR.username, 'audit', 'verify'], {
      stdin: [AUDITOR.password],
    });
    expect(result.code).toBe(8);
    expect(result.stdout).toMatch(/^FAILED: .*first broken event is 2\n$/);
    expect(oneErrorLine(result)).toMatch(/tampered.*first broken event is 2/);
  });
});

describe('strongroom audit export', () => {
  it('writes JSON Lines to stdout, one event per line in sequence order', async () => {
    const result = await audit(['export', '--format', 'jsonl']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const events = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; time: string; action: string });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ seq: 1, action: 'vault.created' });
    expect(events[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(events.at(-1)?.action).toBe('audit.exported');
  });

  it('writes RFC 4180 CSV with the documented columns', async () => {
    const result = await audit(['export', '--format', 'csv']);
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\r\n');
    expect(rows[0]).toBe('seq,time,actor,seat,action,object,outcome,detail');
    expect(rows.at(-1)).toBe('');
    expect(rows[1]).toMatch(/^1,\d{4}-[^,]+Z,it\.chen,[0-9A-Z-]+,vault\.created,[0-9a-f-]{36},ok,"\{""/);
  });

  it('writes --out atomically (no temp files left) and rejects an unwritable target (7)', async () => {
    const out = path.join(vault.root, 'export.csv');
    const result = await audit(['export', '--format', 'csv', '--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect((await readFile(out, 'utf8')).startsWith('seq,time,actor,seat,action,object,outcome,detail\r\n')).toBe(true);
    expect((await readdir(vault.root)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const nowhere = path.join(vault.root, 'no-such-dir', 'export.csv');
    const refused = await audit(['export', '--out', nowhere]);
    expect(refused.code).toBe(7);
    expect(oneErrorLine(refused)).toMatch(/cannot write the output file/);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('rejects an unknown format as bad usage (2)', async () => {
    const result = await audit(['export', '--format', 'xlsx']);
    expect(result.code).toBe(2);
    expect(oneErrorLine(result)).toMatch(/jsonl, csv/);
  });
});
