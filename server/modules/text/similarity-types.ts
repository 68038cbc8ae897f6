/**
 * Types shared by the similarity features (similar messages, duplicates, hot topics). The index
 * is a set of flat typed arrays rather than one object per message, so that a million messages
 * fit in well under 2 GB and a query touches only a few contiguous runs of memory.
 */

/** A message as the similarity features see it. Only `id`, `title` and `detail` are required. */
export interface SimilarityDoc {
  id: string;
  title: string;
  detail: string;
  /** The citizen account that posted it; re-posts by one account are a duplicate signal. */
  user?: string;
  /** Posting time, `YYYY-MM-DD HH:MM:SS` in China time (or any ISO 8601 string). */
  time?: string;
  likes?: number;
}

/** Messages to index: an array, or anything with a length and random access (generated corpora). */
export interface SimilarityDocSource {
  readonly length: number;
  at(index: number): SimilarityDoc | undefined;
}

/** Tuning of the index; the defaults fit a million messages in about 1 GB. */
export interface SimilarityIndexOptions {
  /** Terms kept per message (its highest TF-IDF weights); the rest only count in its norm. */
  termsPerDoc: number;
  /**
   * Messages whose terms estimate document frequency. A corpus no larger is tokenised once and
   * its IDF is exact; a larger one is sampled evenly (IDF of a term barely moves past 100k).
   */
  idfSampleSize: number;
}

/**
 * A static TF-IDF index: per-message pruned vectors (forward) and per-term postings sorted by
 * weight, strongest first (impact order), both L2-normalised over the message's full vector and
 * stored as 16-bit fixed point (weight × 65535).
 */
export interface SimilarityIndex {
  /** Number of indexed messages; message numbers run 0 … size − 1 in input order. */
  size: number;
  /** Message ids by message number (ids may repeat: a re-post can keep its id). */
  ids: string[];
  /**
   * Messages per account (`user`) in the index: a prolific account's two posts are weaker
   * evidence of one matter than a rare account's (see `decideDuplicate`).
   */
  userPosts: Map<string, number>;
  /** Term → term number. */
  vocabulary: Map<string, number>;
  /** Term number → term (character bigrams carry the `bigramPrefix`). */
  terms: string[];
  /** Inverse document frequency by term number (`idfOfUnseen` for terms outside the index). */
  idf: Float32Array;
  /** IDF of a term that no sampled message has: the rarest possible. */
  idfOfUnseen: number;
  /** Forward vectors: message d owns entries docStart[d] … docStart[d + 1] − 1. */
  docStart: Int32Array;
  docTerm: Int32Array;
  docWeight: Uint16Array;
  /** Share of each message's squared norm its kept terms hold (1 when nothing was pruned). */
  docMass: Float32Array;
  /** Postings: term t owns entries postingStart[t] … postingStart[t + 1] − 1, strongest first. */
  postingStart: Int32Array;
  postingDoc: Int32Array;
  postingWeight: Uint16Array;
  options: SimilarityIndexOptions;
  /** Scratch score accumulator reused by queries (one query at a time: Node is single-threaded). */
  scratch: { scores: Float32Array; touched: Int32Array } | null;
}

/** One similar message: its id, message number in the index, and cosine score in [0, 1]. */
export interface SimilarityMatch {
  id: string;
  doc: number;
  score: number;
}

/** Limits of one query: how much of the postings it may read (pruning), and a score floor. */
export interface QueryOptions {
  /** Postings read per query term at most (the strongest ones, since lists are impact-ordered). */
  maxPostingsPerTerm: number;
  /** Postings read per query in total; terms of low query weight are dropped past it. */
  maxPostings: number;
  /**
   * Query terms used, the strongest first: a message's 150 strongest terms carry nearly all of
   * any ranking, while the weak tail holds most of the postings a query would read.
   */
  maxQueryTerms: number;
  /** Matches below this score are not returned. */
  minScore: number;
  /**
   * Score against the indexed message's kept terms renormalised (the cosine with its pruned
   * vector; the default) rather than the plain dot product, a lower bound of the full cosine
   * that favours messages whose weight sits in few terms. Ranks closer to the exact cosine.
   */
  prunedCosine: boolean;
}

/** A half-open character range [start, end) in a text, for highlighting. */
export interface TextSpan {
  start: number;
  end: number;
}
