/**
 * Similarity index at scale: 1,000,000 messages synthesised from the sentences of the real files
 * (read by path: JICENG_TEXT_DATA, default /work/shared/data; nothing is copied into the
 * project), then ~1,000 queries, then hot topics over 100,000 messages.
 *
 *   npm run bench -- text-similar
 *   JICENG_TEXT_DOCS=200000 JICENG_TEXT_QUERIES=500 JICENG_TEXT_HOT_DOCS=50000 npm run bench -- text-similar
 *   node --expose-gc bin/bench.mjs text-similar      # exact heap figures (GC before each reading)
 *   JICENG_TEXT_ONLY=hot npm run bench -- text-similar   # hot topics only (no 1M index, no queries)
 *   JICENG_TEXT_THREADS=1 …                              # hot topics' segmentation threads (default 2)
 *
 * A synthetic message takes one real message as its base, keeps most of its sentences, mixes in
 * one to three sentences of other messages and renames districts and numbers, so the corpus has
 * the re-post structure of the real board (each base reused ~125 times in a million) without two
 * messages being identical. Messages are generated on demand from their number (the index reads
 * them twice), so the corpus itself never sits in memory and the memory figures are the index's.
 */
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { buildSimilarityIndex } from '../server/modules/text/build-similarity-index.ts';
import { querySimilar } from '../server/modules/text/query-similar.ts';
import { findHotTopicsInParallel } from '../server/modules/text/find-hot-topics.ts';
import { similarityTerms } from '../server/modules/text/similarity-terms.ts';
import { weighTerms } from '../server/modules/text/weigh-terms.ts';
import type { SimilarityDoc, SimilarityDocSource, SimilarityIndex } from '../server/modules/text/similarity-types.ts';
import type { BenchOptions, Metrics } from './run.ts';

const log = (msg: string) => process.stderr.write(`[text-similar] ${msg}\n`);

/** mulberry32: a small seeded generator, so message i is the same message in both passes. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BaseMessage {
  title: string;
  sentences: string[];
}

/** Titles and sentences of the real files (the texts stay in memory only while the bench runs). */
async function readBases(dir: string): Promise<BaseMessage[]> {
  const bases: BaseMessage[] = [];
  for (const name of ['messages-hot.jsonl', 'messages-labelled-train.jsonl', 'messages-replies.jsonl']) {
    const text = await readFile(path.join(dir, name), 'utf8');
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      const row = JSON.parse(raw) as { title?: string; detail?: string };
      if (!row.title || !row.detail) continue;
      const sentences = row.detail
        .split(/(?<=[。！？!?；;])/)
        .map((s) => s.trim())
        .filter((s) => s.length >= 4);
      if (sentences.length) bases.push({ title: row.title, sentences });
    }
  }
  return bases;
}

const LETTERS = 'ABCDEFGHIJKLMN';

/** Districts and numbers renamed at random: the same complaint, somewhere else, other figures. */
function vary(text: string, rnd: () => number): string {
  return text
    .replace(/([A-Z])(\d{1,2})([区县市])/g, (_, _l: string, _d: string, level: string) => `${LETTERS[Math.floor(rnd() * LETTERS.length)]}${1 + Math.floor(rnd() * 12)}${level}`)
    .replace(/\d{1,4}/g, (d) => (rnd() < 0.5 ? d : String(Math.floor(rnd() * 10 ** d.length))));
}

/** Message `i` of the synthetic corpus (deterministic in `i` and `salt`). */
function synthesise(bases: readonly BaseMessage[], i: number, salt: number): SimilarityDoc & { base: number } {
  const rnd = seeded(Math.imul(i + 1, 2654435761) ^ salt);
  const base = Math.floor(rnd() * bases.length);
  const b = bases[base];
  const sentences = b.sentences.filter(() => rnd() < 0.8);
  if (!sentences.length) sentences.push(b.sentences[0]);
  const extra = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < extra; k++) {
    const other = bases[Math.floor(rnd() * bases.length)];
    sentences.splice(Math.floor(rnd() * (sentences.length + 1)), 0, other.sentences[Math.floor(rnd() * other.sentences.length)]);
  }
  const day = new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `s${i}`,
    base,
    title: vary(b.title, rnd),
    detail: vary(sentences.join(''), rnd),
    user: `U${Math.floor(rnd() * 200_000)}`,
    time: `${day} ${String(Math.floor(rnd() * 24)).padStart(2, '0')}:00:00`,
    likes: Math.floor(-Math.log(1 - rnd()) * 2),
  };
}

