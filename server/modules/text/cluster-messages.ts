import { comparePlaces } from './compare-places.ts';
import { placeSignature } from './place-signature.ts';
import { findNeighbours } from './find-neighbours.ts';
import type { MessageProfile } from './profile-message.ts';
import { bigramPrefix } from './similarity-terms.ts';
import type { SimilarityIndex } from './similarity-types.ts';

/** When two messages are linked as one matter, and how linked groups may merge. */
export interface ClusterOptions {
  /** Neighbours looked at per message. */
  neighbours: number;
  /** Linked on similarity alone (cosine of pruned vectors). */
  linkScore: number;
  /** Linked when both name the same specific place… */
  samePlaceScore: number;
  /**
   * …and, with the place's own words left out, are still this similar: the same place with the
   * same problem (油烟 at one estate), not the same place with another (开裂 at that estate).
   */
  samePlaceIssueScore: number;
  /** Linked when the same account posted both. */
  sameUserScore: number;
  /** Titles naming different places are never linked, unless one account posted both this similar. */
  conflictOverrideScore: number;
  /** Two groups merge when links between them reach this share of the smaller group's size. */
  mergeRatio: number;
}

/** Cosine of two messages' pruned vectors leaving out the terms inside any of `places`. */
function issueScore(index: SimilarityIndex, a: number, b: number, places: readonly string[]): number {
  const inPlace = (t: number) => {
    const term = index.terms[t];
    const text = term.startsWith(bigramPrefix) ? term.slice(1) : term;
    return places.some((p) => p.includes(text));
  };
  const wa = new Map<number, number>();
  let na = 0;
  for (let e = index.docStart[a]; e < index.docStart[a + 1]; e++) {
    if (inPlace(index.docTerm[e])) continue;
    wa.set(index.docTerm[e], index.docWeight[e]);
    na += index.docWeight[e] ** 2;
  }
  let nb = 0;
  let dot = 0;
  for (let e = index.docStart[b]; e < index.docStart[b + 1]; e++) {
    if (inPlace(index.docTerm[e])) continue;
    nb += index.docWeight[e] ** 2;
    dot += (wa.get(index.docTerm[e]) ?? 0) * index.docWeight[e];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** A disjoint-set forest over group numbers. */
function makeUnion(n: number): { find(x: number): number; union(a: number, b: number): void } {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  return { find, union: (a, b) => void (parent[find(a)] = find(b)) };
}

/**
 * Groups indexed messages about the same concrete thing. Each message is linked to those of its
 * nearest neighbours that pass the duplicate-style test (similar; or less similar but naming the
 * same place with the same problem, or posted by the same account; never when the titles name
 * different places). Then
 * star clustering: the best-linked message not yet taken leads a group of its untaken links, so
 * one hub cannot chain unrelated matters together; groups merge only when many links join them.
 * Returns groups of message numbers, largest first; single messages are left out.
 */
export function clusterMessages(index: SimilarityIndex, profiles: readonly MessageProfile[], options: ClusterOptions): number[][] {
  const n = index.size;
  const minScore = Math.min(options.linkScore, options.samePlaceScore, options.sameUserScore);
  const links: number[][] = Array.from({ length: n }, () => []);
  const signatures = profiles.map((p) => placeSignature(p, index));
  for (let i = 0; i < n; i++) {
    // Tighter budgets than a search: only close neighbours matter here, and they share a message's
    // strongest terms, so its 48 strongest terms and the strongest 200 postings of each (2,000 in
    // all) find them; on messages-hot.jsonl the topics are the same as with full postings.
    for (const m of findNeighbours(index, i, options.neighbours, { minScore, maxQueryTerms: 48, maxPostingsPerTerm: 200, maxPostings: 2000 })) {
      const j = m.doc;
      // Each pair is judged once, from its lower number; the link is stored both ways.
      if (j < i && links[j].includes(i)) continue;
      const a = profiles[i];
      const b = profiles[j];
      const sameUser = a.user !== undefined && a.user === b.user;
      const ok = m.score >= options.linkScore || (sameUser && m.score >= options.sameUserScore) || m.score >= options.samePlaceScore;
      if (!ok) continue;
      const { sharedPlaces, placeConflict } = comparePlaces(signatures[i], signatures[j]);
      if (placeConflict && !(sameUser && m.score >= options.conflictOverrideScore)) continue;
      if (m.score < options.linkScore && !(sameUser && m.score >= options.sameUserScore)) {
        if (sharedPlaces.length === 0 || issueScore(index, i, j, sharedPlaces) < options.samePlaceIssueScore) continue;
      }
      if (!links[i].includes(j)) links[i].push(j);
      if (!links[j].includes(i)) links[j].push(i);
    }
  }

  // Star clustering, best-linked first.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => links[b].length - links[a].length || a - b);
  const group = new Int32Array(n).fill(-1);
  let groups = 0;
  for (const i of order) {
    if (group[i] !== -1 || links[i].length === 0) continue;
    group[i] = groups;
    for (const j of links[i]) if (group[j] === -1) group[j] = groups;
    groups++;
  }

  // Merge groups joined by many links, until nothing changes (a few rounds in practice).
  const union = makeUnion(groups);
  const size = new Int32Array(groups);
  for (let i = 0; i < n; i++) if (group[i] !== -1) size[group[i]]++;
  for (let round = 0; round < 20; round++) {
    const between = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (group[i] === -1) continue;
      const gi = union.find(group[i]);
      for (const j of links[i]) {
        const gj = union.find(group[j]);
        if (gi < gj) between.set(gi * groups + gj, (between.get(gi * groups + gj) ?? 0) + 1);
      }
    }
    const candidates = [...between].map(([key, count]) => {
      const a = Math.floor(key / groups);
      const b = key % groups;
      // Links are counted from both ends, hence the halving.
      return { a, b, ratio: count / 2 / Math.min(size[a], size[b]) };
    });
    candidates.sort((x, y) => y.ratio - x.ratio);
    let merged = false;
    for (const c of candidates) {
      if (c.ratio < options.mergeRatio) break;
      const a = union.find(c.a);
      const b = union.find(c.b);
      // Only groups unchanged this round merge, so ratios stay true to the groups they describe.
      if (a !== c.a || b !== c.b) continue;
      union.union(a, b);
      size[b] += size[a];
      merged = true;
    }
    if (!merged) break;
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (group[i] === -1) continue;
    const g = union.find(group[i]);
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  return [...members.values()].filter((m) => m.length > 1).sort((a, b) => b.length - a.length || a[0] - b[0]);
}
