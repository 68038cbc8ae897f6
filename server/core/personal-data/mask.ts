import { normaliseIdNumber, normalisePhone } from './normalise.ts';

// Masking rules for lists and screens of people without the right to see personal data. Each
// masker takes anything (null, blanks, odd text), never throws, and when a value does not have
// the expected shape hides more rather than less.

const HAN = /^\p{Script=Han}$/u;
const MASK = '*';
/** What an unrecognisable non-empty value becomes: a fixed width, so not even its length shows. */
const HIDDEN = '****';

/**
 * Two-character surnames (复姓) kept whole, e.g. 欧阳娜娜 → 欧阳**. Only common ones: an unknown
 * compound surname loses its second character, which hides more, never less.
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '夏侯', '令狐', '长孙', '宇文', '司徒', '司空',
  '端木', '独孤', '南宫', '万俟', '闻人', '赫连', '澹台', '宗政', '濮阳', '公冶', '太叔', '申屠', '钟离', '轩辕', '呼延',
  '百里', '西门', '拓跋', '左丘', '第五',
]);

/** `张三` → `张*`, `欧阳娜娜` → `欧阳**`, `John Smith` → `J*** S****`; a one-character name or word is hidden. */
export function maskName(name: string | null | undefined): string {
  const text = (name ?? '').normalize('NFC').trim();
  if (text === '') return '';
  const first = Array.from(text)[0];
  if (HAN.test(first)) {
    const chars = Array.from(text.replace(/\s+/g, ''));
    if (chars.length === 1) return MASK;
    // A two-character name made of a compound surname alone would be shown whole: keep one character.
    const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
    return chars.slice(0, keep).join('') + MASK.repeat(chars.length - keep);
  }
  const chars = Array.from(text);
  if (chars.length === 1) return MASK;
  // Initial of each word: the usual way to abbreviate names written in Latin and similar scripts.
  // A word that is already an initial is hidden, or "J K" would be shown whole.
  return text
    .split(/\s+/)
    .map((word) => {
      const w = Array.from(word);
      return w.length === 1 ? MASK : w[0] + MASK.repeat(w.length - 1);
    })
    .join(' ');
}

/**
 * `13812345678` → `138****5678`, `010-12345678` → `010-****5678`; several numbers in one field are
 * masked one by one; other numbers keep at most their last four digits.
 */
export function maskPhone(phone: string | null | undefined): string {
  const text = (phone ?? '').trim();
  if (text === '') return '';
  // Petition records often hold two numbers ("13812345678/010-12345678"); keep the separators.
  return text
    .split(/([/,，、;；]+)/)
    .map((part, i) => (i % 2 === 1 ? part : maskOnePhone(part)))
    .join('');
}

function maskOnePhone(part: string): string {
  if (part.trim() === '') return part;
  const n = normalisePhone(part);
  if (/^1\d{10}$/.test(n)) return `${n.slice(0, 3)}****${n.slice(7)}`;
  // Area codes: 010 and 02x have three digits, every other one four.
  const landline = /^(010|02\d|0[3-9]\d\d)(\d{7,8})$/.exec(n);
  if (landline) return `${landline[1]}-${MASK.repeat(landline[2].length - 4)}${landline[2].slice(-4)}`;
  const digits = n.replace(/\D/g, '');
  if (digits === '') return HIDDEN;
  // Short numbers: the fewer digits, the fewer shown, so at least half stays hidden.
  const shown = digits.length >= 8 ? 4 : digits.length >= 5 ? 2 : 0;
  return MASK.repeat(digits.length - shown) + digits.slice(digits.length - shown);
}

/** `110101199003071234` → `110***********1234`; 15-digit IDs alike; anything else keeps at most two characters. */
export function maskIdNumber(idNumber: string | null | undefined): string {
  const t = normaliseIdNumber(idNumber);
  if (t === '') return '';
  if (/^\d{17}[\dX]$/.test(t) || /^\d{15}$/.test(t)) return t.slice(0, 3) + MASK.repeat(t.length - 7) + t.slice(-4);
  // Passports and other documents: the last two characters are enough to tell two apart.
  const chars = Array.from(t);
  if (chars.length < 8) return MASK.repeat(chars.length);
  return MASK.repeat(chars.length - 2) + chars.slice(-2).join('');
}

// An administrative segment: a short Chinese name and the suffix that says its level. The body is
// non-greedy so the first suffix wins (朝阳区建国路 → 朝阳区).
const SEGMENT = /^(\p{Script=Han}{1,12}?)(特别行政区|自治区|省|自治州|地区|盟|市|自治县|自治旗|区|县|旗|街道|民族乡|镇|乡|苏木)/u;
const SUFFIX_LEVEL: Record<string, number> = {
  特别行政区: 1, 自治区: 1, 省: 1, 自治州: 2, 地区: 2, 盟: 2, 自治县: 3, 自治旗: 3, 区: 3, 县: 3, 旗: 3, 街道: 4, 民族乡: 4, 镇: 4, 乡: 4, 苏木: 4,
};
/** Characters of streets, courtyards and villages: a segment containing one is below township level. */
const BELOW_TOWNSHIP = /[路街巷弄号村组院]/u;
/** 小区, 社区, 园区… end in 区 but are neighbourhoods and compounds, not districts. */
const NOT_A_DISTRICT = /[小社园校景厂]$/u;

/**
 * Keeps the administrative part of an address down to township level (省/市/区县/乡镇街道) and
 * hides the rest: `北京市朝阳区建国路88号院3号楼2单元301` → `北京市朝阳区****`.
 */
export function maskAddress(address: string | null | undefined): string {
  const text = (address ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return '';
  let kept = '';
  let level = 0;
  // Levels must rise (province → prefecture → county → township), which stops a street name
  // that happens to end in 区 or 镇 from being taken for a district after the district.
  while (level < 4) {
    const m = SEGMENT.exec(text.slice(kept.length));
    if (!m) break;
    const [segment, body, suffix] = m;
    if (BELOW_TOWNSHIP.test(body) || (suffix === '区' && NOT_A_DISTRICT.test(body))) break;
    // 市 is a prefecture-level city (杭州市) or, below one, a county-level city (苏州市昆山市).
    const segmentLevel = suffix === '市' ? (level < 2 ? 2 : 3) : SUFFIX_LEVEL[suffix];
    if (segmentLevel <= level) break;
    kept += segment;
    level = segmentLevel;
  }
  if (kept === text) return kept;
  return kept + HIDDEN;
}

/**
 * `wang.jianguo@example.org` → `w****@example.org`: the first character of the local part and the
 * domain (which names a provider, not a person); a value that is not an address is hidden whole.
 */
export function maskEmail(email: string | null | undefined): string {
  const text = (email ?? '').trim();
  if (text === '') return '';
  const at = text.lastIndexOf('@');
  if (at < 1 || at === text.length - 1) return HIDDEN;
  return `${Array.from(text.slice(0, at))[0]}${HIDDEN}${text.slice(at)}`;
}
