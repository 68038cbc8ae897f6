import { bigramPrefix } from './bigram-text.ts';
import { rareIdf } from './rare-idf.ts';
import type { MessageProfile } from './profile-message.ts';
import type { SimilarityDoc, SimilarityIndex } from './similarity-types.ts';

/** Pseudonymised cities and districts as the source writes them (A市, A5区, A7县, K9县). */
const CITY_RE = /(?<![A-Za-z0-9])[A-Z]市/g;
const DISTRICT_RE = /(?<![A-Za-z0-9])[A-Z]\d{1,2}[区县市]/g;

/** Characters a place name does not grow over when extended to the left. */
const NAME_STOP = new Set([...'市区县省镇乡的在是了和与及对于向到从给把被将我你他们该这那个路线号道街村站桥口旁边近内外前后']);

/** A Chinese character of the basic block. */
const HAN = /^[\u4e00-\u9fff]$/;

/** What a topic is called, and the parts it was made of. */
export interface TopicLabel {
  label: string;
  /** The specific place most of its messages name (an estate, a road, a village), if any. */
  place: string | null;
  /** The words that say what happens there, most distinctive first. */
  keywords: string[];
}

/** The value most members show, if at least `share` of them show it. */
function mostCommon(values: (string | undefined)[], share: number): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && best !== undefined && v < best)) [best, bestCount] = [v, c];
  return best !== undefined && bestCount >= share * values.length ? best : undefined;
}

/** Whether a key holds a rare bigram (IDF at least `floor`, see `rareIdf`): a name, not a common word. */
function isRareName(index: SimilarityIndex, key: string, floor: number): boolean {
  for (let k = 0; k + 1 < key.length; k++) {
    const id = index.vocabulary.get(bigramPrefix + key.slice(k, k + 2));
    if (id === undefined || index.idf[id] >= floor) return true;
  }
  return false;
}

/**
 * The place most members name: among the place keys named by nearly as many members as the
 * best (titles first, where the matter is named; the whole text when titles disagree), the one
 * that comes first; then grown to the left while most occurrences agree on the character before it, so
 * 景园滨河苑 becomes 伊景园滨河苑 but not 市伊景园滨河苑.
 */
function topicPlace(index: SimilarityIndex, profiles: readonly MessageProfile[], members: readonly number[]): string | null {
  const floor = rareIdf(index);
  // Where a key sits in the members' texts (the median of first positions): a matter's place comes
  // first (丽发新城附近修建搅拌站), what happens there after it.
  const position = (key: string, textOf: (p: MessageProfile) => string) => {
    const at = members.map((i) => textOf(profiles[i]).indexOf(key)).filter((x) => x >= 0).sort((a, b) => a - b);
    return at.length ? at[Math.floor(at.length / 2)] : Infinity;
  };
  const pick = (keysOf: (p: MessageProfile) => Set<string>, textOf: (p: MessageProfile) => string, share: number): string | null => {
    const support = new Map<string, number>();
    for (const i of members) for (const key of keysOf(profiles[i])) support.set(key, (support.get(key) ?? 0) + 1);
    const top = Math.max(0, ...support.values());
    let best: string | null = null;
    let bestAt = Infinity;
    for (const [key, count] of support) {
      // Keys named by nearly as many messages as the best compete on coming first.
      if (count < Math.max(2, share * members.length, 0.8 * top) || !isRareName(index, key, floor)) continue;
      const at = position(key, textOf);
      if (best === null || at < bestAt || (at === bestAt && (key.length > best.length || (key.length === best.length && key < best)))) [best, bestAt] = [key, at];
    }
    return best;
  };
  // A place only the details name must be named by most of them (加油站 beside an estate is not its name).
  const titleOf = (p: MessageProfile) => p.titleText;
  const place = pick((p) => p.titlePlaces.keys, titleOf, 0.3) ?? pick((p) => p.places.keys, (p) => p.text, 0.7);
  return place && growLeft(members.map((i) => profiles[i].text), place);
}

