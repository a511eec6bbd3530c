/**
 * ISO/IEC 27001 A.5.3: IT administers (accounts, seats, roles, policy) and reads the access log,
 * but only the independent roles (auditor, general manager) attest to it: verify, anchor, export.
 * New vaults ship so; a version-2 vault becomes so when it is upgraded.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeRolePermissions } from '../../../electron/core/access/role-admin';
import { Db } from '../../../electron/core/store/db';
import { migrate } from '../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../electron/core/store/schema';
import { sql } from '../../../electron/core/store/sql';
import { ATTESTATION_PERMISSIONS } from '../../../shared/permissions';
import { adminVaults } from '../../fixtures/admin-vault';
import { routed } from '../../fixtures/router';
import { testStore } from '../../fixtures/store';
import { tempDir, vaultsPerTest } from '../../fixtures/vault';

const setup = adminVaults();
const { track } = vaultsPerTest();

describe('separation of duties in the role matrix', () => {
  it('lets IT read the access log but not verify, anchor or export it', async () => {
    const { it } = await setup();
    const call = routed(it);
    await expect(call('audit.list', { limit: 5 })).resolves.toMatchObject({ total: expect.any(Number) });
    for (const [name, input] of [
      ['audit.anchor', {}],
      ['audit.verify', {}],
      ['audit.export', { format: 'csv', afterSeq: 0 }],
    ] as const)
      await expect(call(name, input)).rejects.toMatchObject({ code: 'NOT_PERMITTED', key: 'permission.denied' });
    expect(it.vault.matrix.it).toEqual(expect.arrayContaining(['account.manage', 'seat.manage', 'policy.manage']));
    expect(it.vault.matrix.it.filter((p) => p.startsWith('audit.'))).toEqual(['audit.read']);
    expect(it.vault.matrix.auditor).toEqual(expect.arrayContaining([...ATTESTATION_PERMISSIONS]));
    await it.logout();
  });

  it('refuses to give IT, or any role but auditor and general manager, what attests to the log', async () => {
    const { it } = await setup();
    for (const [role, permissions] of [
      ['it', [...it.vault.matrix.it, 'audit.anchor']],
      ['cs', ['audit.read', 'audit.export']],
      ['director', ['audit.verify']],
    ] as const)
      await expect(changeRolePermissions(it, role, [...permissions], 'try it')).rejects.toMatchObject({
        code: 'INPUT_REJECTED',
        key: 'role.attestationIndependent',
      });
    await changeRolePermissions(it, 'gm', ['ledger.read', 'audit.read', 'audit.verify'], 'the manager checks too');
    expect(it.vault.matrix.gm).toEqual(['ledger.read', 'audit.read', 'audit.verify']);
    await it.logout();
  });

  // Floors begin at schema 4: there is no version-2 floor to upgrade.
  it.runIf(testStore() === 'sqlite')(
    "takes attestation from every role but the independent ones when a version-2 vault is upgraded, and starts each account's notices at the head",
    async () => {
      const { dir, cleanup } = await tempDir();
      track(cleanup);
      const db = await Db.open(path.join(dir, 'vault.db'), randomBytes(32), true);
      await migrate(db, MIGRATIONS.slice(0, 2));
      // As IT could have left it: a business role given export, the gm given verify.
      await db.exec(
        `INSERT INTO role_permissions (role, permission) VALUES ('qc', 'audit.export'), ('gm', 'audit.verify')`,
      );
      await db.exec(`INSERT INTO accounts (username, display_name, role, state, password_changed_at, created_at)
                   VALUES ('it.chen', 'it.chen', 'it', 'active', 1, 1), ('audit.li', 'audit.li', 'auditor', 'active', 1, 1)`);
      for (const seq of [1, 2, 3])
        await db.run(
          sql`INSERT INTO audit_events (seq, at, actor, action, outcome, detail, hash)
            VALUES (${seq}, ${seq}, 'it.chen', 'login.ok', 'ok', '{}', ${Buffer.alloc(32)})`,
        );
      await migrate(db);
      const held = async (role: string) =>
        (
          await db.all<{ permission: string }>(
            sql`SELECT permission FROM role_permissions WHERE role = ${role} ORDER BY permission`,
          )
        ).map((r) => r.permission);
      expect((await held('it')).filter((p) => p.startsWith('audit.'))).toEqual(['audit.read']);
      // Export taken; what later versions gave qc (the import ceremony, conduct) is theirs.
      expect(await held('qc')).toEqual([
        'case.readAll',
        'complaint.manage',
        'conduct.board',
        'holiday.approve',
        'import.run',
        'payment.record',
      ]);
      expect(await held('auditor')).toEqual(expect.arrayContaining([...ATTESTATION_PERMISSIONS]));
      expect(await held('gm')).toEqual(['audit.read', 'audit.verify', 'ledger.read']);
      expect(await db.all(sql`SELECT account_id, through_seq FROM notice_receipts ORDER BY account_id`)).toEqual([
        { account_id: 1, through_seq: 3 },
        { account_id: 2, through_seq: 3 },
      ]);
      await db.close();
    },
  );
});
