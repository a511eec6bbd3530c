/**
 * case-workspace: the agent's workspace on a vault of 1,000,000 cases in 20 batches (embedded
 * store), through the router (the core, no IPC): an agent's first page of 50 of their 5,000
 * cases, an exact search by phone, a case page, and a lead bulk-assigning 10,000 cases. Each
 * against the same query on plaintext better-sqlite3 with the same tables and indexes, same run.
 * Targets: ≤ 30 ms, ≤ 30 ms, ≤ 50 ms, ≤ 3 s.
 *
 * The vault is filled directly by the import's CaseWriter (not through 20 ceremonies: that is
 * import-delivery's to measure). Only the agent's 5,000 cases are sealed for real; the other
 * 995,000 carry one fixed random blob in each sealed column (never opened here) with real masks
 * and real blind-index tokens, so every query reads what a real vault's would.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { addAccount } from '../../electron/core/accounts/account-admin';
import { BatchSeal } from '../../electron/core/cases/case-keys';
import { CaseWriter, loadFormOf } from '../../electron/core/cases/case-writer';
import { sealChunk, type NewCase } from '../../electron/core/cases/case-rows';
import { insertBatch } from '../../electron/core/cases/case-repository';
import { CASE_PII_COLUMNS } from '../../electron/core/cases/migrations/0011-cases';
import { TOKEN_COLUMNS } from '../../electron/core/cases/migrations/0014-token-columns';
import { idCheckCharacter } from '../../electron/core/cases/id-number';
import { bind } from '../../electron/core/seats/seat-admin';
import type { Session } from '../../electron/core/session/session';
import { login } from '../../electron/core/session/unlock';
import { rawSql, sql } from '../../electron/core/store/sql';
import type { VaultEnv } from '../../electron/core/vault/env';
import { ADMIN, testEnv } from '../fixtures/env';
import { routed } from '../fixtures/router';
import { freshFloor } from '../fixtures/floor-vault';
import { freshVault, median, note, sig, timed, withTempDir, type Bench, type BenchResult } from './common';
import { withCluster } from './floor-common';

const TOTAL = Number(process.env.WORKSPACE_BENCH_CASES ?? 1_000_000);
const BATCHES = 20;
const PER_BATCH = TOTAL / BATCHES;
const AGENT_CASES = 5_000;
const BULK = 10_000;
const RUNS = 30;
const PASSWORD = 'Initial9pass';

const caseNo = (i: number) => `BW${String(i).padStart(8, '0')}`;
const mobile = (i: number) => `13${String(100_000_000 + ((i * 7919) % 900_000_000)).slice(-9)}`;

function newCase(i: number): NewCase {
  const first17 = `4101221966${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  return {
    caseNo: caseNo(i),
    sourceRow: (i % PER_BATCH) + 2,
    pii: {
      name: `王${'伟芳娜秀英'[i % 5]}${'敏静丽强磊'[(i * 7) % 5]}`,
      id_number: first17 + idCheckCharacter(first17),
      card_number: `622588${String(i).padStart(10, '0')}`,
      mobile: mobile(i),
      employer: `宏图科技有限公司${i % 500}`,
      home_address: `河南省郑州市中牟县迎宾路${i % 200}号${i % 30}栋`,
      registered_address: '河南省郑州市中牟县',
    },
    gender: i % 2 ? 'M' : 'F',
    amountAssignedFen: 100_000 + ((i * 104_729) % 9_000_000),
    principalFen: 50_000 + (i % 8_000_000),
    daysOverdue: 30 + (i % 400),
    bucket: 'M4',
    assignedOn: '2026-11-01',
    returnOn: '2027-01-31',
    contacts: [
      {
        ordinal: 1,
        name: '李华',
        relation: '同事',
        phone: `15${String(100_000_000 + ((i * 31) % 900_000_000)).slice(-9)}`,
      },
    ],
  };
}

/** A seal that writes one fixed random blob: for the cases the benchmark never opens. */
function fixedSeal(): BatchSeal {
  const blob = randomBytes(48);
  return {
    seal: () => blob,
    sealMask: () => `m1:${blob.toString('base64url')}`,
    wipe: () => undefined,
  } as unknown as BatchSeal;
}