/** A name grown to the left, one character at a time, while 70 % of its occurrences agree on it. */
function growLeft(texts: readonly string[], name: string): string {
  for (let step = 0; step < 6; step++) {
    const before = new Map<string, number>();
    let occurrences = 0;
    for (const text of texts) {
      for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
        occurrences++;
        const c = at > 0 ? text[at - 1] : '';
        before.set(c, (before.get(c) ?? 0) + 1);
      }
    }
    const [c, count] = [...before].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (!HAN.test(c) || NAME_STOP.has(c) || count < 0.7 * occurrences) break;
    name = c + name;
  }
  return name;
}

/**
 * A readable name for a group of messages about one matter: city and district (when most titles
 * agree), the place most messages name, and the words most distinctive of the group (weighted by
 * the share of members using them, squared, times IDF, so a phrase copied into three messages
 * does not beat the word all of them use), e.g. "A市A5区 魅力之城小区 油烟 烧烤".
 */
export function labelTopic(index: SimilarityIndex, docs: readonly SimilarityDoc[], profiles: readonly MessageProfile[], members: readonly number[]): TopicLabel {
  const titles = members.map((i) => docs[i].title.normalize('NFKC'));
  const city = mostCommon(titles.map((t) => t.match(CITY_RE)?.[0]), 0.3);
  const district = mostCommon(titles.map((t) => t.match(DISTRICT_RE)?.[0]), 0.3);
  const texts = members.map((i) => profiles[i].text);
  let place = topicPlace(index, profiles, members);

  // Keywords: words in many members and rare in the corpus, not repeating the place or district.
  const df = new Map<string, number>();
  for (const i of members) {
    const seen = new Set<number>();
    for (let e = index.docStart[i]; e < index.docStart[i + 1]; e++) {
      const t = index.docTerm[e];
      const term = index.terms[t];
      if (term.startsWith(bigramPrefix) || seen.has(t)) continue;
      seen.add(t);
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  const covered = `${city ?? ''}${district ?? ''}${place ?? ''}`.toLowerCase();
  const overlaps = (a: string, b: string) => [...a].some((_, k) => k + 1 < a.length && b.includes(a.slice(k, k + 2)));
  const ranked = [...df]
    .filter(([term, count]) => {
      if (count < Math.min(2, members.length) || covered.includes(term) || overlaps(term, covered)) return false;
      // A number names the matter only when most messages carry it (58车贷), never a year.
      if (/^\d+$/.test(term)) return count >= 0.5 * members.length && !/^(19|20)\d\d$/.test(term);
      return true;
    })
    .map(([term, count]) => ({ term, weight: (count / members.length) ** 2 * index.idf[index.vocabulary.get(term)!] }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));

  const candidates = ranked.slice(0, 6).map((k) => k.term);
  // Two top words nearly every message writes together are one name (十里 + 天池; a number and
  // its word, 58 + 车贷, in half of them): joined and grown to the left like a place
  // (南山十里天池). Such a name is the place when none was found, or when the titles name it and
  // not the place found in the details.
  const together = (a: string, b: string) => texts.filter((t) => t.includes(a + b)).length / texts.length;
  for (let k = 0; k < candidates.length; k++) {
    const first = candidates[k];
    const next = candidates.find((w) => w !== first && together(first, w) >= (/^\d+$/.test(first) ? 0.5 : 0.8));
    if (!next) continue;
    const name = growLeft(texts, first + next);
    candidates.splice(candidates.indexOf(next), 1);
    candidates[candidates.indexOf(first)] = name;
    const inTitles = (x: string) => titles.filter((t) => t.toLowerCase().includes(x)).length >= 0.6 * titles.length;
    if ((!place || (inTitles(name) && !inTitles(place))) && !/^\d/.test(name)) {
      if (place) candidates.push(place);
      place = name;
      candidates.splice(candidates.indexOf(name), 1);
    }
    break;
  }
  const keywords: string[] = [];
  for (const term of candidates) {
    if (keywords.length >= (place ? 2 : 3)) break;
    if (place && overlaps(term, place)) continue;
    if (keywords.some((k) => overlaps(k, term) || overlaps(term, k))) continue;
    keywords.push(term);
  }

  const head = `${city ?? ''}${district ?? ''}`;
  const label = [head, place ?? '', ...keywords].filter(Boolean).join(' ');
  return { label: label || (titles[0] ?? ''), place, keywords };
}
