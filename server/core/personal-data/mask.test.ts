import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.ts';

const odd: [string, string | null | undefined][] = [
  ['null', null],
  ['undefined', undefined],
  ['empty', ''],
  ['blanks', '   '],
  ['a star', '*'],
  ['a dash', '-'],
  ['a NUL character', '\u0000'],
  ['an emoji', '🙂'],
  ['a supplementary-plane character', '𠀀'],
  ['lone surrogates', '\ud800\udc00\ud800'],
  ['10,000 characters', '张'.repeat(5_000) + '1'.repeat(5_000)],
];

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    [' 张 三 ', '张*'],
    ['欧阳娜娜', '欧阳**'],
    ['司马光', '司马*'],
    ['诸葛亮', '诸葛*'],
    ['欧阳', '欧*'],
    ['张', '*'],
    ['买买提·艾力', '买*****'],
    ['𠀀三', '𠀀*'],
    ['John Smith', 'J*** S****'],
    ['  john   smith ', 'j*** s****'],
    ['Mary-Jane Watson', 'M******** W*****'],
    ['J', '*'],
    ['Madonna', 'M******'],
    ['John A Smith', 'J*** * S****'],
    ['J K', '* *'],
    ['', ''],
    ['   ', ''],
    [null, ''],
    [undefined, ''],
  ])('%j → %j', (name, expected) => {
    expect(maskName(name)).toBe(expected);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['010-12345678', '010-****5678'],
    ['01012345678', '010-****5678'],
    ['(021) 1234 5678', '021-****5678'],
    ['0571-87654321', '0571-****4321'],
    ['0571-7654321', '0571-***4321'],
    ['+86 10 1234 5678', '010-****5678'],
    ['13812345678/010-12345678', '138****5678/010-****5678'],
    ['13812345678、13987654321', '138****5678、139****4321'],
    ['12345678', '****5678'],
    ['123456', '****56'],
    ['12345', '***45'],
    ['1234', '****'],
    ['110', '***'],
    ['138123456789012', '***********9012'],
    ['13812345678转8', '********6788'],
    ['unknown', '****'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (phone, expected) => {
    expect(maskPhone(phone)).toBe(expected);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['110101199003071234', '110***********1234'],
    ['11010519491231002X', '110***********002X'],
    ['11010519491231002x', '110***********002X'],
    ['110105 19491231 002X', '110***********002X'],
    ['110105491231002', '110********1002'],
    ['E12345678', '*******78'],
    ['H1234567', '******67'],
    ['1234567', '*******'],
    ['12', '**'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (id, expected) => {
    expect(maskIdNumber(id)).toBe(expected);
  });
});

describe('maskAddress', () => {
  it.each([
    ['北京市朝阳区建国路88号院3号楼2单元301', '北京市朝阳区****'],
    ['北京市 朝阳区 建国路88号', '北京市朝阳区****'],
    ['上海市浦东新区张江镇祖冲之路100号', '上海市浦东新区张江镇****'],
    ['广东省深圳市南山区粤海街道科技园', '广东省深圳市南山区粤海街道****'],
    ['江苏省苏州市昆山市玉山镇人民路1号', '江苏省苏州市昆山市玉山镇****'],
    ['浙江省杭州市西湖区转塘街道象山村12号', '浙江省杭州市西湖区转塘街道****'],
    ['内蒙古自治区呼和浩特市新城区中山东路', '内蒙古自治区呼和浩特市新城区****'],
    ['新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路', '新疆维吾尔自治区伊犁哈萨克自治州伊宁市****'],
    ['湖北省恩施土家族苗族自治州恩施市', '湖北省恩施土家族苗族自治州恩施市'],
    ['江苏省南京市鼓楼区中山北路', '江苏省南京市鼓楼区****'],
    ['某某县青山镇青山村3组', '某某县青山镇****'],
    ['某某县河口乡', '某某县河口乡'],
    ['北京市阳光小区5号楼', '北京市****'],
    ['北京市朝阳区阳光社区', '北京市朝阳区****'],
    ['朝阳区建国路小区', '朝阳区****'],
    ['建国路88号', '****'],
    ['3号楼', '****'],
    ['Room 301, 88 Jianguo Road', '****'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (address, expected) => {
    expect(maskAddress(address)).toBe(expected);
  });
});

// A small seeded generator, so a failing case can be replayed.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const alphabet = Array.from('0123456789012345678901234567890123456789+-() /、xX张三欧阳市区镇路号aZ 　１８');
function randomText(next: () => number): string {
  return Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}
const shown = (masked: string) => masked.replace(/[*\s\-/,，、;；]/g, '');

describe('maskEmail', () => {
  it('keeps the first character and the domain, hides an address it cannot read whole', () => {
    expect(maskEmail('wang.jianguo@example.org')).toBe('w****@example.org');
    expect(maskEmail(' 王建国@例子.中国 ')).toBe('王****@例子.中国');
    expect(maskEmail('a@b.c')).toBe('a****@b.c');
    // The last @ splits: a quoted local part with an @ in it keeps no more than its first character.
    expect(maskEmail('"x@y"@example.org')).toBe('"****@example.org');
    for (const bad of ['no-at-sign', '@example.org', 'name@']) expect(maskEmail(bad), bad).toBe('****');
    expect(maskEmail(null)).toBe('');
  });
});

describe('every masker on odd and random input', () => {
  it.each(odd)('never throws on %s', (_label, value) => {
    for (const mask of [maskName, maskPhone, maskIdNumber, maskAddress, maskEmail]) expect(typeof mask(value)).toBe('string');
  });

  it('never shows more than the rule allows', () => {
    const next = random(20240601);
    for (let i = 0; i < 5000; i++) {
      const text = randomText(next);
      const phone = maskPhone(text);
      // At most a 4-digit area code and the last four digits of any one number, and never all of it.
      for (const part of phone.split(/[/,，、;；]+/)) {
        expect(shown(part).length, text).toBeLessThanOrEqual(8);
        if (/\d/.test(part)) expect(part, text).toContain('*');
      }
      expect(shown(maskIdNumber(text)).length, text).toBeLessThanOrEqual(7);
      const digits = text.replace(/\D/g, '');
      const id = maskIdNumber(digits);
      if (digits.length > 0) expect(id, text).toContain('*');
      const name = maskName(text);
      if (text.trim() !== '') expect(name, text).toContain('*');
      // An address keeps only a prefix of itself: nothing after the administrative part.
      const address = maskAddress(text);
      const compact = text.normalize('NFKC').replace(/\s+/g, '');
      expect(compact.startsWith(address.replace(/\*+$/, '')), text).toBe(true);
    }
  });
});
