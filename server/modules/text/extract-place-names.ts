/**
 * Words that end a place name in citizen messages: estates, villages, roads, schools, parks…
 * Longest first, so 幼儿园 wins over 园 and 大道 over 道.
 */
const SUFFIXES = [
  '幼儿园', '安置区', '小区', '花园', '家园', '公寓', '大厦', '广场', '新城', '新村', '社区', '街道', '大道', '中学', '小学',
  '学校', '学院', '医院', '公园', '市场', '大桥', '隧道', '地铁站', '工业园', '产业园', '华府', '华庭', '雅苑', '名苑', '山庄',
  '村', '镇', '乡', '路', '街', '苑', '城', '湾', '站',
];

/** Common words that start with a one-character place word and are not places (城市, 路口, 村民). */
const NOT_PLACE = new Set([
  '城市', '城管', '城区', '城乡', '城镇', '城建', '城中', '路口', '路段', '路灯', '路面', '路边', '路线', '路况', '路上', '路过',
  '站点', '站台', '站长', '村民', '村委', '村组', '村里', '镇政', '街道', '街头', '乡镇', '乡村', '湾区',
]);
const SUFFIX_RE = new RegExp(`(?:${SUFFIXES.join('|')})`, 'gu');

/** Pseudonymised districts as the source writes them (a市, a5区, a7县, k9县) after lower-casing. */
const DISTRICT_RE = /(?<![a-z0-9])[a-z]\d{0,2}[市区县]/gu;

/** Name parts that say where without naming anything: "我们小区", "附近村", "周边路". */
const GENERIC = new Set([
  '我们', '我家', '本', '该', '这个', '那个', '整个', '周边', '附近', '周围', '所在', '居民', '其他', '一个', '各个', '多个',
  '部分', '这些', '城市', '农村', '老旧', '新建', '在建', '现在', '目前', '全体', '马路', '道路', '公路', '小区', '区域', '片区',
  '一条', '这条', '那条', '主干', '本村', '全村', '我们村', '我们小区', '安置', '城区', '市区', '县城', '城中', '进城', '出城',
]);

/** Characters that end an administrative name and so cannot start a place name. */
const ADMIN_CHARS = new Set(['市', '区', '县', '省', '镇', '乡']);

/** A CJK unified ideograph (basic block or extension A). */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** The place names found in a text, as lookup keys. */
export interface PlaceNames {
  /** Pseudonymised districts and cities named (a5区, a7县, a市). */
  districts: Set<string>;
  /**
   * Named places as keys "name tail + suffix" with tails of 2, 3 and 4 characters, so that
   * 魅力之城小区 and 万科魅力之城小区 share 魅力之城小区 and 之城小区.
   */
  keys: Set<string>;
  /** The names (up to 6 characters before each suffix), for comparing two names loosely. */
  names: string[];
}

/**
 * Places a text names (give it cleaned: `cleanText`): pseudonymised districts, and the Chinese
 * characters right before a place word (小区, 村, 路, 中学…) as that place's name. No gazetteer
 * exists for the source's pseudonymised places, so names are recognised by their suffix; generic
 * fillers (我们小区, 附近村) are dropped. Used to tell one estate's complaint from the same
 * complaint template filled in for another estate.
 */
export function extractPlaceNames(clean: string): PlaceNames {
  const districts = new Set<string>();
  for (const m of clean.matchAll(DISTRICT_RE)) districts.add(m[0]);
  const keys = new Set<string>();
  const names: string[] = [];
  let previousEnd = 0;
  for (const m of clean.matchAll(SUFFIX_RE)) {
    const suffix = m[0];
    const end = m.index;
    if (suffix.length === 1 && NOT_PLACE.has(clean.slice(end, end + 2))) continue;
    // A name runs back over Chinese characters, at most 6, never into the previous place word
    // (魅力之城小区临街 gives 魅力之 + 城, not 城小区临 + 街).
    let start = end;
    while (start > previousEnd && end - start < 6 && isHan(clean.charCodeAt(start - 1))) start--;
    previousEnd = end + suffix.length;
    // The administrative level after a district code is not part of the name (a2区丽发 → 丽发).
    while (end - start > 2 && ADMIN_CHARS.has(clean[start])) start++;
    const run = clean.slice(start, end);
    if (run.length < 2 || GENERIC.has(run)) continue;
    names.push(run);
    for (let n = 2; n <= Math.min(4, run.length); n++) {
      const tail = run.slice(-n);
      if (!GENERIC.has(tail)) keys.add(tail + suffix);
    }
  }
  return { districts, keys, names };
}
