/** `user reset | unlock | role | close` as IT, each with a reason in the access log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../shared/contract';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, type TestVault } from './run-cli';

/** Several Argon2id sign-ins per test, each a child process: room for a busy 2-core machine. */
const SLOW = 120_000;

const QC = { username: 'qc.zhou', role: 'qc' as const, password: 'Quality4Rt8m' };
const AGENT = { username: 'agent.wu', role: 'agent_phone' as const, password: 'Dial2026tones' };
const LEAVER = { username: 'field.he', role: 'agent_field' as const, password: 'Tide5quartz' };
const AUDITOR = { username: 'audit.li', role: 'auditor' as const, password: 'Ledger58Quartz' };
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([QC, AGENT, LEAVER, AUDITOR]);
}, SLOW);
afterAll(() => vault.cleanup());

const admin = (args: string[], stdin: string[] = [ADMIN.password]) =>
  cli(['--data-dir', vault.dataDir, '--as', ADMIN.username, ...args], { stdin });
const loginAs = (user: string, password: string) =>
  cli(['--data-dir', vault.dataDir, 'login', user], { stdin: [password] });
const details = async (): Promise<AccountDetail[]> =>
  JSON.parse((await admin(['user', 'list', '--json'])).stdout) as AccountDetail[];
/** The log as the auditor exports it (IT reads the log but does not take it out). */
const auditActions = async (): Promise<{ action: string; object: string | null; detail: Record<string, unknown> }[]> =>
  (
    await cli(['--data-dir', vault.dataDir, '--as', AUDITOR.username, 'audit', 'export'], { stdin: [AUDITOR.password] })
  ).stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; object: string | null; detail: Record<string, unknown> });

