import os from 'node:os';
import type { Command } from 'commander';
import { readJsonl, toJsonl, writeWhole, TextInputError } from './jsonl.ts';
import { runTextCommand } from './cli.ts';
import { toSimilarityDoc } from './to-similarity-doc.ts';
import { buildSimilarityIndex } from './build-similarity-index.ts';
import { querySimilar } from './query-similar.ts';
import { findHotTopicsInParallel } from './find-hot-topics.ts';

/** `--top` as a checked whole number (a bad value is bad input: exit 2). */
function topOption(raw: string, max: number, name = '--top'): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new TextInputError(`${name} must be a whole number from 1 to ${max}, got ${raw}`);
  return n;
}

/** Rounds a score for output: four decimals say enough and keep the lines short. */
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** `text similar`, `text hot`. */
export function registerSimilarCommands(text: Command): void {
  text
    .command('similar')
    .description('for each query line {id, title, detail}, the most similar corpus messages: prints {"id","matches":[{"id","score"}]} per line, in order; a query never matches its own id')
    .requiredOption('--corpus <file>', 'messages to search, JSONL {id, title, detail, …}')
    .requiredOption('--query <file>', 'messages to look up, JSONL {id, title, detail, …}')
    .option('--top <n>', 'matches per query', '5')
    .option('--output <file>', 'write the JSONL here (atomically) instead of stdout')
    .action((opts: { corpus: string; query: string; top: string; output?: string }) =>
      runTextCommand(async () => {
        const top = topOption(opts.top, 1000);
        const corpus = (await readJsonl(opts.corpus, ['id', 'title', 'detail'])).map((r) => toSimilarityDoc(r, opts.corpus));
        const queries = (await readJsonl(opts.query, ['id', 'title', 'detail'])).map((r) => toSimilarityDoc(r, opts.query));
        const started = performance.now();
        const index = buildSimilarityIndex(corpus);
        const lines = queries.map((q) => ({ id: q.id, matches: querySimilar(index, q, top).map((m) => ({ id: m.id, score: round4(m.score) })) }));
        await writeWhole(opts.output, toJsonl(lines));
        console.error(`indexed ${corpus.length} messages, answered ${queries.length} queries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }),
    );

  text
    .command('hot')
    .description('hot topics (每月一题): groups of messages about one concrete matter, hottest first; prints a JSON array of {"label","size","heat","ids",…}')
    .requiredOption('--input <file>', 'messages, JSONL {id, title, detail, user?, time?, likes?}')
    .option('--top <n>', 'topics to list', '10')
    .option('--threads <n>', "threads segmenting the messages (5,000 messages or more per thread); default: 2 when the machine's load leaves a core idle, else 1", 'auto')
    .option('--output <file>', 'write the JSON here (atomically) instead of stdout')
    .action((opts: { input: string; top: string; threads: string; output?: string }) =>
      runTextCommand(async () => {
        const top = topOption(opts.top, 10_000);
        // A second thread only pays when a core is idle: on a busy machine it adds ~20 % CPU
        // (start, merge, contention) and finishes no sooner (docs/BENCHMARKS.md).
        const threads = opts.threads === 'auto' ? (os.loadavg()[0] <= os.availableParallelism() - 1 ? 2 : 1) : topOption(opts.threads, 16, '--threads');
        const messages = (await readJsonl(opts.input, ['id', 'title', 'detail'])).map((r) => toSimilarityDoc(r, opts.input));
        const started = performance.now();
        const topics = (await findHotTopicsInParallel(messages, { top, threads })).map((t) => ({
          label: t.label,
          size: t.size,
          heat: t.heat,
          ids: t.ids,
          representativeIds: t.representativeIds,
          users: t.users,
          likes: t.likes,
          firstTime: t.firstTime,
          lastTime: t.lastTime,
        }));
        await writeWhole(opts.output, JSON.stringify(topics, null, 2) + '\n');
        console.error(`${topics.length} topics from ${messages.length} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }),
    );
}