/** A corpus generated on demand: random access by message number, nothing stored. */
function syntheticCorpus(bases: readonly BaseMessage[], count: number, salt: number): SimilarityDocSource {
  return { length: count, at: (i) => (i >= 0 && i < count ? synthesise(bases, i, salt) : undefined) };
}

function memory(): { rss: number; heap: number; external: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers };
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

/** Bytes held by the index's typed arrays (the vocabulary Map and id strings come on top). */
function indexArrayBytes(index: SimilarityIndex): number {
  return [index.idf, index.docStart, index.docTerm, index.docWeight, index.docMass, index.postingStart, index.postingDoc, index.postingWeight].reduce((s, a) => s + a.byteLength, 0);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * What the pruning (64 terms per message, posting budgets) costs, against an exact brute-force
 * cosine over full vectors on the real hot file: the overlap of the top 5, and the share of the
 * close neighbours (exact cosine ≥ 0.3, up to 10 per query) found within the query's top n + 5.
 */
async function exactQuality(dir: string, queries: number): Promise<{ top5Overlap: number; closeRecall: number }> {
  const rows = (await readFile(path.join(dir, 'messages-hot.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: number | string; title: string; detail: string })
    .map((r) => ({ id: String(r.id), title: r.title, detail: r.detail }));
  const index = buildSimilarityIndex(rows);
  const vectors = rows.map((r) => weighTerms(index, similarityTerms(r.title, r.detail)));
  let overlap = 0;
  let asked = 0;
  let close = 0;
  let closeFound = 0;
  const step = Math.max(1, Math.floor(rows.length / queries));
  for (let q = 0; q < rows.length; q += step) {
    const exact: { i: number; s: number }[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i === q) continue;
      let s = 0;
      for (const [t, w] of vectors[q]) s += w * (vectors[i].get(t) ?? 0);
      exact.push({ i, s });
    }
    exact.sort((a, b) => b.s - a.s);
    const top5 = new Set(exact.slice(0, 5).map((e) => rows[e.i].id));
    for (const m of querySimilar(index, rows[q], 5)) if (top5.has(m.id)) overlap++;
    asked += 5;
    const near = exact.filter((e) => e.s >= 0.3).slice(0, 10);
    if (!near.length) continue;
    const got = new Set(querySimilar(index, rows[q], near.length + 5).map((m) => m.id));
    close += near.length;
    closeFound += near.filter((e) => got.has(rows[e.i].id)).length;
  }
  return { top5Overlap: overlap / asked, closeRecall: close ? closeFound / close : 1 };
}

/**
 * Hot topics over `hotDocs` synthetic messages, materialised as an array (as the CLI has it after
 * reading). CPU time next to wall time: on a shared machine the wall clock also counts other
 * people's work (CPU time includes worker threads).
 */
async function measureHotTopics(bases: readonly BaseMessage[], hotDocs: number, cpuS: () => number): Promise<Metrics> {
  const hotCorpus = Array.from({ length: hotDocs }, (_, i) => synthesise(bases, i, 0xcafe));
  const hotBefore = memory();
  const started = performance.now();
  const cpuStarted = cpuS();
  const threads = Number(process.env.JICENG_TEXT_THREADS ?? 2);
  const topics = await findHotTopicsInParallel(hotCorpus, { top: 10, threads });
  const hotS = (performance.now() - started) / 1000;
  const hotCpuS = cpuS() - cpuStarted;
  const hotAfter = memory();
  log(`hot topics over ${hotDocs.toLocaleString('en')} messages in ${hotS.toFixed(1)} s (CPU ${hotCpuS.toFixed(1)} s, RSS +${mb(hotAfter.rss - hotBefore.rss)} MB, load ${os.loadavg()[0].toFixed(2)}); hottest: ${topics[0]?.label ?? '-'} (${topics[0]?.size ?? 0})`);
  return {
    hot_docs: hotDocs,
    hot_threads: threads,
    hot_topics_s: Math.round(hotS * 10) / 10,
    hot_topics_cpu_s: Math.round(hotCpuS * 10) / 10,
    load_average_1m: Math.round(os.loadavg()[0] * 100) / 100,
    hot_rss_delta_mb: mb(hotAfter.rss - hotBefore.rss),
    hot_top_size: topics[0]?.size ?? 0,
    hot_top_label: topics[0]?.label ?? '',
  };
}

/** `npm run bench -- text-similar`: index build, memory, query latency, hot topics; figures as flat metrics. */
export async function benchTextSimilar(opts: BenchOptions): Promise<Metrics> {
  const dir = opts.textDir ?? process.env.JICENG_TEXT_DATA ?? '/work/shared/data';
  const docs = Number(process.env.JICENG_TEXT_DOCS ?? 1_000_000);
  const queryCount = Number(process.env.JICENG_TEXT_QUERIES ?? 1_000);
  const hotDocs = Number(process.env.JICENG_TEXT_HOT_DOCS ?? 100_000);
  const bases = await readBases(dir);
  const cpuS = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  if (process.env.JICENG_TEXT_ONLY === 'hot') {
    log(`${bases.length} base messages from ${dir}; hot topics only, over ${hotDocs.toLocaleString('en')}`);
    return { base_messages: bases.length, ...(await measureHotTopics(bases, hotDocs, cpuS)) };
  }
  log(`${bases.length} base messages from ${dir}; ${docs.toLocaleString('en')} synthetic messages, ${queryCount} queries, hot topics over ${hotDocs.toLocaleString('en')}`);

  const before = memory();
  const started = performance.now();
  const cpuStarted = cpuS();
  const index = buildSimilarityIndex(syntheticCorpus(bases, docs, 0x5eed));
  const buildS = (performance.now() - started) / 1000;
  const buildCpuS = cpuS() - cpuStarted;
  const after = memory();
  log(`index built in ${buildS.toFixed(0)} s (CPU ${buildCpuS.toFixed(0)} s): ${index.terms.length.toLocaleString('en')} terms, ${index.postingDoc.length.toLocaleString('en')} postings, arrays ${mb(indexArrayBytes(index))} MB, RSS +${mb(after.rss - before.rss)} MB`);

  // Queries: new messages from the same generator (other numbers, other salt), never in the corpus.
  const queries = Array.from({ length: queryCount }, (_, q) => synthesise(bases, q, 0xbeef));
  for (const q of queries.slice(0, 50)) querySimilar(index, q, 5);
  const latencies: number[] = [];
  let sameBase = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const matches = querySimilar(index, q, 5);
    latencies.push(performance.now() - t0);
    if (matches[0] && synthesise(bases, matches[0].doc, 0x5eed).base === q.base) sameBase++;
  }
  latencies.sort((a, b) => a - b);
  log(`queries: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms; top match from the query's own source message: ${((100 * sameBase) / queryCount).toFixed(1)} %`);

  const quality = await exactQuality(dir, 300);
  log(`against exact cosine on messages-hot: top-5 overlap ${(100 * quality.top5Overlap).toFixed(1)} %, close neighbours (≥ 0.3) found ${(100 * quality.closeRecall).toFixed(1)} %`);

  const hot = await measureHotTopics(bases, hotDocs, cpuS);

  return {
    docs,
    base_messages: bases.length,
    index_build_s: Math.round(buildS * 10) / 10,
    index_build_cpu_s: Math.round(buildCpuS * 10) / 10,
    index_terms: index.terms.length,
    index_postings: index.postingDoc.length,
    index_arrays_mb: mb(indexArrayBytes(index)),
    rss_delta_mb: mb(after.rss - before.rss),
    heap_delta_mb: mb(after.heap - before.heap),
    external_delta_mb: mb(after.external - before.external),
    rss_mb: mb(after.rss),
    gc_exposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    queries: queryCount,
    query_p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    query_p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
    query_max_ms: Math.round(latencies[latencies.length - 1] * 100) / 100,
    top1_same_source_pct: Math.round((1000 * sameBase) / queryCount) / 10,
    exact_top5_overlap_pct: Math.round(1000 * quality.top5Overlap) / 10,
    exact_close_recall_pct: Math.round(1000 * quality.closeRecall) / 10,
    ...hot,
  };
}
