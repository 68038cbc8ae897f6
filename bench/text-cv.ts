/**
 * Repeated stratified k-fold cross-validation of the message classifier on a labelled JSONL file
 * (the only honest way to choose a method with 932 rows: one split's score moves by ±0.02).
 *
 *   npx tsx bench/text-cv.ts <train.jsonl> [--folds 5] [--repeats 3] [--set '{"C":0.5}'] [--oof out.jsonl] [--taxonomy label-taxonomy.csv]
 *
 * Prints the mean and standard deviation of macro-F1 over all folds of all repeats, and the
 * out-of-fold macro-F1 of each repeat. `--set` overrides classifier options (JSON). `--oof`
 * writes the first repeat's out-of-fold predictions in input order, to check with
 * /work/shared/tools/macro-f1.mjs <train.jsonl> <out.jsonl>. `--taxonomy` adds the category tree's
 * names to every fold's training (`taxonomyExamples`); the test messages are always only messages.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { readJsonl, recordId, toJsonl } from '../server/modules/text/jsonl.ts';
import { defaultClassifierOptions, type ClassifierOptions } from '../server/modules/text/classifier-model.ts';
import { extractTerms } from '../server/modules/text/extract-terms.ts';
import { trainClassifierOnTerms } from '../server/modules/text/train-classifier-on-terms.ts';
import { classifyTerms } from '../server/modules/text/classify-terms.ts';
import { taxonomyExamples } from '../server/modules/text/classifier-taxonomy.ts';
import { stratifiedFolds } from '../server/modules/text/stratified-folds.ts';
import { macroF1 } from './macro-f1.ts';

/** Cross-validation figures of one set of options. */
export interface CvResult {
  folds: number;
  repeats: number;
  meanF1: number;
  stdF1: number;
  /** Out-of-fold macro-F1 of each repeat (all folds' predictions pooled). */
  oofF1: number[];
  /** The first repeat's out-of-fold predicted labels, in input order. */
  firstOof: string[];
  /** Out-of-fold log-loss of the probabilities, mean over messages of all repeats. */
  logLoss: number;
}

/** Runs repeated stratified k-fold cross-validation of `trainClassifier` with the given options. */
export async function crossValidate(file: string, options: ClassifierOptions, folds = 5, repeats = 3, taxonomyFile?: string): Promise<CvResult> {
  const records = await readJsonl(file, ['id', 'title', 'detail', 'label']);
  const labels = records.map((r) => String(r.value.label));
  const terms = records.map((r) => extractTerms(String(r.value.title), String(r.value.detail), options));
  const extras = taxonomyFile ? taxonomyExamples(await readFile(taxonomyFile, 'utf8'), [...new Set(labels)]) : [];
  const extra = { termLists: extras.map((e) => extractTerms(e.title, e.detail, options)), labels: extras.map((e) => e.label) };
  const scores: number[] = [];
  const oofF1: number[] = [];
  let firstOof: string[] = [];
  let lossSum = 0;
  for (let rep = 0; rep < repeats; rep++) {
    const fold = stratifiedFolds(labels, folds, 7919 * (rep + 1));
    const oof = new Array<string>(records.length);
    for (let f = 0; f < folds; f++) {
      const train = records.map((_, i) => i).filter((i) => fold[i] !== f);
      const test = records.map((_, i) => i).filter((i) => fold[i] === f);
      const model = trainClassifierOnTerms(train.map((i) => terms[i]), train.map((i) => labels[i]), options, extra);
      const predicted = test.map((i) => {
        const c = classifyTerms(model, terms[i]);
        lossSum -= Math.log(Math.max(c.scores[labels[i]] ?? 0, 1e-12));
        oof[i] = c.label;
        return c.label;
      });
      scores.push(macroF1(test.map((i) => labels[i]), predicted));
    }
    oofF1.push(macroF1(labels, oof));
    if (rep === 0) firstOof = oof;
  }
  const meanF1 = scores.reduce((a, b) => a + b, 0) / scores.length;
  const stdF1 = Math.sqrt(scores.reduce((a, b) => a + (b - meanF1) ** 2, 0) / (scores.length - 1));
  return { folds, repeats, meanF1, stdF1, oofF1, firstOof, logLoss: lossSum / (records.length * repeats) };
}

async function main(args: string[]): Promise<void> {
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file) {
    console.error('usage: npx tsx bench/text-cv.ts <train.jsonl> [--folds 5] [--repeats 3] [--set JSON] [--oof out.jsonl] [--taxonomy csv]');
    process.exit(2);
  }
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const options: ClassifierOptions = { ...defaultClassifierOptions, ...(JSON.parse(flag('--set') ?? '{}') as Partial<ClassifierOptions>) };
  const started = performance.now();
  const r = await crossValidate(file, options, Number(flag('--folds') ?? 5), Number(flag('--repeats') ?? 3), flag('--taxonomy'));
  const oofFile = flag('--oof');
  if (oofFile) {
    const records = await readJsonl(file, ['id']);
    await writeFile(oofFile, toJsonl(records.map((rec, i) => ({ id: rec.value.id ?? recordId(rec), label: r.firstOof[i] }))));
  }
  console.log(
    JSON.stringify({
      folds: r.folds,
      repeats: r.repeats,
      macro_f1_mean: +r.meanF1.toFixed(4),
      macro_f1_std: +r.stdF1.toFixed(4),
      oof_macro_f1: r.oofF1.map((x) => +x.toFixed(4)),
      log_loss: +r.logLoss.toFixed(4),
      seconds: +((performance.now() - started) / 1000).toFixed(1),
      options: flag('--set') ? JSON.parse(flag('--set')!) : 'default',
      taxonomy: flag('--taxonomy') ?? null,
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