async function fill(session: Session): Promise<void> {
  const { vault } = session;
  for (let b = 0; b < BATCHES; b += 1) {
    await vault.db.transaction(async (tx) => {
      const keys = (await vault.openCaseKeys(tx, true))!;
      const ceremonyId = `00000000-0000-4000-8000-${String(b).padStart(12, '0')}`;
      const { key, wrapped } = keys.newBatchKey(ceremonyId);
      const id = await insertBatch(tx, {
        batchNo: `WA-BENCH-${b}`,
        template: 'bench',
        archiveSha256: String(b).padStart(64, '0'),
        ceremonyId,
        seatId: vault.seatId,
        custodianA: session.account.id,
        custodianB: session.account.id + 1,
        importedAt: vault.now(),
        caseCount: PER_BATCH,
        totalFen: 0,
        dataKey: wrapped,
      });
      const real = b === 0 ? AGENT_CASES : 0;
      for (const [from, to, seal] of [
        [0, real, new BatchSeal(key, vault.vaultId, id)],
        [real, PER_BATCH, fixedSeal()],
      ] as const) {
        if (from === to) continue;
        // In-process: the seal workers are import-delivery's to measure.
        const writer = await CaseWriter.start(tx, {
          seal: (lines) =>
            Promise.resolve(sealChunk(lines, id, seal, (field, value) => keys.token(field, value), loadFormOf(tx))),
        });
        for (let i = from; i < to; i += 1) {
          writer.add(newCase(b * PER_BATCH + i));
          if (writer.pending >= CaseWriter.CHUNK) await writer.flush();
        }
        await writer.finish();
      }
      keys.wipe();
    });
    note(`batch ${b + 1}/${BATCHES} written`);
  }
}

/** The same tables and indexes as plaintext better-sqlite3, with the same rows' stored values. */
function plainTwin(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  const pii = CASE_PII_COLUMNS.map((c) => `${c}_sealed BLOB, ${c}_mask TEXT`).join(', ');
  const tokened = Object.keys(TOKEN_COLUMNS);
  const tokens = tokened.map((c) => `${c}_token BLOB`).join(', ');
  const tokenIndexes = tokened
    .map((c) => `CREATE INDEX cases_${c}_token ON cases (${c}_token) WHERE ${c}_token IS NOT NULL;`)
    .join('\n');
  db.exec(`
    CREATE TABLE cases (id INTEGER PRIMARY KEY, batch_id INTEGER, case_no TEXT UNIQUE, source_row INTEGER, state TEXT,
      ${pii}, gender TEXT, amount_assigned_fen INTEGER, principal_fen INTEGER, days_overdue INTEGER, bucket TEXT,
      assigned_on TEXT, return_on TEXT, team_id INTEGER, assignee_id INTEGER, assigned_at INTEGER,
      last_contact_at INTEGER, next_action_at INTEGER, first_contact_hours INTEGER, ${tokens});
    CREATE INDEX cases_batch ON cases (batch_id);
    ${tokenIndexes}
    CREATE INDEX cases_assignee ON cases (assignee_id, days_overdue);
    CREATE INDEX cases_team ON cases (team_id, assignee_id);
    CREATE TABLE case_contacts (case_id INTEGER, ordinal INTEGER, name_sealed BLOB, name_mask TEXT, relation TEXT,
      phone_sealed BLOB, phone_mask TEXT, phone_token BLOB, PRIMARY KEY (case_id, ordinal));
    CREATE INDEX case_contacts_phone_token ON case_contacts (phone_token) WHERE phone_token IS NOT NULL;
    CREATE TABLE case_assignments (id INTEGER PRIMARY KEY, case_id INTEGER, team_id INTEGER, assignee_id INTEGER,
      assigned_by INTEGER, assigned_at INTEGER);`);
  return db;
}

function copyToTwin(twin: ReturnType<typeof plainTwin>, rows: Record<string, unknown>[], table: string): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const insert = twin.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  twin.transaction(() => rows.forEach((r) => insert.run(...columns.map((c) => r[c] as never))))();
}

async function timesOf(run: () => Promise<unknown>, n = RUNS): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) ms.push((await timed(run)).seconds * 1000);
  return median(ms);
}

