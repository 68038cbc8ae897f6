/**
 * Precision and recall of the duplicate decision on the hand-labelled pairs of
 * messages-hot.jsonl (server/modules/text/fixtures/duplicate-pairs.jsonl: row numbers, ids,
 * label, fold, reason; no message text).
 *
 *   npx tsx bench/text-duplicates.ts [/work/shared/data/messages-hot.jsonl] [--errors] [--fit-all]
 *
 * Honest figures come from two-fold cross-validation on the fixture's `fold` column: the
 * thresholds are chosen on one half (grid search: the highest recall at precision ≥ 0.95) and
 * measured on the other, then the halves swap; the held-out decisions of both are pooled. The
 * library's default thresholds were chosen on all pairs, so their figures are in-sample and are
 * printed only for reference (`--fit-all` prints the thresholds all pairs give). `--errors` lists the misjudged pairs (ids and the labeller's
 * reason, never the texts).
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { readJsonl } from '../server/modules/text/jsonl.ts';
import { toSimilarityDoc } from '../server/modules/text/to-similarity-doc.ts';
import { buildSimilarityIndex } from '../server/modules/text/build-similarity-index.ts';
import { duplicateSignals, type DuplicateSignals } from '../server/modules/text/duplicate-signals.ts';
import { decideDuplicate, defaultDuplicateThresholds, type DuplicateThresholds } from '../server/modules/text/decide-duplicate.ts';

const FIXTURE = path.join(import.meta.dirname, '../server/modules/text/fixtures/duplicate-pairs.jsonl');
const MIN_PRECISION = 0.95;

interface LabelledPair {
  a: number;
  b: number;
  aId: string;
  bId: string;
  label: 'duplicate' | 'different';
  fold: number;
  reason: string;
}

interface Scored {
  pair: LabelledPair;
  signals: DuplicateSignals;
  duplicate: boolean;
}

/** Counts of a set of decisions against the labels. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

function confusion(items: readonly Scored[], decide: (s: DuplicateSignals) => boolean): Confusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const x of items) {
    const said = decide(x.signals);
    if (said && x.duplicate) tp++;
    else if (said) fp++;
    else if (x.duplicate) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

function add(a: Confusion, b: Confusion): Confusion {
  const tp = a.tp + b.tp;
  const fp = a.fp + b.fp;
  const fn = a.fn + b.fn;
  return { tp, fp, fn, tn: a.tn + b.tn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

/**
 * The thresholds tried: steps of 0.02 for the three scores (0.04 for the same-account one),
 * three choices for the override, five for how many messages an account may have for "same
 * account" to count (Infinity: always).
 */
function* thresholdGrid(): Generator<DuplicateThresholds> {
  for (let s = 30; s <= 90; s += 2)
    for (let p = 10; p <= s; p += 2)
      for (let u = 10; u <= s; u += 4)
        for (const c of [0.3, 0.6, 1.01])
          for (const m of [Infinity, 50, 20, 10, 5]) yield { score: s / 100, samePlaceScore: p / 100, sameUserScore: u / 100, conflictOverrideScore: c, sameUserMaxPosts: m };
}

/** The thresholds with the highest recall at precision ≥ MIN_PRECISION on `train` (ties: higher precision). */
function fitThresholds(train: readonly Scored[]): { thresholds: DuplicateThresholds; fit: Confusion } {
  let best: { thresholds: DuplicateThresholds; fit: Confusion } | null = null;
  for (const t of thresholdGrid()) {
    const c = confusion(train, (s) => decideDuplicate(s, t).isDuplicate);
    if (c.precision < MIN_PRECISION) continue;
    if (!best || c.recall > best.fit.recall || (c.recall === best.fit.recall && c.precision > best.fit.precision)) best = { thresholds: t, fit: c };
  }
  if (!best) throw new Error(`no thresholds reach precision ${MIN_PRECISION} on the training half`);
  return best;
}

/** The best plain similarity cut-off on `train`, for comparison: cosine alone, no other signal. */
function fitScoreOnly(train: readonly Scored[]): { cut: number; fit: Confusion } {
  let best: { cut: number; fit: Confusion } | null = null;
  for (let k = 10; k <= 95; k++) {
    const cut = k / 100;
    const c = confusion(train, (s) => s.score >= cut);
    if (c.precision < MIN_PRECISION) continue;
    if (!best || c.recall > best.fit.recall) best = { cut, fit: c };
  }
  return best ?? { cut: 1, fit: confusion(train, () => false) };
}

const pct = (x: number) => x.toFixed(3);
const line = (c: Confusion) => `precision ${pct(c.precision)}  recall ${pct(c.recall)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn}, tn ${c.tn})`;

/** Evaluation summary, also returned for scripts. */
export interface DuplicateEvaluation {
  pairs: number;
  duplicates: number;
  heldOut: Confusion;
  heldOutScoreOnly: Confusion;
  inSampleDefaults: Confusion;
}

