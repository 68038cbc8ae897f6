import { bigramPrefix } from './similarity-terms.ts';
import type { PlaceNames } from './extract-place-names.ts';
import type { MessageProfile } from './profile-message.ts';
import type { SimilarityIndex } from './similarity-types.ts';

/**
 * A place-name bigram in at most 3 % of messages can name one place; commoner ones (街道, 新城,
 * 中心) name none. As an IDF floor: 1 + ln(1 / 0.03).
 */
const RARE_IDF = 1 + Math.log(1 / 0.03);

/** The bigrams of a name that are rare in the index (they identify the place). */
function rareBigrams(index: SimilarityIndex, name: string): string[] {
  const rare: string[] = [];
  for (let i = 0; i + 1 < name.length; i++) {
    const gram = name.slice(i, i + 2);
    const id = index.vocabulary.get(bigramPrefix + gram);
    if ((id === undefined ? index.idfOfUnseen : index.idf[id]) >= RARE_IDF) rare.push(gram);
  }
  return rare;
}

/** Whether a title names a place that the other text never mentions (no rare bigram of it). */
function placeUnmentioned(index: SimilarityIndex, title: PlaceNames, otherText: string): boolean {
  const names = title.names.map((n) => rareBigrams(index, n)).filter((r) => r.length > 0);
  return names.length > 0 && !names.some((grams) => grams.some((g) => otherText.includes(g)));
}

/** Numbered districts only (a5区, a7县): "a市" is the whole city and conflicts with nothing. */
function numberedDistricts(places: PlaceNames): string[] {
  return [...places.districts].filter((d) => /\d/.test(d));
}

/**
 * Places two messages share, and whether their titles name different places: different numbered
 * districts (a4区 vs a5区), or each title names a place the other message never mentions. Both
 * ways, so that a typo in one title's name (金领 / 金邻) does not make a conflict. Rarity comes
 * from the index's IDF, so 丽发新城 counts as a place and 市政府 does not.
 */
export function comparePlaces(a: MessageProfile, b: MessageProfile, index: SimilarityIndex): { sharedPlaces: string[]; placeConflict: boolean } {
  const sharedPlaces = [...a.places.keys].filter((k) => b.places.keys.has(k) && rareBigrams(index, k).length > 0);
  const da = numberedDistricts(a.titlePlaces);
  const db = numberedDistricts(b.titlePlaces);
  const placeConflict =
    (da.length > 0 && db.length > 0 && !da.some((d) => db.includes(d))) ||
    (placeUnmentioned(index, a.titlePlaces, b.text) && placeUnmentioned(index, b.titlePlaces, a.text));
  return { sharedPlaces, placeConflict };
}
