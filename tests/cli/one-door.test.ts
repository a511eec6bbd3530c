/**
 * The CLI is not a second way in: its commands call the same router as the renderer, so a call
 * without the permission is refused there and logged exactly as an IPC call is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../shared/contract';
import { listAudit } from '../../electron/core/audit/audit-service';
import { login } from '../../electron/core/session/unlock';
import { routed } from '../fixtures/router';
import { ADMIN } from '../fixtures/vault';
import { cli, makeVault, oneErrorLine, type TestVault } from './run-cli';

const AGENT = { username: 'agent.wu', role: 'agent_phone' as const, password: 'Dial2026tones' };
const OTHER = { username: 'agent.ma', role: 'agent_phone' as const, password: 'Ring2026bells' };
let vault: TestVault;
beforeAll(async () => {
  vault = await makeVault([AGENT, OTHER]);
}, 120_000);
afterAll(() => vault.cleanup());

/** The parts of an event that say what was refused (not who, when or where in the chain). */
const shape = ({ action, object, outcome, detail, seat }: AuditEventView) => ({
  action,
  object,
  outcome,
  detail,
  seat,
});

describe('one door in', { timeout: 120_000 }, () => {
  it('refuses a CLI call without the permission in the router and logs it like an IPC call', async () => {
    const viaCli = await cli(['--data-dir', vault.dataDir, '--as', AGENT.username, 'user', 'list'], {
      stdin: [AGENT.password],
    });
    expect(viaCli.code).toBe(6);
    expect(oneErrorLine(viaCli)).toBe('strongroom: this account is not permitted to do that');

    const other = await login(vault.dataDir, OTHER.username, OTHER.password);
    await expect(routed(other)('account.list', {})).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    await other.logout();

    const it = await login(vault.dataDir, ADMIN.username, ADMIN.password);
    const { events } = await listAudit(it, { action: 'account.list', limit: 10 });
    await it.logout();
    const byCli = events.filter((e) => e.actor === AGENT.username);
    const byIpc = events.filter((e) => e.actor === OTHER.username);
    expect(byCli).toHaveLength(1);
    expect(byIpc).toHaveLength(1);
    expect(shape(byCli[0]!)).toEqual(shape(byIpc[0]!));
    expect(shape(byCli[0]!)).toMatchObject({ outcome: 'denied', detail: { permission: 'account.read' } });
  });

  it('checks input against the contract before asking for a password', async () => {
    // No stdin at all: a CLI that asked for the password would fail "stdin ended" instead.
    const bad = await cli([
      '--data-dir',
      vault.dataDir,
      '--as',
      ADMIN.username,
      'user',
      'unlock',
      AGENT.username,
      '--reason',
      'x',
    ]);
    expect(bad.code).toBe(7);
    expect(oneErrorLine(bad)).toBe('strongroom: the reason must be 2 to 500 characters');
  });
});
