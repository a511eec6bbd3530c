/** `init` and `status`: creating a vault from the command line and reading what it is. */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/store/schema';
import { ADMIN, tempDir } from '../fixtures/vault';
import { cli, fingerprint, oneErrorLine, seatOf } from './run-cli';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: root, cleanup } = await tempDir('strongroom-cli-init-'));
});
afterAll(() => cleanup());

describe('strongroom init', () => {
  it('creates a vault, prints its id, and status reports it', async () => {
    const dataDir = path.join(root, 'fresh');
    const init = await cli(['--data-dir', dataDir, 'init', '--admin', ADMIN.username], { stdin: [ADMIN.password] });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const vaultId = init.stdout.trim();
    expect(vaultId).toMatch(UUID);

    const status = await cli(['status', '--json'], { env: { STRONGROOM_DATA_DIR: dataDir } });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      initialized: true,
      vaultId,
      schemaVersion: SCHEMA_VERSION,
      accounts: 1,
      seatId: seatOf(vaultId),
    });

    const human = await cli(['--data-dir', dataDir, 'status']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`vault ${vaultId}`);
    expect(human.stdout).toContain('accounts 1');

    const login = await cli(['--data-dir', dataDir, 'login', ADMIN.username], { stdin: [ADMIN.password] });
    expect(login).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  it('refuses to init over an existing vault (7) and leaves every file as it was', async () => {
    const dataDir = path.join(root, 'fresh');
    const before = await fingerprint(dataDir);
    const again = await cli(['--data-dir', dataDir, 'init', '--admin', 'it.other'], { stdin: ['Other2026pass'] });
    expect(again.code).toBe(7);
    expect(oneErrorLine(again)).toMatch(/already exists/);
    expect(again.stdout).toBe('');
    expect(await fingerprint(dataDir)).toEqual(before);
  });

  it('needs --admin when stdin is not a terminal (2) and a password line (2)', async () => {
    const dataDir = path.join(root, 'no-admin');
    const noAdmin = await cli(['--data-dir', dataDir, 'init'], { stdin: [ADMIN.password] });
    expect(noAdmin.code).toBe(2);
    expect(oneErrorLine(noAdmin)).toMatch(/--admin/);
    const noPassword = await cli(['--data-dir', dataDir, 'init', '--admin', ADMIN.username], { stdin: [] });
    expect(noPassword.code).toBe(2);
    expect(oneErrorLine(noPassword)).toMatch(/stdin ended/);
    expect(existsSync(path.join(dataDir, 'vault.json'))).toBe(false);
  });

  it('rejects a weak password, a bad username, a missing parent and a non-empty folder (7)', async () => {
    const weak = await cli(['--data-dir', path.join(root, 'weak'), 'init', '--admin', ADMIN.username], {
      stdin: ['short'],
    });
    expect(weak.code).toBe(7);
    expect(oneErrorLine(weak)).toMatch(/policy/);
    expect(await readdir(root)).not.toContain('weak');

    const badName = await cli(['--data-dir', path.join(root, 'bad-name'), 'init', '--admin', 'a b'], {
      stdin: [ADMIN.password],
    });
    expect(badName.code).toBe(7);
    expect(oneErrorLine(badName)).toMatch(/invalid username/);

    const orphan = await cli(['--data-dir', path.join(root, 'missing', 'vault'), 'init', '--admin', ADMIN.username], {
      stdin: [ADMIN.password],
    });
    expect(orphan.code).toBe(7);
    expect(oneErrorLine(orphan)).toMatch(/cannot hold a new vault/);

    const busy = path.join(root, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'keep me');
    const notEmpty = await cli(['--data-dir', busy, 'init', '--admin', ADMIN.username], { stdin: [ADMIN.password] });
    expect(notEmpty.code).toBe(7);
    expect(oneErrorLine(notEmpty)).toMatch(/cannot hold a new vault/);
    expect(await readdir(busy)).toEqual(['notes.txt']);
  });
});

describe('strongroom seat id', () => {
  it("prints this machine's seat for the vault alone on its last line, without a password", async () => {
    const dataDir = path.join(root, 'fresh');
    const status = JSON.parse((await cli(['--data-dir', dataDir, 'status', '--json'])).stdout) as {
      vaultId: string;
      seatId: string;
    };
    const result = await cli(['--data-dir', dataDir, 'seat', 'id']);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: `${status.seatId}\n` });
    expect(status.seatId).toBe(seatOf(status.vaultId));
    expect(status.seatId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('needs an existing vault (7) and a data directory (2)', async () => {
    const none = await cli(['--data-dir', path.join(root, 'nothing-here'), 'seat', 'id']);
    expect(none.code).toBe(7);
    expect(oneErrorLine(none)).toMatch(/no vault/);
    const noDir = await cli(['seat', 'id']);
    expect(noDir.code).toBe(2);
    oneErrorLine(noDir);
  });
});

describe('strongroom status', () => {
  it('says there is no vault in an empty or missing directory', async () => {
    const json = await cli(['--data-dir', path.join(root, 'nothing-here'), 'status', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      initialized: false,
      vaultId: null,
      schemaVersion: null,
      accounts: null,
    });
    const human = await cli(['--data-dir', path.join(root, 'nothing-here'), 'status']);
    expect(human.stdout).toMatch(/^no vault in /);
  });

  it('needs a data directory (2)', async () => {
    const result = await cli(['status']);
    expect(result.code).toBe(2);
    expect(oneErrorLine(result)).toMatch(/--data-dir.*STRONGROOM_DATA_DIR/);
  });
});
