/**
 * Files outside the database, edited by someone with write access to the data directory and no
 * password: an out-of-bounds keyring.json is exit 8 at once (not a hung or crashed login), and
 * an odd box in preauth.json is logged as unreadable instead of failing every login.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREAUTH_FILE, PreauthJournal } from '../../electron/core/session/preauth-journal';
import { seal } from '../../electron/core/session/preauth-seal';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, type TestVault } from './run-cli';

const SLOW = 120_000;
/** Who reads the log out: the auditor (IT reads it but does not export it). */
const AUDITOR = { username: 'audit.li', role: 'auditor' as const, password: 'Ledger58Quartz' };

let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([AUDITOR]);
}, SLOW);
afterAll(() => vault.cleanup());

async function copyVault(name: string): Promise<string> {
  const dir = path.join(vault.root, name);
  await cp(vault.dataDir, dir, { recursive: true });
  return dir;
}

async function editKeyring(dataDir: string, change: (k: { slots: { kdf: Record<string, unknown> }[] }) => void) {
  const file = path.join(dataDir, 'keyring.json');
  const keyring = JSON.parse(await readFile(file, 'utf8')) as { slots: { kdf: Record<string, unknown> }[] };
  change(keyring);
  await writeFile(file, JSON.stringify(keyring, null, 2));
}

describe('out-of-bounds files outside the database', { timeout: SLOW }, () => {
  it.each([
    ['t = 1e9 (a login that never ends)', { t: 1e9 }],
    ['m = 2^40 KiB (a login that crashes)', { m: 2 ** 40 }],
    ['a 15-byte salt', { salt: Buffer.alloc(15, 7).toString('base64') }],
  ])('refuses a keyring slot with %s: exit 8, one line, nothing written', async (name, kdf) => {
    const dataDir = await copyVault(`kdf-${name.split(' ')[0]!.replace(/\W/g, '')}`);
    await editKeyring(dataDir, (k) => Object.assign(k.slots[0]!.kdf, kdf));
    const before = await fingerprint(dataDir);
    const started = Date.now();
    const signIn = await cli(['--data-dir', dataDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    const status = await cli(['--data-dir', dataDir, 'status']);
    expect(Date.now() - started).toBeLessThan(30_000);
    for (const result of [signIn, status]) {
      expect(result.code).toBe(8);
      expect(oneErrorLine(result)).toMatch(/damaged.*keyring\.json/);
      expect(result.stdout).toBe('');
    }
    expect(await fingerprint(dataDir)).toEqual(before);
  });

  it('logs boxes that open to something other than an event as unreadable, and the login goes on', async () => {
    const dataDir = await copyVault('odd-boxes');
    const keyring = JSON.parse(await readFile(path.join(dataDir, 'keyring.json'), 'utf8')) as {
      preauthPublicKey: string;
    };
    // Anyone can seal to the public key in keyring.json: one box of plain text, one of a made-up action.
    const journal = await PreauthJournal.load(dataDir);
    journal.now(Date.now());
    journal.addEvent(keyring.preauthPublicKey, {
      at: Date.now(),
      seat: null,
      actor: null,
      actorId: null,
      action: 'vault.handedOver',
      outcome: 'ok',
    });
    await journal.save();
    const file = path.join(dataDir, PREAUTH_FILE);
    const state = JSON.parse(await readFile(file, 'utf8')) as { nextN: number; sealed: object[] };
    state.sealed.push({ n: state.nextN, ...seal(keyring.preauthPublicKey, 'not an event') });
    state.nextN += 1;
    await writeFile(file, JSON.stringify(state));

    const signIn = await cli(['--data-dir', dataDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    expect(signIn).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
    const exported = await cli(
      ['--data-dir', dataDir, '--as', AUDITOR.username, 'audit', 'export', '--format', 'jsonl'],
      { stdin: [AUDITOR.password] },
    );
    expect(exported.code).toBe(0);
    const events = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; detail: unknown });
    expect(events.filter((e) => e.action === 'preauth.journalDamaged').map((e) => e.detail)).toEqual([
      { garbled: false, unreadable: 2, dropped: 0 },
    ]);
    expect(events.map((e) => e.action)).not.toContain('vault.handedOver');
  });
});
