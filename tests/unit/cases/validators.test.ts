import { describe, expect, it } from 'vitest';
import { checkCardNumber, luhnValid } from '../../../electron/core/cases/bank-card';
import { parseCaseDate } from '../../../electron/core/cases/case-date';
import { checkIdNumber, idCheckCharacter } from '../../../electron/core/cases/id-number';
import { formatFen, parseYuan } from '../../../electron/core/cases/money';
import { checkMobile, checkPhone } from '../../../electron/core/cases/phone-number';

const today = new Date(Date.UTC(2026, 11, 2));

describe('ID numbers (GB 11643)', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', false],
    ['11010519491231002x', '11010519491231002X', false],
    ['440524188001010014', null, false],
    ['410122196611017547', '410122196611017547', false],
    // 15-digit legacy: 19 inserted, check character computed.
    ['110105491231002', '11010519491231002X', true],
  ])('%s', (raw, value, upgraded) => {
    const check = checkIdNumber(raw, today);
    if (value === null) expect(check).toEqual({ ok: false, problem: 'birthDate' });
    else expect(check).toEqual({ ok: true, value, upgraded, unknownRegion: false });
  });

  it.each([
    ['110105194912310021', 'checkDigit'],
    ['11010519491331002X', 'birthDate'],
    ['110105202712310027', 'birthDate'],
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
    ['1.10105E+17', 'spreadsheetNumber'],
    // What Excel keeps of an ID typed as a number: 15 significant digits, then zeros.
    ['110105194912310000', 'checkDigit'],
  ])('%s is refused: %s', (raw, problem) => {
    expect(checkIdNumber(raw, today)).toEqual({ ok: false, problem });
  });

  it('computes the check character by the standard weights', () => {
    expect(idCheckCharacter('34052419800101001')).toBe('X');
    expect(idCheckCharacter('11010519491231002')).toBe('X');
  });

  it('warns of a region code no province has', () => {
    const first17 = '99010519491231002';
    expect(checkIdNumber(first17 + idCheckCharacter(first17), today)).toMatchObject({ ok: true, unknownRegion: true });
  });
});

describe('bank cards', () => {
  it.each([
    ['6225885470249251', true],
    ['6225 8854 7024 9251', true],
    ['6225885470249252', false],
    ['4367429279006274', true],
  ])('%s: Luhn %s', (raw, luhn) => {
    expect(checkCardNumber(raw)).toEqual({ ok: true, value: raw.replace(/ /g, ''), luhn });
  });
  it.each(['622588547024', '62258854702492511234', '6225A85470249251', ''])('%s is refused', (raw) => {
    expect(checkCardNumber(raw)).toEqual({ ok: false, problem: 'format' });
  });
  it('Luhn over a known sequence', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('phones', () => {
  it.each([
    ['17829620669', '17829620669', 'mobile'],
    ['+86 178 2962 0669', '17829620669', 'mobile'],
    ['008617829620669', '17829620669', 'mobile'],
    ['010-62345678', '01062345678', 'landline'],
    ['0915-2345679', '09152345679', 'landline'],
  ])('%s', (raw, value, kind) => {
    expect(checkPhone(raw)).toEqual({ ok: true, value, kind });
  });
  it.each(['12829620669', '1782962066', '178296206690', '62345678'])('%s is refused', (raw) => {
    expect(checkPhone(raw)).toEqual({ ok: false, problem: 'format' });
  });
  it('the mobile column takes mobiles only', () => {
    expect(checkMobile('010-62345678')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('amounts in fen', () => {
  it.each([
    ['80028.78', 8_002_878],
    ['12,345.6', 1_234_560],
    ['¥1,000', 100_000],
    ['0', 0],
    ['-0.00', 0],
    ['.5', 50],
    ['12729742.15', 1_272_974_215],
    // Trailing zeros beyond the fen are not precision.
    ['1.100', 110],
    ['1.5', 150],
    ['1.05', 105],
    ['007.5', 750],
    ['1.', 100],
    ['9000000000000', 900_000_000_000_000],
  ])('%s → %d fen', (raw, fen) => {
    expect(parseYuan(raw)).toEqual({ ok: true, fen });
  });
  it.each([
    ['-5', 'negative'],
    ['1.005', 'precision'],
    ['1,23.00', 'format'],
    ['1e5', 'format'],
    ['', 'format'],
    ['12 345', 'format'],
    ['99999999999999999', 'tooLarge'],
    ['9000000000000.01', 'tooLarge'],
  ])('%s is refused: %s', (raw, problem) => {
    expect(parseYuan(raw)).toEqual({ ok: false, problem });
  });
  it('formats fen as shown', () => {
    expect(formatFen(1_272_974_215)).toBe('¥12,729,742.15');
    expect(formatFen(5)).toBe('¥0.05');
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-01', false, '2026-11-01'],
    ['2026/11/1', false, '2026-11-01'],
    ['20261101', false, '2026-11-01'],
    ['2026年11月1日', false, '2026-11-01'],
    ['46327', true, '2026-11-01'],
  ])('%s', (raw, serial, value) => {
    expect(parseCaseDate(raw, serial)).toEqual({ ok: true, value });
  });
  it.each([
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['46327', false],
    ['01/11/2026', false],
    ['60', true],
  ])('%s is refused', (raw, serial) => {
    expect(parseCaseDate(raw, serial)).toEqual({ ok: false, problem: 'format' });
  });
});
