import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, blindIndexCandidates } from './blind-index.ts';
import { normaliseIdNumber, normaliseName, normalisePhone } from './normalise.ts';
import { secretKeyFromBytes } from './secret-key.ts';

const keyBytes = crypto.randomBytes(32);
const key = secretKeyFromBytes(keyBytes);
const otherKey = secretKeyFromBytes(crypto.randomBytes(32));

describe('normalisePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['010-12345678', '01012345678'],
    ['(010) 1234 5678', '01012345678'],
    ['+86 10 1234 5678', '01012345678'],
    ['+86 (0)10 1234 5678', '01012345678'],
    ['12345', '12345'],
    ['', ''],
    ['  ', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });
});

describe('normaliseIdNumber and normaliseName', () => {
  it.each([
    ['11010519491231002x', '11010519491231002X'],
    [' 110105 19491231 002X ', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
  ])('ID %j → %j', (raw, expected) => {
    expect(normaliseIdNumber(raw)).toBe(expected);
  });

  it.each([
    [' 张 三 ', '张三'],
    ['买买提•艾力', '买买提·艾力'],
    ['买买提.艾力', '买买提·艾力'],
    ['  John   Smith ', 'john smith'],
  ])('name %j → %j', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });
});

describe('blindIndex', () => {
  it('is a stable 64-character hex HMAC, the same for every way of writing a number', () => {
    const index = blindIndex(key, 'phone', '13812345678');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    for (const written of ['138 1234 5678', '+86 138-1234-5678', '１３８１２３４５６７８']) expect(blindIndex(key, 'phone', written)).toBe(index);
    expect(blindIndex(secretKeyFromBytes(Buffer.from(keyBytes)), 'phone', '13812345678')).toBe(index);
    expect(blindIndex(key, 'idNumber', '11010519491231002x')).toBe(blindIndex(key, 'idNumber', '11010519491231002X'));
  });

  it('differs between values, keys and kinds, and is not a plain hash or HMAC with the key itself', () => {
    const index = blindIndex(key, 'phone', '13812345678');
    expect(blindIndex(key, 'phone', '13812345679')).not.toBe(index);
    expect(blindIndex(otherKey, 'phone', '13812345678')).not.toBe(index);
    expect(blindIndex(key, 'idNumber', '13812345678')).not.toBe(index);
    expect(index).not.toBe(crypto.createHash('sha256').update('13812345678').digest('hex'));
    expect(index).not.toBe(crypto.createHmac('sha256', keyBytes).update('13812345678').digest('hex'));
  });

  it('gives no index for a blank value, so blanks never count as the same petitioner', () => {
    expect(blindIndex(key, 'phone', '')).toBeNull();
    expect(blindIndex(key, 'phone', ' - ')).toBeNull();
    expect(blindIndex(key, 'name', null)).toBeNull();
  });

  it('lists the index under every configured key for look-ups during a rotation', () => {
    const candidates = blindIndexCandidates({ current: key, previous: [otherKey] }, 'phone', '138 1234 5678');
    expect(candidates).toEqual([blindIndex(key, 'phone', '13812345678'), blindIndex(otherKey, 'phone', '13812345678')]);
    expect(blindIndexCandidates({ current: key, previous: [otherKey] }, 'phone', '')).toEqual([]);
  });
});
