import { buildSimilarityIndex, defaultSimilarityIndexOptions, indexFromBags, WEIGHT_SCALE } from './build-similarity-index.ts';
import { countTermBags } from './count-term-bags.ts';
import { mergeTermBags } from './term-bags.ts';
import { clusterMessages, type ClusterOptions } from './cluster-messages.ts';
import { labelTopic } from './label-topic.ts';
import { profileMessage, type MessageProfile } from './profile-message.ts';
import { topicHeat } from './topic-heat.ts';
import type { SimilarityDoc, SimilarityIndex } from './similarity-types.ts';

/** Tuning of the hot-topic search; the defaults were set on messages-hot.jsonl. */
export interface HotTopicOptions extends ClusterOptions {
  /** Topics returned. */
  top: number;
  /** Messages a topic needs at least. */
  minSize: number;
  /** Representative messages per topic. */
  representatives: number;
  /** An index already built over exactly these messages (else one is built, 48 terms per message). */
  index?: SimilarityIndex;
}

/** One hot topic: a concrete matter many citizens raise. `ids` are its messages, oldest first. */
export interface HotTopic {
  label: string;
  size: number;
  heat: number;
  ids: string[];
  /** The messages closest to the topic's centre, best first: what to read first. */
  representativeIds: string[];
  place: string | null;
  keywords: string[];
  /** Distinct accounts (equals `size` when the input has no `user` field). */
  users: number;
  likes: number;
  /** Earliest and latest posting times as given in the input, when present. */
  firstTime: string | null;
  lastTime: string | null;
}

/**
 * Terms kept per message in a hot-topic index: 48 instead of a search index's 64 is a third less
 * work, and on messages-hot.jsonl the same top 10 (the mixed group of three plots drops out).
 */
const HOT_TERMS_PER_DOC = 48;

export const defaultHotTopicOptions: Omit<HotTopicOptions, 'index'> = {
  top: 10,
  minSize: 3,
  representatives: 3,
  neighbours: 12,
  linkScore: 0.3,
  samePlaceScore: 0.2,
  samePlaceIssueScore: 0.1,
  sameUserScore: 0.3,
  conflictOverrideScore: 0.3,
  mergeRatio: 0.5,
};

/**
 * The hottest matters in a set of messages (每月一题): messages about the same concrete thing
 * are grouped (`clusterMessages` over the similarity index), each group is labelled with its
 * place and key words, and groups are ranked by `topicHeat` (distinct citizens, bursts, likes).
 */
export function findHotTopics(messages: readonly SimilarityDoc[], options: Partial<HotTopicOptions> = {}): HotTopic[] {
  const opts = { ...defaultHotTopicOptions, ...options };
  const index = opts.index ?? buildSimilarityIndex(messages, { termsPerDoc: HOT_TERMS_PER_DOC });
  return hotTopicsOf(messages, index, messages.map(profileMessage), opts);
}

/**
 * `findHotTopics` with the segmentation, most of the work, spread over `threads` worker threads
 * (default 2); the messages' profiles are made meanwhile. The same topics. Use it where the
 * caller can wait for a promise and the machine has cores to spare (the CLI, a background job).
 */
export async function findHotTopicsInParallel(messages: readonly SimilarityDoc[], options: Partial<HotTopicOptions> & { threads?: number } = {}): Promise<HotTopic[]> {
  const opts = { ...defaultHotTopicOptions, ...options };
  if (opts.index || messages.length > defaultSimilarityIndexOptions.idfSampleSize) return findHotTopics(messages, options);
  const { parts, meanwhile: profiles } = await countTermBags(messages, { threads: opts.threads ?? 2 }, () => messages.map(profileMessage));
  const index = indexFromBags(mergeTermBags(parts), messages, { termsPerDoc: HOT_TERMS_PER_DOC });
  return hotTopicsOf(messages, index, profiles, opts);
}

/** The topics of indexed, profiled messages. */
function hotTopicsOf(messages: readonly SimilarityDoc[], index: SimilarityIndex, profiles: readonly MessageProfile[], opts: Omit<HotTopicOptions, 'index'>): HotTopic[] {
  // Heat for every group first; only the groups that make the list are labelled (labels cost).
  const ranked = clusterMessages(index, profiles, opts)
    .filter((members) => members.length >= opts.minSize)
    .map((members) => {
      const users = new Set(members.map((i) => profiles[i].user ?? `#${i}`)).size;
      const likes = members.reduce((sum, i) => sum + (Number.isFinite(messages[i].likes) ? Number(messages[i].likes) : 0), 0);
      const times = members.map((i) => profiles[i].time).filter((t): t is number => t !== null);
      return { members, users, likes, heat: topicHeat({ size: members.length, users, likes, times }) };
    })
    .sort((a, b) => b.heat - a.heat || b.members.length - a.members.length || a.members[0] - b.members[0])
    .slice(0, opts.top);
  return ranked.map(({ members, users, likes, heat }) => ({
    ...topicOf(index, messages, profiles, members, opts.representatives),
    size: members.length,
    heat,
    users,
    likes,
  }));
}

/** Label, members in time order, representatives (closest to the centroid) and time span of one group. */
function topicOf(
  index: SimilarityIndex,
  messages: readonly SimilarityDoc[],
  profiles: readonly MessageProfile[],
  members: number[],
  representatives: number,
): Pick<HotTopic, 'label' | 'ids' | 'representativeIds' | 'place' | 'keywords' | 'firstTime' | 'lastTime'> {
  const { label, place, keywords } = labelTopic(index, messages, profiles, members);
  const byTime = [...members].sort((a, b) => (profiles[a].time ?? 0) - (profiles[b].time ?? 0) || a - b);
  const centroid = new Map<number, number>();
  for (const i of members) {
    for (let e = index.docStart[i]; e < index.docStart[i + 1]; e++) centroid.set(index.docTerm[e], (centroid.get(index.docTerm[e]) ?? 0) + index.docWeight[e] / WEIGHT_SCALE);
  }
  const closeness = (i: number) => {
    let s = 0;
    for (let e = index.docStart[i]; e < index.docStart[i + 1]; e++) s += (centroid.get(index.docTerm[e]) ?? 0) * index.docWeight[e];
    return s / Math.sqrt(index.docMass[i] || 1);
  };
  const ranked = [...members].sort((a, b) => closeness(b) - closeness(a) || a - b);
  const timed = byTime.filter((i) => messages[i].time);
  return {
    label,
    place,
    keywords,
    ids: byTime.map((i) => messages[i].id),
    representativeIds: ranked.slice(0, representatives).map((i) => messages[i].id),
    firstTime: timed.length ? messages[timed[0]].time! : null,
    lastTime: timed.length ? messages[timed[timed.length - 1]].time! : null,
  };
}
