/**
 * Mapping templates IT adds in the vault: checked against the format, logged, and tried by the
 * next import (here a layout no shipped template knows); on both stores.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/audit/audit-service';
import { idCheckCharacter } from '../../../electron/core/cases/id-number';
import { login } from '../../../electron/core/session/unlock';
import { csv, TEST_HALVES, tempDirOf, zip } from '../../fixtures/delivery';
import { CS, importStation, QC } from '../../fixtures/import-station';
import { routed } from '../../fixtures/router';
import { ADMIN, vaultsPerTest } from '../../fixtures/vault';

const { vault, track } = vaultsPerTest();

const BANK_C = {
  name: 'bank-c-collections',
  label: { 'zh-CN': '丙银行催收格式', en: 'Bank C collections' },
  fields: {
    caseNo: ['客户编号'],
    name: ['客户名称'],
    idNumber: ['证件号'],
    amountAssigned: ['应还金额'],
    mobile: ['联系手机'],
  },
  required: ['caseNo', 'name', 'idNumber', 'amountAssigned'],
  formats: { amount: 'fen' },
};

describe('mapping templates IT adds', { timeout: 180_000 }, () => {
  it('are checked, logged, and used by the next import', async () => {
    const station = await importStation(await vault());
    const it = await login(station.dataDir, ADMIN.username, ADMIN.password, station.env);
    const asIt = routed(it);
    await expect(asIt('import.addTemplate', { body: '{"name": "x"' })).rejects.toMatchObject({
      key: 'import.template.invalid',
    });
    const missingHeader = { ...BANK_C, required: [...BANK_C.required, 'assignedOn'] };
    await expect(asIt('import.addTemplate', { body: JSON.stringify(missingHeader) })).rejects.toMatchObject({
      key: 'import.template.invalid',
    });
    await asIt('import.addTemplate', { body: JSON.stringify(BANK_C) });
    await expect(asIt('import.addTemplate', { body: JSON.stringify(BANK_C) })).rejects.toMatchObject({
      key: 'import.template.exists',
    });
    expect((await asIt('import.templates', {})).map((t) => [t.name, t.shipped])).toEqual([
      ['card-centre-20col', true],
      ['retail-loan-contacts', true],
      ['bank-c-collections', false],
    ]);
    const added = (await listAudit(it, { action: 'import.templateAdded', limit: 5 })).events;
    expect(added.map((e) => e.detail)).toEqual([{ template: 'bank-c-collections' }]);
    await it.logout();

    const first17 = '11010519800101001';
    const data = csv(
      [
        ['委案批次号', '客户编号', '客户名称', '证件号', '应还金额', '联系手机'],
        ['C-2026-12', 'C0001', '孙七', first17 + idCheckCharacter(first17), '1234567', '13900001111'],
      ],
      'utf-8',
    );
    const file = path.join(await tempDirOf(track), 'bank-c.zip');
    await writeFile(file, await zip([{ name: '丙银行/cases.csv', data }]));
    const call = routed(station.cs);
    const { ceremonyId } = await call('import.start', { path: file });
    await call('import.admit', { ceremonyId, slot: 'A', ...CS, half: TEST_HALVES[0] });
    await call('import.admit', { ceremonyId, slot: 'B', ...QC, half: TEST_HALVES[1] });
    // The template has no batch column: the batch is named after the archive.
    const report = await call('import.check', { ceremonyId, template: 'bank-c-collections' });
    expect(report).toMatchObject({
      template: 'bank-c-collections',
      accepted: 1,
      totalFen: 1_234_567,
      batchNo: 'bank-c',
    });
    expect(report.sources[0]!.unknownHeaders).toEqual(['委案批次号']);
    expect(await call('import.commit', { ceremonyId })).toMatchObject({ batchNo: 'bank-c', accepted: 1 });
  });
});
