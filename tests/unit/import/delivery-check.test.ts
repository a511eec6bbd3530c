/**
 * The check pass over whole deliveries: the samples reconcile, templates are found (or the
 * custodians told which columns are missing), and every row decision is reported, masked.
 */
import { describe, expect, it } from 'vitest';
import { openDelivery } from '../../../electron/core/import/delivery-archive';
import { checkDelivery, type VaultLookup } from '../../../electron/core/import/delivery-check';
import { SHIPPED_TEMPLATES } from '../../../electron/core/import/mapping-template';
import { idCheckCharacter } from '../../../electron/core/cases/id-number';
import { csv, inMemory, PASSWORD, SAMPLE_HALVES, sample, zip } from '../../fixtures/delivery';
import { buildXlsx } from '../../fixtures/xlsx';

const today = new Date(Date.UTC(2026, 11, 2));
const nothingHeld: VaultLookup = () => Promise.resolve(new Map<string, string>());

async function check(bytes: Uint8Array, password = PASSWORD, inVault = nothingHeld, named?: string) {
  const archive = await openDelivery(inMemory(bytes), password);
  return checkDelivery(archive, { templates: SHIPPED_TEMPLATES, today, inVault, named });
}

const HEADER = ['委案批次号', '案件编号', '客户姓名', '身份证号', '委案金额', '委案日期', '手机号'];
const id = (first17: string): string => first17 + idCheckCharacter(first17);
const ID1 = id('11010519800101001');
const ID2 = id('44030519900202002');

