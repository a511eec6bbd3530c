/**
 * floor-pii-check: what a DBA can read. A corpus of PII-like values is seeded through the app as
 * it exists now — accounts with Chinese usernames and display names (IT adds them, agents sign
 * in from their seats), IT's free-text reasons quoting a customer's name, mobile and ID number,
 * a sign-in attempt for a name that has no account — then the floor's database is dumped as the
 * superuser (pg_dump) and the cluster's files (base/, pg_wal/) and server log are searched for
 * every corpus value, raw and normalised (lower case, NFKC). The target is zero: names and
 * typed text reach the server only sealed (docs/field-seal.md). Statement logging is switched on
 * for the whole run, as a superuser could, so the server log holds every statement and its
 * parameters. Passwords are searched for too, as a control that must stay at zero.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { closeAccount, resetPassword } from '../../electron/core/accounts/account-admin';
import { login } from '../../electron/core/session/unlock';
import { testEnv } from '../fixtures/env';
import { runPg } from '../fixtures/pg-process';
import { note, sig, type Bench } from './common';
import { floorWithAgents, withCluster } from './floor-common';

/** Usernames as typed (the app stores them NFKC + lower case) with the display names typed beside them. */
const PEOPLE: readonly { username: string; displayName: string }[] = [
  { username: '张伟', displayName: '张伟（催收一组）' },
  { username: '王秀英', displayName: '王秀英' },
  { username: '李娜.cs', displayName: '李娜' },
  { username: 'Liu.Yang', displayName: '刘洋 Liu Yang' },
  { username: 'ＣＨＥＮ．Ｊｉｎｇ', displayName: '陈静 ＣＨＥＮ Ｊｉｎｇ' },
  { username: '杨磊', displayName: '杨磊（组长）' },
  { username: 'Huang.Min', displayName: '黄敏' },
  { username: '赵军_2', displayName: '赵军' },
  { username: '周杰', displayName: '周杰（质检）' },
  { username: '吴霞', displayName: '吴霞 Wu Xia' },
];

/** What a customer's call left in IT's reasons: the name stays, the numbers are masked (shared/masking.ts). */
const CUSTOMER = { name: '孙丽华', mobile: '13812345678', idNumber: '110101199003074578' };
/** A name only ever tried at sign-in (no account): the server sees its HMAC lookup, never the name. */
const STRANGER = '钱多多';

type Kind = 'username' | 'displayName' | 'customerName' | 'customerNumber' | 'signInOnly' | 'password' | 'control';

/** Stored in the clear on purpose (an action name): every place must find it, or the search is blind there. */
const CONTROL = 'account.closed';

interface CorpusValue {
  kind: Kind;
  value: string;
}

const isPii = (c: CorpusValue): boolean => c.kind !== 'password' && c.kind !== 'control';

/** The byte strings searched for one value: raw, lower case, NFKC, NFKC lower case (UTF-8, deduplicated). */
function formsOf(value: string): Buffer[] {
  const forms = new Set([value, value.toLowerCase(), value.normalize('NFKC'), value.normalize('NFKC').toLowerCase()]);
  return [...forms].map((f) => Buffer.from(f, 'utf8'));
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** For each corpus value: found in any of these blobs (any form)? */
function search(corpus: readonly CorpusValue[], blobs: readonly Buffer[]): boolean[] {
  const needles = corpus.map((c) => formsOf(c.value));
  return needles.map((forms) => blobs.some((blob) => forms.some((f) => blob.includes(f))));
}

/** The dump's COPY blocks by table: which tables hold the values found. */
function dumpTables(dump: string): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  for (const m of dump.matchAll(/^COPY ([\w.]+) \([^)]*\) FROM stdin;\n([\s\S]*?)^\\\.$/gm))
    tables.set(m[1]!, Buffer.from(m[2]!, 'utf8'));
  return tables;
}

async function readAll(files: readonly string[]): Promise<{ blobs: Buffer[]; bytes: number }> {
  const blobs: Buffer[] = [];
  let bytes = 0;
  for (const f of files) {
    const b = await readFile(f).catch(() => null); // a WAL segment recycled under us
    if (!b) continue;
    blobs.push(b);
    bytes += b.length;
  }
  return { blobs, bytes };
}

