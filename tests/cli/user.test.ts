/** `user add` and `user list` as --as, with every refusal mapped to its exit code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../shared/contract';
import { ROLES } from '../../shared/roles';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, seatOf, type TestVault } from './run-cli';

/** Several Argon2id sign-ins per test, each a child process: room for a busy 2-core machine. */
const SLOW = 120_000;

const AGENT = { username: 'agent.wu', role: 'agent_phone' as const, password: 'Dial2026tones' };
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([AGENT]);
});
afterAll(() => vault.cleanup());

const as = (actor: string, args: string[], stdin: string[]) =>
  cli(['--data-dir', vault.dataDir, '--as', actor, ...args], { stdin });

describe('strongroom user', { timeout: SLOW }, () => {
  it('adds an account with a display name and lists it (text and --json)', async () => {
    const added = await as(
      ADMIN.username,
      ['user', 'add', 'auditor.li', '--role', 'auditor', '--display-name', 'Li Na'],
      [ADMIN.password, 'Ledger9mint'],
    );
    expect(added).toMatchObject({ code: 0, stdout: 'added auditor.li (auditor)\n', stderr: '' });

    const json = await as(ADMIN.username, ['user', 'list', '--json'], [ADMIN.password]);
    expect(json.code).toBe(0);
    const accounts = JSON.parse(json.stdout) as AccountDetail[];
    expect(accounts.map((a) => a.username)).toEqual(['agent.wu', 'auditor.li', 'it.chen']);
    const seat = seatOf(vault.vaultId);
    expect(accounts.find((a) => a.username === 'auditor.li')).toMatchObject({
      role: 'auditor',
      displayName: 'Li Na',
      state: 'mustChange',
      lastLoginAt: null,
      seats: [],
      failures: 0,
      lockedUntil: null,
    });
    expect(accounts.find((a) => a.username === 'it.chen')).toMatchObject({ state: 'active', seats: [seat] });
    expect(accounts.find((a) => a.username === 'it.chen')?.lastLoginAt).toEqual(expect.any(Number));

    const text = await as(ADMIN.username, ['user', 'list'], [ADMIN.password]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^USERNAME\s+ROLE\s+STATE\s+LAST LOGIN \(UTC\)\s+PASSWORD EXPIRES\s+SEATS\s+DISPLAY NAME\n/,
    );
    expect(text.stdout).toMatch(/^auditor\.li\s+auditor\s+mustChange\s+-\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-\s+Li Na$/m);
    expect(text.stdout).toMatch(
      new RegExp(
        `^it\\.chen\\s+it\\s+active\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+\\S+ \\S+\\s+${seat}\\s+it\\.chen$`,
        'm',
      ),
    );
  });

  it('a new account needs its seat and a passwd before it can act', async () => {
    const seat = seatOf(vault.vaultId);
    // A second auditor needs the first one's approval, typed here: first auditor.li sets up.
    expect((await as(ADMIN.username, ['seat', 'bind', 'auditor.li', seat], [ADMIN.password])).code).toBe(0);
    const ready = await cli(['--data-dir', vault.dataDir, 'passwd', 'auditor.li'], {
      stdin: ['Ledger9mint', 'Cobalt7ferry'],
    });
    expect(ready.code).toBe(0);
    const unapproved = await as(
      ADMIN.username,
      ['user', 'add', 'auditor.ma', '--role', 'auditor', '--seat', seat],
      [ADMIN.password, 'Cedar6orbit'],
    );
    expect(unapproved.code).toBe(6);
    expect(oneErrorLine(unapproved)).toMatch(/second person's approval.*--approver NAME/);
    const added = await as(
      ADMIN.username,
      ['user', 'add', 'auditor.ma', '--role', 'auditor', '--seat', seat, '--json', '--approver', 'auditor.li'],
      [ADMIN.password, 'Cedar6orbit', 'Cobalt7ferry'],
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      username: 'auditor.ma',
      displayName: 'auditor.ma',
      role: 'auditor',
      seats: [seat],
    });

    const first = await cli(['--data-dir', vault.dataDir, 'login', 'auditor.ma'], { stdin: ['Cedar6orbit'] });
    expect(first.code).toBe(5);
    expect(oneErrorLine(first)).toMatch(/strongroom passwd auditor\.ma/);
    expect(
      (await cli(['--data-dir', vault.dataDir, 'passwd', 'auditor.ma'], { stdin: ['Cedar6orbit', 'Pine2lantern'] }))
        .code,
    ).toBe(0);
    const list = await as('auditor.ma', ['user', 'list', '--json'], ['Pine2lantern']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as AccountDetail[]).find((a) => a.username === 'auditor.ma')).toMatchObject({
      state: 'active',
      seats: [seat],
    });
  });

  it('rejects a malformed --seat before adding anything (7)', async () => {
    const before = await fingerprint(vault.dataDir);
    const result = await as(
      ADMIN.username,
      ['user', 'add', 'qc.zhou', '--role', 'qc', '--seat', 'nowhere'],
      [ADMIN.password, 'Quality4Rt8m'],
    );
    expect(result.code).toBe(7);
    expect(oneErrorLine(result)).toMatch(/invalid seat id/);
    expect(await fingerprint(vault.dataDir)).toEqual(before);
  });

  it('refuses user add to an account without the permission (6)', async () => {
    const result = await as(
      AGENT.username,
      ['user', 'add', 'agent.new', '--role', 'agent_phone'],
      [AGENT.password, 'Onyx4meadow'],
    );
    expect(result.code).toBe(6);
    expect(oneErrorLine(result)).toMatch(/not permitted/);
    const list = await as(AGENT.username, ['user', 'list'], [AGENT.password]);
    expect(list.code).toBe(6);
  });

  it('rejects an unknown role with the list of valid roles (7), before signing in', async () => {
    const before = await fingerprint(vault.dataDir);
    const result = await as(
      ADMIN.username,
      ['user', 'add', 'someone', '--role', 'pilot'],
      [ADMIN.password, 'Onyx4meadow'],
    );
    expect(result.code).toBe(7);
    const line = oneErrorLine(result);
    for (const role of ROLES) expect(line).toContain(role);
    expect(await fingerprint(vault.dataDir)).toEqual(before);
  });

  it('rejects a taken username, a bad username and a weak password (7)', async () => {
    const taken = await as(
      ADMIN.username,
      ['user', 'add', 'agent.wu', '--role', 'qc'],
      [ADMIN.password, 'Onyx4meadow'],
    );
    expect(taken.code).toBe(7);
    expect(oneErrorLine(taken)).toMatch(/already exists/);
    const bad = await as(ADMIN.username, ['user', 'add', 'x', '--role', 'qc'], [ADMIN.password, 'Onyx4meadow']);
    expect(bad.code).toBe(7);
    expect(oneErrorLine(bad)).toMatch(/invalid username/);
    const weak = await as(ADMIN.username, ['user', 'add', 'qc.zhou', '--role', 'qc'], [ADMIN.password, 'weak']);
    expect(weak.code).toBe(7);
    expect(oneErrorLine(weak)).toMatch(/policy/);
  });

  it('fails a wrong actor password (3) and reports usage errors (2) in one line', async () => {
    const wrong = await as(ADMIN.username, ['user', 'list'], ['Wrong2026pass']);
    expect(wrong.code).toBe(3);
    expect(oneErrorLine(wrong)).toBe('strongroom: wrong username or password');

    const noAs = await cli(['--data-dir', vault.dataDir, 'user', 'list'], { stdin: [ADMIN.password] });
    expect(noAs.code).toBe(2);
    expect(oneErrorLine(noAs)).toMatch(/--as/);
    const noRole = await as(ADMIN.username, ['user', 'add', 'qc.zhou'], [ADMIN.password, 'Onyx4meadow']);
    expect(noRole.code).toBe(2);
    expect(oneErrorLine(noRole)).toMatch(/--role/);
    const unknownOption = await as(ADMIN.username, ['user', 'list', '--colour'], [ADMIN.password]);
    expect(unknownOption.code).toBe(2);
    expect(oneErrorLine(unknownOption)).toMatch(/unknown option '--colour'/);
    const noSub = await as(ADMIN.username, ['user'], []);
    expect(noSub.code).toBe(2);
    oneErrorLine(noSub);
    const secondLineMissing = await as(ADMIN.username, ['user', 'add', 'qc.zhou', '--role', 'qc'], [ADMIN.password]);
    expect(secondLineMissing.code).toBe(2);
    expect(oneErrorLine(secondLineMissing)).toMatch(/initial password for qc\.zhou/);
  });
});
