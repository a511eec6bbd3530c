/** `user add` and `user list` as --as, with every refusal mapped to its exit code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/roles';
import { ADMIN } from '../fixtures/vault';
import { cli, fingerprint, makeVault, oneErrorLine, type TestVault } from './run-cli';

const AGENT = { username: 'agent.wu', role: 'agent_phone' as const, password: 'Agent2026pass' };
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([AGENT]);
});
afterAll(() => vault.cleanup());

const as = (actor: string, args: string[], stdin: string[]) => cli(['--data-dir', vault.dataDir, '--as', actor, ...args], { stdin });

describe('strongroom user', () => {
  it('adds an account with a display name and lists it (text and --json)', async () => {
    const added = await as(ADMIN.username, ['user', 'add', 'auditor.li', '--role', 'auditor', '--display-name', 'Li Na'], [ADMIN.password, 'Audit2026x']);
    expect(added).toMatchObject({ code: 0, stdout: 'added auditor.li (auditor)\n', stderr: '' });

    const json = await as(ADMIN.username, ['user', 'list', '--json'], [ADMIN.password]);
    expect(json.code).toBe(0);
    const accounts = JSON.parse(json.stdout) as { username: string; role: string; displayName: string }[];
    expect(accounts.map((a) => a.username)).toEqual(['agent.wu', 'auditor.li', 'it.chen']);
    expect(accounts.find((a) => a.username === 'auditor.li')).toMatchObject({ role: 'auditor', displayName: 'Li Na' });

    const text = await as(ADMIN.username, ['user', 'list'], [ADMIN.password]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^USERNAME\s+ROLE/);
    expect(text.stdout).toMatch(/auditor\.li\s+auditor\s+active/);

    // The new account can sign in with its initial password.
    const signIn = await cli(['--data-dir', vault.dataDir, 'login', 'auditor.li'], { stdin: ['Audit2026x'] });
    expect(signIn.code).toBe(0);
  });

  it('refuses user add to an account without the permission (6)', async () => {
    const result = await as(AGENT.username, ['user', 'add', 'agent.new', '--role', 'agent_phone'], [AGENT.password, 'Newbie2026x']);
    expect(result.code).toBe(6);
    expect(oneErrorLine(result)).toMatch(/not permitted/);
    const list = await as(AGENT.username, ['user', 'list'], [AGENT.password]);
    expect(list.code).toBe(6);
  });

  it('rejects an unknown role with the list of valid roles (7), before signing in', async () => {
    const before = await fingerprint(vault.dataDir);
    const result = await as(ADMIN.username, ['user', 'add', 'someone', '--role', 'pilot'], [ADMIN.password, 'Pilot2026x']);
    expect(result.code).toBe(7);
    const line = oneErrorLine(result);
    for (const role of ROLES) expect(line).toContain(role);
    expect(await fingerprint(vault.dataDir)).toEqual(before);
  });

  it('rejects a taken username, a bad username and a weak password (7)', async () => {
    const taken = await as(ADMIN.username, ['user', 'add', 'agent.wu', '--role', 'qc'], [ADMIN.password, 'Taken2026x']);
    expect(taken.code).toBe(7);
    expect(oneErrorLine(taken)).toMatch(/already exists/);
    const bad = await as(ADMIN.username, ['user', 'add', 'x', '--role', 'qc'], [ADMIN.password, 'Short2026x']);
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
    const noRole = await as(ADMIN.username, ['user', 'add', 'qc.zhou'], [ADMIN.password, 'Qc2026pass']);
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