/** Runs the evaluation on the messages file and prints the report. */
export async function evaluateDuplicates(file: string, showErrors = false): Promise<DuplicateEvaluation> {
  const records = await readJsonl(file, ['id', 'title', 'detail']);
  const docs = records.map((r) => toSimilarityDoc(r, file));
  const pairs = (await readFile(FIXTURE, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPair);
  for (const p of pairs) {
    if (docs[p.a]?.id !== p.aId || docs[p.b]?.id !== p.bId) throw new Error(`${file} is not the file the pairs were labelled on (row ${p.a} or ${p.b} does not hold id ${p.aId} / ${p.bId})`);
  }
  const started = performance.now();
  const index = buildSimilarityIndex(docs);
  const scored: Scored[] = pairs.map((pair) => ({ pair, signals: duplicateSignals(docs[pair.a], docs[pair.b], index), duplicate: pair.label === 'duplicate' }));
  const signalMs = performance.now() - started;

  console.log(`${pairs.length} labelled pairs (${scored.filter((s) => s.duplicate).length} duplicates, ${scored.filter((s) => !s.duplicate).length} different), index and signals in ${(signalMs / 1000).toFixed(1)} s\n`);
  let heldOut: Confusion | null = null;
  let heldOutScoreOnly: Confusion | null = null;
  for (const fold of [0, 1]) {
    const train = scored.filter((s) => s.pair.fold === fold);
    const test = scored.filter((s) => s.pair.fold !== fold);
    const { thresholds, fit } = fitThresholds(train);
    const held = confusion(test, (s) => decideDuplicate(s, thresholds).isDuplicate);
    const plain = fitScoreOnly(train);
    const heldPlain = confusion(test, (s) => s.score >= plain.cut);
    console.log(`thresholds chosen on half ${fold} (${train.length} pairs): ${JSON.stringify(thresholds)}`);
    console.log(`  on that half:        ${line(fit)}`);
    console.log(`  on the other half:   ${line(held)}`);
    console.log(`  cosine alone (≥ ${plain.cut.toFixed(2)}) on the other half: ${line(heldPlain)}`);
    heldOut = heldOut ? add(heldOut, held) : held;
    heldOutScoreOnly = heldOutScoreOnly ? add(heldOutScoreOnly, heldPlain) : heldPlain;
  }
  console.log(`\nheld-out, both halves pooled:        ${line(heldOut!)}`);
  console.log(`held-out, cosine alone, pooled:      ${line(heldOutScoreOnly!)}`);
  const inSample = confusion(scored, (s) => decideDuplicate(s, defaultDuplicateThresholds).isDuplicate);
  console.log(`library defaults on all pairs (in-sample, chosen on them): ${line(inSample)}`);
  if (process.argv.includes('--fit-all')) {
    const all = fitThresholds(scored);
    console.log(`thresholds chosen on all pairs (for the library defaults): ${JSON.stringify(all.thresholds)} ${line(all.fit)}`);
  }

  // Where the pairs sit by cosine: easy re-posts on top, the hard ones below 0.4.
  console.log('\nby cosine band (library defaults):');
  for (const [lo, hi] of [[0, 0.2], [0.2, 0.4], [0.4, 0.6], [0.6, 0.8], [0.8, 1.01]]) {
    const band = scored.filter((s) => s.signals.score >= lo && s.signals.score < hi);
    const c = confusion(band, (s) => decideDuplicate(s, defaultDuplicateThresholds).isDuplicate);
    console.log(`  ${lo.toFixed(1)}–${Math.min(hi, 1).toFixed(1)}: ${band.length} pairs (${band.filter((s) => s.duplicate).length} duplicates): ${line(c)}`);
  }
  if (showErrors) {
    console.log('\nmisjudged by the defaults:');
    for (const s of scored) {
      const said = decideDuplicate(s.signals, defaultDuplicateThresholds);
      if (said.isDuplicate === s.duplicate) continue;
      console.log(`  ${s.duplicate ? 'missed' : 'false '} ${s.pair.aId}–${s.pair.bId} cosine ${s.signals.score.toFixed(3)} ${said.reason}${s.signals.sameUser ? `, same user (${s.signals.accountPosts} posts)` : ''}${s.signals.sharedPlaces.length ? ', shared place' : ''}: ${s.pair.reason}`);
    }
  }
  const result = { pairs: pairs.length, duplicates: scored.filter((s) => s.duplicate).length, heldOut: heldOut!, heldOutScoreOnly: heldOutScoreOnly!, inSampleDefaults: inSample };
  console.log(`\n${JSON.stringify({ bench: 'text-duplicates', ...result })}`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? path.join(process.env.JICENG_TEXT_DATA ?? '/work/shared/data', 'messages-hot.jsonl');
  await evaluateDuplicates(file, args.includes('--errors'));
}