export const floorPiiCheckBench: Bench = {
  name: 'floor-pii-check',
  run: () =>
    withCluster('bench-pii', async (cluster) => {
      // What a curious superuser would switch on: every statement, with its parameters.
      await cluster.query('postgres', "ALTER SYSTEM SET log_statement = 'all'");
      await cluster.query('postgres', 'SELECT pg_reload_conf()');
      const started = process.hrtime.bigint();
      const { floor, it, agents } = await floorWithAgents(cluster, PEOPLE.length, (i) => PEOPLE[i]!);
      const corpus: CorpusValue[] = [];
      try {
        for (const p of PEOPLE) corpus.push({ kind: 'username', value: p.username });
        for (const p of PEOPLE) corpus.push({ kind: 'displayName', value: p.displayName });
        corpus.push({ kind: 'customerName', value: CUSTOMER.name });
        corpus.push({ kind: 'customerNumber', value: CUSTOMER.mobile });
        corpus.push({ kind: 'customerNumber', value: CUSTOMER.idNumber });
        corpus.push({ kind: 'signInOnly', value: STRANGER });

        // IT's work with reasons quoting the customer (the only free text the app stores today).
        const reason = `客户${CUSTOMER.name}来电（${CUSTOMER.mobile}，身份证${CUSTOMER.idNumber}）冒充坐席，重置密码`;
        const oneTime = await resetPassword(it, PEOPLE[1]!.username, reason);
        await closeAccount(it, PEOPLE[9]!.username, `离职；交接给${CUSTOMER.name}的案件已转组`);
        // Agents sign in from their own seats (login.ok events name them), one of them after a wrong try.
        for (const [i, a] of agents.entries()) {
          if (i === 9) continue; // closed
          const env = testEnv(undefined, a.machineId);
          const password = i === 1 ? oneTime : a.password;
          if (i === 2) await login(a.dataDir, a.username, 'not-the-password-1', env).catch(() => undefined);
          const s = await login(a.dataDir, a.username, password, env);
          await s.logout();
        }
        // A name with no account, tried at a seat: only its HMAC lookup should reach the server.
        await login(agents[0]!.dataDir, STRANGER, 'Guess2026guess', testEnv(undefined, agents[0]!.machineId)).catch(
          () => undefined,
        );
        for (const a of agents) corpus.push({ kind: 'password', value: a.password });
        corpus.push({ kind: 'password', value: oneTime });
        corpus.push({ kind: 'control', value: CONTROL });
        await it.vault.settleLog();
        await it.logout();
        await cluster.query('postgres', 'CHECKPOINT');
        note(`seeded ${corpus.length} values in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);

        // The places a DBA can read.
        const dump = await runPg(
          'pg_dump',
          ['-h', cluster.socketDir, '-p', String(cluster.port), '-U', 'postgres', '--no-password', floor.database],
          path.dirname(cluster.dataDir),
        );
        const base = await readAll(await filesUnder(path.join(cluster.dataDir, 'base')));
        const wal = await readAll(await filesUnder(path.join(cluster.dataDir, 'pg_wal')));
        const logFile = path.join(path.dirname(cluster.dataDir), 'server.log');
        const log = (await stat(logFile).catch(() => null)) ? await readFile(logFile) : Buffer.alloc(0);
        note(
          `pg_dump ${Buffer.byteLength(dump)} bytes, base/ ${base.bytes} bytes, pg_wal/ ${wal.bytes} bytes, server log ${log.length} bytes`,
        );
        const places = {
          pg_dump: search(corpus, [Buffer.from(dump, 'utf8')]),
          base: search(corpus, base.blobs),
          pg_wal: search(corpus, wal.blobs),
          server_log: search(corpus, [log]),
        };
        const tables = Object.fromEntries(
          [...dumpTables(dump)]
            .map(
              ([table, blob]) =>
                [table, search(corpus, [blob]).filter((h, i) => h && isPii(corpus[i]!)).length] as const,
            )
            .filter(([, n]) => n > 0),
        );
        note(`tables in the dump holding corpus values: ${JSON.stringify(tables)}`);
        const anywhere = corpus.map((_, i) => Object.values(places).some((hits) => hits[i]));
        const count = (hits: boolean[], pick: (c: CorpusValue) => boolean) =>
          hits.filter((h, i) => h && pick(corpus[i]!)).length;
        const pii = isPii;
        const kinds: Kind[] = ['username', 'displayName', 'customerName', 'customerNumber', 'signInOnly', 'password'];
        const byKind = Object.fromEntries(
          kinds.map((k) => [k, `${count(anywhere, (c) => c.kind === k)}/${corpus.filter((c) => c.kind === k).length}`]),
        );
        const piiTotal = corpus.filter(pii).length;
        const found = count(anywhere, pii);
        for (const [place, hits] of Object.entries(places)) note(`${place}: ${count(hits, pii)} of ${piiTotal}`);
        note(`found anywhere, by kind: ${JSON.stringify(byKind)}`);
        return {
          name: 'floor-pii-check',
          value: found,
          unit: 'corpus values found',
          baseline: 'PII-like corpus values seeded through the app (raw, lower-case and NFKC forms searched)',
          baseline_value: piiTotal,
          ratio: sig(found / piiTotal, 3),
          n: piiTotal,
          found_in: Object.fromEntries(Object.entries(places).map(([p, hits]) => [p, count(hits, pii)])),
          found_by_kind: byKind,
          dump_tables: tables,
          passwords_found: count(anywhere, (c) => c.kind === 'password'),
          control_found_in: Object.fromEntries(
            Object.entries(places).map(([p, hits]) => [p, count(hits, (c) => c.kind === 'control') === 1]),
          ),
          fsync: 'off',
          log_statement: 'all',
          target: '0',
        };
      } finally {
        await it.logout().catch(() => undefined);
        await floor.cleanup().catch(() => undefined);
      }
    }),
};