describe('checking a delivery', () => {
  it.each(['csv', 'xlsx'] as const)('the %s sample: 200 cases, reconciled with its summary', async (kind) => {
    const { report } = await check(await sample(kind), SAMPLE_HALVES.join(''));
    expect(report).toMatchObject({
      template: 'card-centre-20col',
      batchNo: 'WA20261101-07',
      rows: 200,
      accepted: 200,
      rejected: 0,
      skipped: 0,
      totalFen: 1_272_974_215,
      reconciliation: { caseCount: { stated: 200, found: 200 }, totalFen: { stated: 1_272_974_215 }, agrees: true },
    });
    expect(report.sources[0]!.unknownHeaders).toEqual([]);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('reports each bad cell by row, column and cell, masked, and rejects its row', async () => {
    const rows = [
      HEADER,
      ['B1', 'C1', '张三', ID1, '100.50', '2026-11-01', '13812345678'],
      ['B1', 'C2', '李四', '4.40305199002020E+17', '200', '2026-11-01', '13812345679'],
      ['B1', 'C3', '王五', ID2, '-3', '2026-11-01', '1381234'],
      ['B1', 'C4', '', ID2, '5', '2026/11/31', ''],
    ];
    const { report, leaveOut } = await check(await zip([{ name: 'd/案件明细.csv', data: csv(rows) }]));
    expect(report).toMatchObject({ rows: 4, accepted: 1, rejected: 3, totalFen: 10_050 });
    expect([...leaveOut].sort()).toEqual(['d/案件明细.csv#3', 'd/案件明细.csv#4', 'd/案件明细.csv#5']);
    const at = (row: number) =>
      report.problems.filter((p) => p.row === row).map((p) => [p.code, p.column, p.ref, p.value]);
    expect(at(3)).toEqual([['idSpreadsheetNumber', '身份证号', 'D3', '******************17']]);
    expect(at(4)).toEqual([
      ['amountNegative', '委案金额', 'E4', '-3'],
      ['mobileFormat', '手机号', 'G4', '*****34'],
    ]);
    expect(at(5)).toEqual([
      ['required', '客户姓名', 'C5', null],
      ['dateFormat', '委案日期', 'F5', '2026/11/31'],
    ]);
    // No full ID, mobile or name anywhere in the report.
    const text = JSON.stringify(report);
    for (const secret of [ID1, ID2, '13812345678', '张三']) expect(text).not.toContain(secret);
  });

  it('skips a repeated row, rejects both rows of a conflicting case number, and leaves the vault’s cases alone', async () => {
    const rows = [
      HEADER,
      ['B1', 'C1', '张三', ID1, '100', '2026-11-01', ''],
      ['B1', 'C1', '张三', ID1, '100', '2026-11-01', ''],
      ['B1', 'C2', '李四', ID2, '200', '2026-11-01', ''],
      ['B1', 'C2', '李四', ID2, '250', '2026-11-01', ''],
      ['B1', 'C3', '王五', ID2, '300', '2026-11-01', ''],
    ];
    const inVault: VaultLookup = (nos) =>
      Promise.resolve(new Map(nos.filter((n) => n === 'C3').map((n) => [n, 'WA-OLD'])));
    const { report, leaveOut } = await check(await zip([{ name: 'x.csv', data: csv(rows) }]), PASSWORD, inVault);
    expect(report).toMatchObject({ rows: 5, accepted: 1, rejected: 2, skipped: 2, totalFen: 10_000 });
    expect([...leaveOut].sort()).toEqual(['x.csv#3', 'x.csv#4', 'x.csv#5', 'x.csv#6']);
    expect(report.problems.map((p) => [p.row, p.code, p.value]).sort()).toEqual([
      [3, 'duplicateInFile', 'C1'],
      [4, 'conflictInFile', 'C2'],
      [5, 'conflictInFile', 'C2'],
      [6, 'inVault', 'C3 → WA-OLD'],
    ]);
  });

  it('finds the other template in a UTF-8 workbook with a title row, and reports headers no field names', async () => {
    const book = await buildXlsx({
      sheets: [
        {
          name: '委外清单',
          rows: [
            ['某银行零售信贷委外清单'],
            ['合同号', '借款人姓名', '证件号码', '欠款总额', '移动电话', '联系人1电话', '联系人2电话', '备注'],
            ['HT-1', '赵六', ID1, 1234.5, '13900001111', '021-62345678', '13900002222', '=1+1'],
          ],
        },
      ],
    });
    const { report } = await check(await zip([{ name: '清单.xlsx', data: book }]));
    expect(report).toMatchObject({
      template: 'retail-loan-contacts',
      accepted: 1,
      totalFen: 123_450,
      reconciliation: null,
    });
    expect(report.sources).toEqual([
      { label: '清单.xlsx › 委外清单', encoding: 'xlsx', headerRow: 2, unknownHeaders: ['备注'] },
    ]);
  });

  it('says which columns are missing when no template fits', async () => {
    const data = csv(
      [
        ['姓名', '金额'],
        ['张三', '1'],
      ],
      'utf-8-bom',
    );
    await expect(check(await zip([{ name: 'a.csv', data }]))).rejects.toMatchObject({
      key: 'import.template.none',
      params: { template: 'retail-loan-contacts', columns: '合同号、欠款总额、证件号码' },
    });
  });

  it('refuses a delivery mixing two batches', async () => {
    const rows = [
      HEADER,
      ['B1', 'C1', '张三', ID1, '1', '2026-11-01', ''],
      ['B2', 'C2', '李四', ID2, '1', '2026-11-01', ''],
    ];
    await expect(check(await zip([{ name: 'a.csv', data: csv(rows) }]))).rejects.toMatchObject({
      key: 'import.check.mixedBatches',
    });
  });

  it('a summary that disagrees is reported, not hidden', async () => {
    const detail = csv([HEADER, ['B1', 'C1', '张三', ID1, '1.00', '2026-11-01', '']]);
    const summary = csv([
      ['委案批次号', '案件数', '委案总金额'],
      ['B1', '2', '1.00'],
    ]);
    const { report } = await check(
      await zip([
        { name: '汇总.csv', data: summary },
        { name: '明细.csv', data: detail },
      ]),
    );
    expect(report.reconciliation).toEqual({
      source: '汇总.csv',
      caseCount: { stated: 2, found: 1 },
      totalFen: { stated: 100, found: 100 },
      batchNo: { stated: 'B1', found: 'B1' },
      agrees: false,
    });
  });
});
