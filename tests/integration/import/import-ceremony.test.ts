/**
 * The import ceremony through the router, on both stores: the samples import end to end, every
 * refusal ends the ceremony with its reason logged and nothing imported, and the PII lands
 * sealed with masks and blind-index tokens (docs/import-ceremony.md).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../../electron/core/audit/audit-service';
import { openCaseField, openCaseMask } from '../../../electron/core/cases/case-reader';
import { memoryDataDirStore, Workstation } from '../../../electron/core/api/workstation';
import { CJK_FONT } from '../../../electron/core/ledger/font';
import { rawSql, sql } from '../../../electron/core/store/sql';
import { ImportCeremony } from '../../../electron/core/import/import-ceremony';
import { sealWorkerScript } from '../../../electron/core/cases/seal-pool';
import type { Session } from '../../../electron/core/session/session';
import { login } from '../../../electron/core/session/unlock';
import { routed, type Call } from '../../fixtures/router';
import { CS, CS2, importStation, QC } from '../../fixtures/import-station';
import { SAMPLE_HALVES, sample, tempDirOf } from '../../fixtures/delivery';
import { vaultsPerTest } from '../../fixtures/vault';

const { vault, track } = vaultsPerTest();
const SLOW = { timeout: 180_000 };

async function archiveFile(kind: 'csv' | 'xlsx'): Promise<string> {
  const dir = await tempDirOf(track);
  const file = path.join(dir, `WA20261101-07_${kind}.zip`);
  await writeFile(file, await sample(kind));
  return file;
}

async function ceremonyUpToCheck(call: Call, file: string, halves: readonly [string, string] = SAMPLE_HALVES) {
  const { ceremonyId, archive } = await call('import.start', { path: file });
  await call('import.admit', { ceremonyId, slot: 'A', ...CS, half: halves[0] });
  await call('import.admit', { ceremonyId, slot: 'B', ...QC, half: halves[1] });
  return { ceremonyId, archive };
}

describe('the import ceremony', SLOW, () => {
  it.each(['csv', 'xlsx'] as const)('imports the %s sample: 200 cases, sealed, with its transcript', async (kind) => {
    const station = await importStation(await vault());
    const call = routed(station.cs);
    const file = await archiveFile(kind);
    const { ceremonyId, archive } = await ceremonyUpToCheck(call, file);
    expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
    const report = await call('import.check', { ceremonyId });
    expect(report).toMatchObject({
      batchNo: 'WA20261101-07',
      accepted: 200,
      totalFen: 1_272_974_215,
      encryption: 'aes',
    });
    const result = await call('import.commit', { ceremonyId });
    expect(result).toMatchObject({ batchNo: 'WA20261101-07', accepted: 200, archiveSha256: archive.sha256 });

    const qc = await login(station.dataDir, QC.username, QC.password, station.env);
    expect(await routed(qc)('case.count', {})).toEqual({ count: 200 });
    expect(await routed(qc)('case.count', { batchId: result.batchId })).toEqual({ count: 200 });
    // The cs custodian has no view of all cases: 0 until cases are assigned (the workspace).
    expect(await call('case.count', {})).toEqual({ count: 0 });

    // Stored sealed, with masks; the sample's first case opens with the batch's key.
    const db = qc.vault.db;
    const row = await db.get<{
      name_mask: string;
      id_number_mask: string;
      mobile_mask: string;
      home_address_mask: string;
    }>(sql`SELECT name_mask, id_number_mask, mobile_mask, home_address_mask FROM cases WHERE case_no = 'ZX00881000'`);
    expect(row).toEqual({
      name_mask: '冯*',
      id_number_mask: '4**************547',
      mobile_mask: '178****0669',
      // An address's mask is sealed too: its district can be a whole registered address.
      home_address_mask: expect.stringMatching(/^m1:[A-Za-z0-9_-]+$/),
    });
    expect(await openCaseMask(qc.vault, db, 'ZX00881000', 'home_address')).toBe('河南省郑州市中牟县***');
    expect(await openCaseMask(qc.vault, db, 'ZX00881000', 'registered_address')).toBe('河南省郑州市***');
    expect(await openCaseField(qc.vault, db, 'ZX00881000', 'name')).toBe('冯华');
    expect(await openCaseField(qc.vault, db, 'ZX00881000', 'id_number')).toBe('410122196611017547');
    // Every name, ID, card and phone (the debtor's and the contacts') has its token beside it.
    const tokens = await db.get<Record<string, number | string>>(
      sql`SELECT count(name_token) AS name, count(id_number_token) AS id, count(card_number_token) AS card,
                 count(mobile_token) AS mobile, count(home_phone_token) AS home_phone,
                 (SELECT count(phone_token) FROM case_contacts) AS contact_phone,
                 (SELECT count(phone_sealed) FROM case_contacts) AS contact_phones
            FROM cases`,
    );
    expect(Object.fromEntries(Object.entries(tokens!).map(([k, v]) => [k, Number(v)]))).toEqual({
      name: 200,
      id: 200,
      card: 200,
      mobile: 200,
      home_phone: 0,
      contact_phone: 200,
      contact_phones: 200,
    });

    // The transcript is in the log, by custodian B, and the log verifies.
    const ended = (await listAudit(qc, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      actor: QC.username,
      object: ceremonyId,
      outcome: 'ok',
      detail: {
        kind: 'import',
        outcome: 'committed',
        custodianA: CS.username,
        custodianB: QC.username,
        archiveSha256: archive.sha256,
        accepted: 200,
        rejected: 0,
        template: 'card-centre-20col',
        reconciled: true,
      },
    });
    const custodians = (await listAudit(qc, { action: 'ceremony.custodian', limit: 5 })).events;
    expect(custodians.map((e) => [e.actor, e.outcome])).toEqual(
      expect.arrayContaining([
        [CS.username, 'ok'],
        [QC.username, 'ok'],
      ]),
    );
    expect(await verifyAudit(qc)).toMatchObject({ intact: true });

    // The certificate, then the source archive destroyed (and logged).
    const pdf = await call('import.certificate', { ceremonyId });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await call('import.destroySource', { ceremonyId });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await listAudit(qc, { action: 'import.sourceDestroyed', limit: 5 })).events).toHaveLength(1);
    await qc.logout();
  });

  it('refuses the same archive twice, naming the first ceremony', async () => {
    const station = await importStation(await vault());
    const call = routed(station.cs);
    const file = await archiveFile('csv');
    const first = await ceremonyUpToCheck(call, file);
    await call('import.check', { ceremonyId: first.ceremonyId });
    const { batchNo } = await call('import.commit', { ceremonyId: first.ceremonyId });
    await expect(call('import.start', { path: file })).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'import.alreadyImported',
      params: { batchNo, ceremony: first.ceremonyId },
    });
    const ended = (await listAudit(station.cs, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended.map((e) => [e.outcome, e.detail.reason ?? null])).toEqual([
      ['denied', 'import.alreadyImported'],
      ['ok', null],
    ]);
  });

  it('a wrong half ends the ceremony with "archive password incorrect", logged, nothing imported', async () => {
    const station = await importStation(await vault());
    const call = routed(station.cs);
    const { ceremonyId } = await ceremonyUpToCheck(call, await archiveFile('csv'), [SAMPLE_HALVES[0], 'x9Tr#4Wx']);
    await expect(call('import.check', { ceremonyId })).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'import.archive.wrongPassword',
    });
    await expect(call('import.commit', { ceremonyId })).rejects.toMatchObject({ key: 'ceremony.ended' });
    const ended = (await listAudit(station.cs, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended.map((e) => [e.outcome, e.detail.outcome, e.detail.reason])).toEqual([
      ['denied', 'refused', 'import.archive.wrongPassword'],
    ]);
    expect(await station.cs.vault.db.get(sql`SELECT count(*) AS n FROM cases`)).toMatchObject({ n: expect.anything() });
    expect(Number((await station.cs.vault.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases`))!.n)).toBe(0);
  });

  it('admits only the right roles, never one account twice, and counts wrong passwords', async () => {
    const station = await importStation(await vault());
    const call = routed(station.cs);
    const { ceremonyId } = await call('import.start', { path: await archiveFile('csv') });
    // B before A; A with a qc account; then the right A.
    await expect(call('import.admit', { ceremonyId, slot: 'B', ...QC, half: 'h' })).rejects.toMatchObject({
      key: 'ceremony.aFirst',
    });
    await expect(call('import.admit', { ceremonyId, slot: 'A', ...QC, half: 'h' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      key: 'ceremony.custodianRole',
    });
    await call('import.admit', { ceremonyId, slot: 'A', ...CS, half: SAMPLE_HALVES[0] });
    // The same account in place B: refused whatever its roles; another cs is the wrong role for B.
    await expect(call('import.admit', { ceremonyId, slot: 'B', ...CS, half: 'h' })).rejects.toMatchObject({
      key: 'ceremony.sameCustodian',
    });
    await expect(call('import.admit', { ceremonyId, slot: 'B', ...CS2, half: 'h' })).rejects.toMatchObject({
      key: 'ceremony.custodianRole',
    });
    await expect(
      call('import.admit', { ceremonyId, slot: 'B', username: QC.username, password: 'Wrong1pass', half: 'h' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED', key: 'ceremony.custodianWrongPassword' });
    // The ceremony is still open: the right password goes through.
    await call('import.admit', { ceremonyId, slot: 'B', ...QC, half: SAMPLE_HALVES[1] });
    expect(await call('import.check', { ceremonyId })).toMatchObject({ accepted: 200 });
    const refusals = (await listAudit(station.cs, { action: 'ceremony.custodian', limit: 20 })).events
      .map((e) => [e.outcome, e.detail.slot, e.detail.reason ?? null, e.detail.failures ?? null])
      .reverse();
    expect(refusals).toEqual([
      ['denied', 'A', 'role', null],
      ['ok', 'A', null, null],
      ['denied', 'B', 'sameAccount', null],
      ['denied', 'B', 'role', null],
      // Counted towards the qc account's lockout, as a failed sign-in is.
      ['failed', 'B', 'credentials', 1],
      ['ok', 'B', null, null],
    ]);
  });

  it('a case number committed by another ceremony since the check refuses the commit; nothing overwritten', async () => {
    const station = await importStation(await vault());
    const call = routed(station.cs);
    // The two samples: two archives, one batch's case numbers.
    const first = await ceremonyUpToCheck(call, await archiveFile('csv'));
    const second = await ceremonyUpToCheck(call, await archiveFile('xlsx'));
    await call('import.check', { ceremonyId: first.ceremonyId });
    expect(await call('import.check', { ceremonyId: second.ceremonyId })).toMatchObject({ accepted: 200 });
    await call('import.commit', { ceremonyId: first.ceremonyId });
    await expect(call('import.commit', { ceremonyId: second.ceremonyId })).rejects.toMatchObject({
      code: 'INPUT_REJECTED',
      key: 'import.vaultChanged',
    });
    const db = station.cs.vault.db;
    expect(Number((await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases`))!.n)).toBe(200);
    expect(Number((await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM batches`))!.n)).toBe(1);
  });

  it('refuses on a seat that is not the import station', async () => {
    const station = await importStation(await vault(), false);
    await expect(routed(station.cs)('import.start', { path: await archiveFile('csv') })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      key: 'import.notImportStation',
    });
    const ended = (await listAudit(station.cs, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended.map((e) => [e.outcome, e.detail.outcome, e.detail.reason])).toEqual([
      ['denied', 'refused', 'import.notImportStation'],
    ]);
  });

  it('a lock during the commit cancels it: keys wiped first, nothing imported, the transcript says so', async () => {
    const station = await importStation(await vault());
    // The seat locks the moment the commit reports its first progress: mid-transaction.
    let locking = null as Promise<void> | null;
    const call = routed(station.cs, (event, payload) => {
      if (event === 'import.progress' && (payload as { phase: string }).phase === 'committing')
        locking ??= station.cs.end('locked');
    });
    const { ceremonyId } = await ceremonyUpToCheck(call, await archiveFile('csv'));
    await call('import.check', { ceremonyId });
    await expect(call('import.commit', { ceremonyId })).rejects.toMatchObject({ key: 'ceremony.cancelled' });
    expect(locking).not.toBeNull();
    await locking;
    const again = await login(station.dataDir, QC.username, QC.password, station.env);
    expect(Number((await again.vault.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases`))!.n)).toBe(0);
    expect(Number((await again.vault.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM batches`))!.n)).toBe(0);
    const ended = (await listAudit(again, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended.map((e) => [e.detail.outcome, e.detail.reason])).toEqual([['cancelled', 'ceremony.cancelled']]);
    expect(await verifyAudit(again)).toMatchObject({ intact: true });
    await again.logout();
  });
});

describe('an archive changed between the check and the commit', SLOW, () => {
  const REPO = path.resolve(__dirname, '../../..');
  const count = async (cs: Session, table: 'cases' | 'batches'): Promise<number> =>
    Number((await cs.vault.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${rawSql(table)}`))!.n);

  it.each([
    ['a byte flipped inside it', (b: Buffer) => ((b[b.length >> 1]! ^= 0xff), b), 'import.archive.damaged'],
    ['bytes added at its end', (b: Buffer) => Buffer.concat([b, Buffer.from('tail')]), 'import.sourceChanged'],
  ] as const)('%s: refused, nothing imported', async (_, change, key) => {
    const station = await importStation(await vault());
    const file = await archiveFile('csv');
    const ceremony = await ImportCeremony.start(station.cs, file);
    await ceremony.admit('A', CS.username, CS.password, SAMPLE_HALVES[0]);
    await ceremony.admit('B', QC.username, QC.password, SAMPLE_HALVES[1]);
    expect(await ceremony.check()).toMatchObject({ accepted: 200 });
    await writeFile(file, change(await readFile(file)));
    await expect(ceremony.commit({ sealWorker: sealWorkerScript(REPO) })).rejects.toMatchObject({ key });
    expect(await count(station.cs, 'cases')).toBe(0);
    expect(await count(station.cs, 'batches')).toBe(0);
    const ended = (await listAudit(station.cs, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended.map((e) => [e.detail.outcome, e.detail.reason])).toEqual([['refused', key]]);
  });
});

describe('an idle ceremony', SLOW, () => {
  it('is abandoned past the lock delay: secrets gone, nothing imported, the transcript says so', async () => {
    const station = await importStation(await vault());
    const call = routed(station.cs);
    const { ceremonyId } = await ceremonyUpToCheck(call, await archiveFile('csv'));
    // The seat's idle check runs with the ceremony idle longer than policy.lockSeconds.
    const ws = new Workstation(memoryDataDirStore(station.dataDir), station.env, {
      fontPath: CJK_FONT,
      monotonic: () => station.env.monotonic(),
    });
    ws.begin(station.cs);
    station.env.clock.advance((station.cs.vault.policy.lockSeconds + 1) * 1000);
    // Someone is at the keyboard (the seat itself is not idle); only the ceremony is.
    ws.touch();
    await ws.checkIdle();
    await expect(call('import.check', { ceremonyId })).rejects.toMatchObject({ key: 'ceremony.abandoned' });
    const ended = (await listAudit(station.cs, { action: 'ceremony.ended', limit: 5 })).events;
    expect(ended.map((e) => [e.outcome, e.detail.outcome, e.detail.reason])).toEqual([
      ['failed', 'abandoned', 'ceremony.abandoned'],
    ]);
  });
});
