/** `seat list | bind | unbind | flag` as IT: 专机专用, and what an unbound account meets (6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, seatOf, type TestVault } from './run-cli';

/** Several Argon2id sign-ins per test, each a child process: room for a busy 2-core machine. */
const SLOW = 120_000;

const QC = { username: 'qc.tang', role: 'qc' as const, password: 'Tide5quartz' };
const OTHER_SEAT = 'ABCD-EFGH-JKMN';
let vault: TestVault;
let seat: string;
beforeAll(async () => {
  vault = await makeVault([QC]);
  seat = seatOf(vault.vaultId);
});
afterAll(() => vault.cleanup());

const as = (actor: string, password: string, args: string[]) =>
  cli(['--data-dir', vault.dataDir, '--as', actor, ...args], { stdin: [password] });
const it_ = (args: string[]) => as(ADMIN.username, ADMIN.password, args);
const loginAs = (user: string, password: string) =>
  cli(['--data-dir', vault.dataDir, 'login', user], { stdin: [password] });

interface SeatJson {
  seatId: string;
  importStation: boolean;
  accounts: string[];
}

describe('strongroom seat', { timeout: SLOW }, () => {
  it('lists the seats with their bound accounts (text and --json)', async () => {
    const text = await it_(['seat', 'list']);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^SEAT\s+IMPORT STATION/);
    expect(text.stdout).toMatch(new RegExp(`^${seat}\\s+no\\s+.*it\\.chen qc\\.tang`, 'm'));
    const json = JSON.parse((await it_(['seat', 'list', '--json'])).stdout) as SeatJson[];
    expect(json).toEqual([
      expect.objectContaining({ seatId: seat, importStation: false, accounts: ['it.chen', 'qc.tang'] }),
    ]);
  });

  it('an unbound account cannot sign in here (6); bound again, it can', async () => {
    const unbound = await it_(['seat', 'unbind', QC.username, seat]);
    expect(unbound).toMatchObject({ code: 0, stdout: `unbound qc.tang from seat ${seat}\n` });
    const refused = await loginAs(QC.username, QC.password);
    expect(refused.code).toBe(6);
    expect(oneErrorLine(refused)).toMatch(/not bound to this seat/);

    // Seat ids are accepted in lower case too.
    const bound = await it_(['seat', 'bind', QC.username, seat.toLowerCase()]);
    expect(bound).toMatchObject({ code: 0, stdout: `bound qc.tang to seat ${seat}\n` });
    // Signed in again, its owner is told who unbound and bound the account, and the refused try.
    const back = await loginAs(QC.username, QC.password);
    expect(back).toMatchObject({ code: 0, stderr: '' });
    expect(
      back.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^notice: .* UTC seat [0-9A-Z-]{14}: /, '')),
    ).toEqual([
      'ok',
      `it.chen unbound your account from seat ${seat}`,
      `a sign-in as you was refused on seat ${seat}, which your account is not bound to`,
      `it.chen bound your account to seat ${seat}`,
    ]);
  });

  it('binds to a seat not seen yet, and flags a seat as the import station', async () => {
    expect((await it_(['seat', 'bind', QC.username, OTHER_SEAT])).code).toBe(0);
    const flagged = await it_(['seat', 'flag', seat, '--import-station', 'on']);
    expect(flagged).toMatchObject({ code: 0, stdout: `seat ${seat} import station: on\n` });
    const json = JSON.parse((await it_(['seat', 'list', '--json'])).stdout) as SeatJson[];
    expect(json.find((s) => s.seatId === seat)).toMatchObject({ importStation: true });
    expect(json.find((s) => s.seatId === OTHER_SEAT)).toMatchObject({ importStation: false, accounts: ['qc.tang'] });
  });

  it('rejects a malformed seat id before signing in, and an unknown seat, account or binding (7)', async () => {
    const before = await fingerprint(vault.dataDir);
    const malformed = await it_(['seat', 'bind', QC.username, 'not-a-seat']);
    expect(malformed.code).toBe(7);
    expect(oneErrorLine(malformed)).toMatch(/invalid seat id/);
    expect(await fingerprint(vault.dataDir)).toEqual(before);

    const unseen = await it_(['seat', 'flag', 'ZZZZ-ZZZZ-ZZZZ', '--import-station', 'off']);
    expect(unseen.code).toBe(7);
    expect(oneErrorLine(unseen)).toMatch(/never seen that seat/);
    const nobody = await it_(['seat', 'bind', 'no.body', seat]);
    expect(nobody.code).toBe(7);
    expect(oneErrorLine(nobody)).toBe('strongroom: no such account');
    const notBound = await it_(['seat', 'unbind', ADMIN.username, OTHER_SEAT]);
    expect(notBound.code).toBe(7);
    expect(oneErrorLine(notBound)).toMatch(/not bound to that seat/);
  });

  it('refuses a role without seat permissions (6) and bad usage (2)', async () => {
    const denied = await as(QC.username, QC.password, ['seat', 'list']);
    expect(denied.code).toBe(6);
    expect(oneErrorLine(denied)).toMatch(/not permitted/);
    const noFlag = await it_(['seat', 'flag', seat]);
    expect(noFlag.code).toBe(2);
    expect(oneErrorLine(noFlag)).toMatch(/--import-station/);
    const badFlag = await it_(['seat', 'flag', seat, '--import-station', 'maybe']);
    expect(badFlag.code).toBe(2);
    expect(oneErrorLine(badFlag)).toMatch(/on, off/);
    const noSeat = await it_(['seat', 'bind', QC.username]);
    expect(noSeat.code).toBe(2);
    oneErrorLine(noSeat);
  });
});
