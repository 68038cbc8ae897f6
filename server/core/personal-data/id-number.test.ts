import { describe, expect, it } from 'vitest';
import { isValidChineseIdNumber } from './id-number.ts';

const today = new Date(2024, 5, 1);

describe('isValidChineseIdNumber', () => {
  it.each([
    ['the GB 11643 example', '11010519491231002X'],
    ['lower-case x', '11010519491231002x'],
    ['with spaces', '110105 19491231 002X'],
    ['a digit check character', '110101199003071233'],
    ['a leap day', '110101200002290018'],
    ['born today', '110101202406010018'],
  ])('accepts %s', (_label, id) => {
    expect(isValidChineseIdNumber(id, { today })).toBe(true);
  });

  it.each([
    ['a wrong check character', '110105194912310021'],
    ['two digits swapped', '11010519491213002X'],
    ['an unknown province', '010105194912310026'],
    ['29 February of a common year', '110101199002290012'],
    ['month 13', '110101199013010012'],
    ['a future birth date', '110101202406020013'],
    ['a birth year before 1900', '11010118991231001X'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['X in the middle', '1101051949123100X2'],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['empty', ''],
    ['null', null],
    ['a 15-digit number by default', '110105491231002'],
  ])('refuses %s', (_label, id) => {
    expect(isValidChineseIdNumber(id, { today })).toBe(false);
  });

  it('accepts first-generation 15-digit numbers only when asked, with a real date', () => {
    expect(isValidChineseIdNumber('110105491231002', { today, allowFifteenDigit: true })).toBe(true);
    expect(isValidChineseIdNumber('110105490231002', { today, allowFifteenDigit: true })).toBe(false);
    expect(isValidChineseIdNumber('000105491231002', { today, allowFifteenDigit: true })).toBe(false);
  });
});