describe('strongroom user reset', { timeout: SLOW }, () => {
  it('prints a one-time password once, alone on the last line; the old password stops working', async () => {
    const reset = await admin(['user', 'reset', QC.username]);
    expect(reset).toMatchObject({ code: 0, stderr: '' });
    const lines = reset.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const oneTime = lines.at(-2)!;
    expect(oneTime).toMatch(/^[A-Za-z2-9]{14}$/);
    expect(reset.stdout.split(oneTime)).toHaveLength(2); // printed once

    expect((await loginAs(QC.username, QC.password)).code).toBe(3);
    const first = await loginAs(QC.username, oneTime);
    expect(first.code).toBe(5);
    expect(oneErrorLine(first)).toMatch(/one-time.*passwd qc\.zhou/);
    expect(
      (await cli(['--data-dir', vault.dataDir, 'passwd', QC.username], { stdin: [oneTime, 'Maple3river'] })).code,
    ).toBe(0);
    expect(await loginAs(QC.username, 'Maple3river')).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('logs the reason, by default "password reset"; rejects a too-short reason before signing in (7)', async () => {
    const reset = await admin(['user', 'reset', AGENT.username, '--reason', 'forgot it on Monday']);
    expect(reset.code).toBe(0);
    const resets = (await auditActions()).filter((e) => e.action === 'account.reset');
    expect(resets.map((e) => [e.object, e.detail.reason])).toEqual([
      ['qc.zhou', 'password reset'],
      ['agent.wu', 'forgot it on Monday'],
    ]);
    const before = await fingerprint(vault.dataDir);
    const short = await admin(['user', 'reset', AGENT.username, '--reason', 'x']);
    expect(short.code).toBe(7);
    expect(oneErrorLine(short)).toMatch(/reason must be 2 to 500 characters/);
    expect(await fingerprint(vault.dataDir)).toEqual(before);
    const unknown = await admin(['user', 'reset', 'no.body']);
    expect(unknown.code).toBe(7);
    expect(oneErrorLine(unknown)).toBe('strongroom: no such account');
  });
});

describe('strongroom user unlock', { timeout: SLOW }, () => {
  it('lifts a lockout before it runs out (list shows it locked first)', async () => {
    for (let i = 0; i < 3; i += 1) expect((await loginAs(QC.username, 'Wrong2026pass')).code).toBe(3);
    expect((await loginAs(QC.username, 'Maple3river')).code).toBe(4);
    expect((await details()).find((a) => a.username === QC.username)).toMatchObject({ state: 'locked', failures: 3 });

    const noReason = await admin(['user', 'unlock', QC.username]);
    expect(noReason.code).toBe(2);
    expect(oneErrorLine(noReason)).toMatch(/--reason/);
    const unlocked = await admin(['user', 'unlock', QC.username, '--reason', 'verified by phone']);
    expect(unlocked).toMatchObject({ code: 0, stdout: 'unlocked qc.zhou\n' });
    // The owner is told, after "ok", of the failures and who unlocked the account, and why.
    const back = await loginAs(QC.username, 'Maple3river');
    expect(back).toMatchObject({ code: 0, stderr: '' });
    expect(back.stdout.startsWith('ok\n')).toBe(true);
    expect(back.stdout.match(/a sign-in as you failed/g)).toHaveLength(3);
    expect(back.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^notice: .* UTC seat [0-9A-Z-]{14}: it\.chen lifted your lockout \(reason: verified by phone\)$/,
    );
    expect(await loginAs(QC.username, 'Maple3river')).toMatchObject({ code: 0, stdout: 'ok\n' });
  });
});

describe('strongroom user role', { timeout: SLOW }, () => {
  it('changes a role, and refuses the same role, an unknown role and the last IT (7)', async () => {
    // The vault has an auditor: making a second one needs their approval, typed here.
    const alone = await admin(['user', 'role', QC.username, 'auditor', '--reason', 'moved to audit']);
    expect(alone.code).toBe(6);
    expect(oneErrorLine(alone)).toMatch(/second person's approval/);
    const changed = await admin(
      ['user', 'role', QC.username, 'auditor', '--reason', 'moved to audit', '--approver', AUDITOR.username],
      [ADMIN.password, AUDITOR.password],
    );
    expect(changed).toMatchObject({ code: 0, stdout: 'qc.zhou is now auditor\n' });
    expect((await details()).find((a) => a.username === QC.username)).toMatchObject({ role: 'auditor' });

    const same = await admin(['user', 'role', QC.username, 'auditor', '--reason', 'again']);
    expect(same.code).toBe(7);
    expect(oneErrorLine(same)).toMatch(/already has that role/);
    const unknown = await admin(['user', 'role', QC.username, 'pilot', '--reason', 'why not']);
    expect(unknown.code).toBe(7);
    expect(oneErrorLine(unknown)).toMatch(/unknown role "pilot"/);
    const lastIt = await admin(['user', 'role', ADMIN.username, 'qc', '--reason', 'demote']);
    expect(lastIt.code).toBe(7);
    expect(oneErrorLine(lastIt)).toMatch(/last active IT account/);
  });
});

describe("strongroom user reset of an auditor's password", { timeout: SLOW }, () => {
  it('needs a second auditor or general manager at this seat; a wrong approver password is refused (6)', async () => {
    const alone = await admin(['user', 'reset', AUDITOR.username]);
    expect(alone).toMatchObject({ code: 6, stdout: '' });
    expect(oneErrorLine(alone)).toBe(
      "strongroom: this needs a second person's approval: an auditor or general manager (not the account concerned, not you) at this seat, with --approver NAME and their password",
    );
    const self = await admin(
      ['user', 'reset', AUDITOR.username, '--approver', AUDITOR.username],
      [ADMIN.password, AUDITOR.password],
    );
    expect(oneErrorLine(self)).toMatch(/account concerned cannot approve/);
    const wrong = await admin(
      ['user', 'reset', AUDITOR.username, '--approver', QC.username],
      [ADMIN.password, 'Not-her-pass-7'],
    );
    expect(wrong).toMatchObject({ code: 6, stdout: '' });
    expect(oneErrorLine(wrong)).toMatch(/wrong password for the approver/);
    expect(wrong.stderr).not.toContain('Not-her-pass-7');

    const reset = await admin(
      ['user', 'reset', AUDITOR.username, '--reason', 'forgotten', '--approver', QC.username],
      [ADMIN.password, 'Maple3river'],
    );
    expect(reset).toMatchObject({ code: 0, stderr: '' });
    const oneTime = reset.stdout.trimEnd().split('\n').at(-1)!;
    // The owner learns, when changing the one-time password, who reset it and who approved.
    const changed = await cli(['--data-dir', vault.dataDir, 'passwd', AUDITOR.username], {
      stdin: [oneTime, 'Quarry63Lumen'],
    });
    expect(changed.code).toBe(0);
    const said = changed.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.replace(/^notice: \d{4}-\d\d-\d\d \d\d:\d\d UTC seat [0-9A-Z-]{14}: /, ''));
    expect(said).toEqual([
      'password changed for audit.li',
      'you approved the role change of qc.zhou, asked by it.chen',
      'it.chen asked for the password reset of your account; refused: no approver',
      'it.chen asked for the password reset of your account; refused: the account concerned cannot approve',
      'it.chen asked for the password reset of your account; refused: wrong password',
      'qc.zhou approved the password reset of your account',
      'it.chen reset your password (reason: forgotten)',
    ]);
  });
});

describe('strongroom user close', { timeout: SLOW }, () => {
  it('closes an account: its login then fails (3); closing it again or the last IT is refused (7)', async () => {
    expect((await loginAs(LEAVER.username, LEAVER.password)).code).toBe(0);
    const closed = await admin(['user', 'close', LEAVER.username, '--reason', 'left the company']);
    expect(closed).toMatchObject({ code: 0, stdout: 'closed field.he\n' });
    const after = await loginAs(LEAVER.username, LEAVER.password);
    expect(after.code).toBe(3);
    expect(oneErrorLine(after)).toBe('strongroom: wrong username or password');
    expect((await details()).find((a) => a.username === LEAVER.username)).toMatchObject({ state: 'closed' });

    const again = await admin(['user', 'close', LEAVER.username, '--reason', 'twice']);
    expect(again.code).toBe(7);
    expect(oneErrorLine(again)).toMatch(/account is closed/);
    const lastIt = await admin(['user', 'close', ADMIN.username, '--reason', 'leaving']);
    expect(lastIt.code).toBe(7);
    expect(oneErrorLine(lastIt)).toMatch(/last active IT account cannot be closed/);
  });

  it('refuses account administration to a role without it (6)', async () => {
    const result = await cli(
      ['--data-dir', vault.dataDir, '--as', QC.username, 'user', 'close', AGENT.username, '--reason', 'not mine'],
      {
        stdin: ['Maple3river'],
      },
    );
    expect(result.code).toBe(6);
    expect(oneErrorLine(result)).toMatch(/not permitted/);
  });
});