/** The benchmark on a vault made by `where`: its data dir, IT's session, and how to skip one-time passwords. */
async function measure(
  store: 'embedded' | 'floor',
  dir: string,
  where: { dataDir: string; it: Session; env: VaultEnv; pastOneTime: () => Promise<void> },
): Promise<BenchResult> {
  // The agent's cases are the first batch's first AGENT_CASES, sealed for real: a batch must hold them.
  if (PER_BATCH < AGENT_CASES) throw new Error(`WORKSPACE_BENCH_CASES must be at least ${BATCHES * AGENT_CASES}`);
  const { dataDir, it, env } = where;
  for (const [username, role] of [
    ['bw.director', 'director'],
    ['bw.lead', 'team_lead'],
    ['bw.agent', 'agent_phone'],
    ['bw.agent2', 'agent_phone'],
  ] as const) {
    await addAccount(it, { username, role, password: PASSWORD });
    await bind(it, username, it.vault.seatId);
  }
  await where.pastOneTime();
  const as = async (username: string) => {
    const session = await login(dataDir, username, PASSWORD, env);
    return { session, call: routed(session) };
  };
  const director = await as('bw.director');
  const itCall = routed(it);
  await itCall('team.create', { name: 'Bench team' });
  await itCall('team.addMember', { team: 'Bench team', username: 'bw.lead', lead: true });
  for (const username of ['bw.agent', 'bw.agent2']) await itCall('team.addMember', { team: 'Bench team', username });

  const { seconds: filled } = await timed(() => fill(it));
  note(`${TOTAL} cases in ${BATCHES} batches written in ${filled.toFixed(0)} s`);
  await director.call('case.assign', {
    caseNos: Array.from({ length: AGENT_CASES }, (_, i) => caseNo(i)),
    to: ['bw.agent'],
  });

  // The plaintext twin: the same stored rows, read back from the vault in pages.
  const twin = plainTwin(path.join(dir, 'plain.db'));
  const top = Number((await it.vault.db.get<{ n: number | string }>(sql`SELECT max(id) AS n FROM cases`))!.n);
  for (let lo = 0; lo < top; lo += 5000)
    for (const [table, key] of [
      ['cases', 'id'],
      ['case_contacts', 'case_id'],
    ] as const) {
      const rows = await it.vault.db.all<Record<string, unknown>>(
        sql`SELECT * FROM ${rawSql(table)} WHERE ${rawSql(key)} > ${lo} AND ${rawSql(key)} <= ${lo + 5000}`,
      );
      copyToTwin(twin, rows, table);
    }
  note('plaintext twin written');

  const agent = await as('bw.agent');
  const agentId = agent.session.account.id;
  const ownCase = caseNo(1234);
  const phone = mobile(1234);
  const firstPage = await timesOf(() => agent.call('case.list', { filter: { view: 'mine' }, limit: 50 }));
  const search = await timesOf(() => agent.call('case.list', { filter: { search: { kind: 'phone', text: phone } } }));
  const page = await timesOf(() => agent.call('case.get', { caseNo: ownCase }));
  const lead = await as('bw.lead');
  const bulk = Array.from({ length: BULK }, (_, i) => caseNo(PER_BATCH + i));
  const { seconds: assignSeconds } = await timed(() => lead.call('case.assign', { caseNos: bulk, to: ['bw.agent2'] }));

  // The same queries on the plaintext twin.
  const tokenRow = twin.prepare('SELECT mobile_token AS token FROM cases WHERE case_no = ?').get(ownCase) as {
    token: Buffer;
  };
  const listPlain = twin.prepare(
    'SELECT * FROM cases c WHERE c.assignee_id = ? ORDER BY (c.days_overdue IS NULL), c.days_overdue DESC, c.id LIMIT 50',
  );
  const countPlain = twin.prepare('SELECT count(*) AS n FROM cases c WHERE c.assignee_id = ?');
  const searchPlain = twin.prepare(
    `SELECT * FROM cases c WHERE c.assignee_id = @agent AND (c.mobile_token = @token OR c.home_phone_token = @token
       OR c.id IN (SELECT k.case_id FROM case_contacts k WHERE k.phone_token = @token))`,
  );
  const pagePlain = twin.prepare('SELECT * FROM cases WHERE case_no = ?');
  const contactsPlain = twin.prepare('SELECT * FROM case_contacts WHERE case_id = ?');
  const firstPagePlain = await timesOf(() => {
    countPlain.get(agentId);
    return Promise.resolve(listPlain.all(agentId));
  });
  const searchPlainMs = await timesOf(() =>
    Promise.resolve(searchPlain.all({ agent: agentId, token: tokenRow.token })),
  );
  const pagePlainMs = await timesOf(() => {
    const row = pagePlain.get(ownCase) as { id: number };
    return Promise.resolve(contactsPlain.all(row.id));
  });
  const ids = (
    twin.prepare(`SELECT id FROM cases WHERE case_no IN (${bulk.map(() => '?').join(',')})`).all(...bulk) as {
      id: number;
    }[]
  ).map((r) => r.id);
  const { seconds: assignPlain } = await timed(() =>
    twin.transaction(() => {
      const history = twin.prepare(
        'INSERT INTO case_assignments (case_id, team_id, assignee_id, assigned_by, assigned_at) VALUES (?, 1, 9, 8, 0)',
      );
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        twin
          .prepare(
            `UPDATE cases SET team_id = 1, assignee_id = 9, assigned_at = 0 WHERE id IN (${chunk.map(() => '?').join(',')})`,
          )
          .run(...chunk);
        for (const id of chunk) history.run(id);
      }
    })(),
  );
  twin.close();
  note(
    `first page ${firstPage.toFixed(1)} ms (plain ${firstPagePlain.toFixed(2)}), search ${search.toFixed(1)} ms (plain ${searchPlainMs.toFixed(2)}), case page ${page.toFixed(1)} ms (plain ${pagePlainMs.toFixed(2)}), bulk assign ${assignSeconds.toFixed(2)} s (plain ${assignPlain.toFixed(3)})`,
  );
  for (const s of [agent.session, lead.session, director.session, it]) await s.logout();
  return {
    name: store === 'embedded' ? 'case-workspace' : 'floor-case-workspace',
    value: sig(firstPage, 3),
    unit: "ms, median of 30: an agent's first page of 50 (of 5,000 assigned)",
    baseline: 'plaintext better-sqlite3, same tables, indexes and rows, same queries',
    baseline_value: sig(firstPagePlain, 3),
    ratio: sig(firstPage / firstPagePlain, 3),
    n: TOTAL,
    search_phone_ms: sig(search, 3),
    search_phone_baseline_ms: sig(searchPlainMs, 3),
    search_phone_ratio: sig(search / searchPlainMs, 3),
    case_page_ms: sig(page, 3),
    case_page_baseline_ms: sig(pagePlainMs, 3),
    case_page_ratio: sig(page / pagePlainMs, 3),
    bulk_assign_10000_s: sig(assignSeconds, 3),
    bulk_assign_baseline_s: sig(assignPlain, 3),
    bulk_assign_ratio: sig(assignSeconds / assignPlain, 3),
    fill_seconds: sig(filled, 3),
    store,
    target: 'first page ≤ 30 ms, search ≤ 30 ms, case page ≤ 50 ms, 10,000 assigned ≤ 3 s',
  };
}

export const caseWorkspaceBench: Bench = {
  name: 'case-workspace',
  run: () =>
    withTempDir(async (dir) => {
      const { dataDir, session, env } = await freshVault(dir);
      return measure('embedded', dir, {
        dataDir,
        it: session,
        env,
        pastOneTime: () => session.vault.db.exec('UPDATE accounts SET must_change_password = 0'),
      });
    }),
};

export const floorCaseWorkspaceBench: Bench = {
  name: 'floor-case-workspace',
  run: () =>
    withCluster('bench-workspace', (cluster) =>
      withTempDir(async (dir) => {
        const env = testEnv();
        const floor = await freshFloor(cluster, env);
        try {
          const it = await login(floor.dataDir, ADMIN.username, ADMIN.password, env);
          return await measure('floor', dir, {
            dataDir: floor.dataDir,
            it,
            env,
            // As the floor's owner (the DBA), which the benchmark stands in for.
            pastOneTime: () =>
              cluster
                .query(floor.database, 'UPDATE strongroom.accounts SET must_change_password = 0')
                .then(() => undefined),
          });
        } finally {
          await floor.cleanup();
        }
      }),
    ),
};
