import type { PlaceSignature } from './place-signature.ts';

/** Whether a title names a place that the other text never mentions (no rare bigram of it). */
function placeUnmentioned(titleNameGrams: string[][], otherText: string): boolean {
  return titleNameGrams.length > 0 && !titleNameGrams.some((grams) => grams.some((g) => otherText.includes(g)));
}

/**
 * Places two messages share, and whether their titles name different places: different numbered
 * districts (a4区 vs a5区), or each title names a place the other message never mentions. Both
 * ways, so that a typo in one title's name (金领 / 金邻) does not make a conflict. Rarity comes
 * from the index's IDF (see `placeSignature`), so 丽发新城 counts as a place and 市政府 does not.
 */
export function comparePlaces(a: PlaceSignature, b: PlaceSignature): { sharedPlaces: string[]; placeConflict: boolean } {
  const sharedPlaces = [...a.rareKeys].filter((k) => b.rareKeys.has(k));
  const da = a.titleDistricts;
  const db = b.titleDistricts;
  const placeConflict =
    (da.length > 0 && db.length > 0 && !da.some((d) => db.includes(d))) ||
    (placeUnmentioned(a.titleNameGrams, b.text) && placeUnmentioned(b.titleNameGrams, a.text));
  return { sharedPlaces, placeConflict };
}
