import { bigramPrefix, similarityTerms } from './similarity-terms.ts';
import { findOverlappingSpans, type OverlappingSpans } from './find-overlapping-spans.ts';
import { profileMessage } from './profile-message.ts';
import { comparePlaces } from './compare-places.ts';
import { placeSignature } from './place-signature.ts';
import { weighTerms } from './weigh-terms.ts';
import { asksQuestion } from './asks-question.ts';
import { titleYears } from './title-years.ts';
import type { SimilarityDoc, SimilarityIndex } from './similarity-types.ts';

/** What two messages share and where they differ, for the duplicate decision and the reviewer. */
export interface DuplicateSignals {
  /** Cosine of their TF-IDF vectors (words + bigrams, title weighted), in [0, 1]. */
  score: number;
  /** Cosine of the titles alone: a re-post often rewrites the text but names the same thing. */
  titleScore: number;
  /** Both posted by the same account. */
  sameUser: boolean;
  /** When `sameUser`: that account's messages in the index (a prolific account posts about many matters); else null. */
  accountPosts: number | null;
  /** Specific place names both mention (an estate, a village, a road). */
  sharedPlaces: string[];
  /**
   * Cosine with the words of `sharedPlaces` left out (0 when no place is shared): whether the two
   * share the problem as well as the place (油烟 at one estate, not 油烟 and 开裂), as hot topics test.
   */
  issueScore: number;
  /**
   * Rare words both titles use (jieba words in at most 1 % of messages): often the name of a
   * company, a platform or an estate that has no place suffix (58车贷, 美麓阳光).
   */
  sharedTitleWords: string[];
  /** Their titles name different districts or different places: the same complaint, elsewhere. */
  placeConflict: boolean;
  /** Both titles name a year and no year is common to both (a subsidy of 2017 and one of 2018). */
  yearConflict: boolean;
  /**
   * Both titles are put as questions (`asksQuestion`): a consultation about a policy is answered
   * for the asker's own circumstances, so two people asking about one policy are two matters.
   */
  bothQuestions: boolean;
  /** Days between the two posts; null when a time is missing. */
  daysApart: number | null;
  /** Share of the shorter detail covered by identical runs of 8+ characters (copy and paste). */
  copied: number;
  /** Identical runs, for highlighting: in the titles and in the details. */
  spans: { title: OverlappingSpans; detail: OverlappingSpans };
}

/** A word in at most 1 % of messages names something specific. As an IDF floor: 1 + ln(100). */
const RARE_WORD_IDF = 1 + Math.log(100);

/** Dot product of two unit vectors, clipped to 1 against rounding. */
function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let sum = 0;
  for (const [term, w] of a) {
    const v = b.get(term);
    if (v !== undefined) sum += w * v;
  }
  return Math.min(1, sum);
}

/** Cosine of two weighted term vectors leaving out the terms (words or bigrams) inside any of `places`. */
function cosineWithout(a: Map<string, number>, b: Map<string, number>, places: readonly string[]): number {
  const kept = (term: string) => {
    const text = term.startsWith(bigramPrefix) ? term.slice(bigramPrefix.length) : term;
    return !places.some((p) => p.includes(text));
  };
  let na = 0;
  let nb = 0;
  let dot = 0;
  for (const [term, w] of a) {
    if (!kept(term)) continue;
    na += w * w;
    dot += w * (b.get(term) ?? 0);
  }
  for (const [term, w] of b) if (kept(term)) nb += w * w;
  return na && nb ? Math.min(1, dot / Math.sqrt(na * nb)) : 0;
}

/**
 * Everything the duplicate decision weighs about a pair of messages, with the corpus statistics
 * of `index` (IDF, rarity of place names): similarity, same account, shared or conflicting
 * places, time apart, copied text and the spans to highlight.
 */
export function duplicateSignals(a: SimilarityDoc, b: SimilarityDoc, index: SimilarityIndex): DuplicateSignals {
  const vectorA = weighTerms(index, similarityTerms(a.title, a.detail));
  const vectorB = weighTerms(index, similarityTerms(b.title, b.detail));
  const score = cosine(vectorA, vectorB);
  const titleTermsA = similarityTerms(a.title, '');
  const titleTermsB = similarityTerms(b.title, '');
  const titleScore = cosine(weighTerms(index, titleTermsA), weighTerms(index, titleTermsB));
  const sharedTitleWords = [...titleTermsA.keys()].filter((t) => {
    if (t.startsWith(bigramPrefix) || !titleTermsB.has(t)) return false;
    const id = index.vocabulary.get(t);
    return (id === undefined ? index.idfOfUnseen : index.idf[id]) >= RARE_WORD_IDF;
  });

  const pa = profileMessage(a);
  const pb = profileMessage(b);
  const { sharedPlaces, placeConflict } = comparePlaces(placeSignature(pa, index), placeSignature(pb, index));
  const daysApart = pa.time === null || pb.time === null ? null : Math.abs(pa.time - pb.time) / 86_400_000;

  const detail = findOverlappingSpans(a.detail, b.detail);
  const shorter = Math.min(a.detail.length, b.detail.length);
  const sameUser = pa.user !== undefined && pa.user === pb.user;
  const yearsA = titleYears(a.title);
  const yearsB = titleYears(b.title);
  return {
    score,
    titleScore,
    sameUser,
    accountPosts: sameUser ? (index.userPosts.get(pa.user!) ?? 0) : null,
    sharedPlaces,
    issueScore: sharedPlaces.length ? cosineWithout(vectorA, vectorB, sharedPlaces) : 0,
    sharedTitleWords,
    placeConflict,
    yearConflict: yearsA.length > 0 && yearsB.length > 0 && !yearsA.some((y) => yearsB.includes(y)),
    bothQuestions: asksQuestion(a.title) && asksQuestion(b.title),
    daysApart,
    copied: shorter ? Math.min(1, detail.covered / shorter) : 0,
    spans: { title: findOverlappingSpans(a.title, b.title, 4), detail },
  };
}
