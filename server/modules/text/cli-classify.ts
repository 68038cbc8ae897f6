import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readJsonl, recordId, toJsonl, writeWhole, TextInputError, type JsonlRecord } from './jsonl.ts';
import { runTextCommand } from './cli.ts';
import { trainClassifier } from './train-classifier.ts';
import { taxonomyExamples } from './classifier-taxonomy.ts';
import { classifyText } from './classify-text.ts';
import { serializeClassifier } from './serialize-classifier.ts';
import { parseClassifier } from './parse-classifier.ts';
import type { ClassifierModel } from './classifier-model.ts';
import { scoreReplies } from './score-replies.ts';
import { isReplyTime } from './reply-timeliness.ts';
import { findCopies, defaultCopyOptions } from './find-copies.ts';

/** Reads and checks a model file; every problem is a refusal naming the file. */
async function readModel(file: string): Promise<ClassifierModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new TextInputError(`${file}: cannot read the model file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TextInputError(`${file}: the model file is not JSON (${(e as Error).message})`);
  }
  try {
    return parseClassifier(json);
  } catch (e) {
    throw new TextInputError(`${file}: ${(e as Error).message}`);
  }
}

/** A field that must be a non-empty string when present. */
function optionalString(r: JsonlRecord, file: string, field: string): string {
  const v = r.value[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new TextInputError(`${file}:${r.line}: field "${field}" must be a string`);
  return v;
}

/** `--min-overlap` and `--shingle` as checked numbers (a bad value is bad input: exit 2). */
function copyOptions(opts: { minOverlap: string; shingle: string }): { minOverlap: number; shingle: number } {
  const minOverlap = Number(opts.minOverlap);
  const shingle = Number(opts.shingle);
  if (!Number.isFinite(minOverlap) || minOverlap <= 0 || minOverlap > 1) throw new TextInputError(`--min-overlap must be a number in (0, 1], got ${opts.minOverlap}`);
  if (!Number.isInteger(shingle) || shingle < 4 || shingle > 50) throw new TextInputError(`--shingle must be a whole number from 4 to 50, got ${opts.shingle}`);
  return { minOverlap, shingle };
}

/** The category tree's names as training examples of the file's labels; a file that cannot be read or has no level columns is refused by name. */
async function readTaxonomy(file: string, labels: string[]) {
  let csv: string;
  try {
    csv = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TextInputError(code ? `${file}: cannot read the category tree (${code})` : `${file}: the category tree is not UTF-8 text`);
  }
  try {
    const examples = taxonomyExamples(csv, labels);
    if (examples.length === 0) throw new TextInputError(`${file}: no category of the tree belongs to the labels of the training file`);
    return examples;
  } catch (err) {
    if (err instanceof TextInputError) throw err;
    throw new TextInputError(`${file}: ${(err as Error).message}`);
  }
}

/** `text train`, `text classify`, `text reply-quality`, `text copies`. */
export function registerClassifyCommands(text: Command): void {
  text
    .command('train')
    .description('train the message classifier on JSONL lines {id, title, detail, label}; writes the model file (JSON) atomically')
    .requiredOption('--input <file>', 'labelled messages, JSONL')
    .requiredOption('--model <file>', 'model file to write')
    .option('--taxonomy <csv>', 'the category tree (CSV with columns level1, level2, level3): its names are added as short training examples of their level-1 label')
    .action((opts: { input: string; model: string; taxonomy?: string }) =>
      runTextCommand(async () => {
        const records = await readJsonl(opts.input, ['id', 'title', 'detail', 'label']);
        for (const r of records) if (!String(r.value.label).trim()) throw new TextInputError(`${opts.input}:${r.line}: field "label" is empty`);
        const labels = new Set(records.map((r) => String(r.value.label)));
        if (labels.size < 2) throw new TextInputError(`${opts.input}: a classifier needs at least two labels, the file has ${labels.size}`);
        const extra = opts.taxonomy ? await readTaxonomy(opts.taxonomy, [...labels]) : [];
        const started = performance.now();
        const model = trainClassifier(records.map((r) => ({ title: String(r.value.title), detail: String(r.value.detail), label: String(r.value.label) })), {}, extra);
        await writeWhole(opts.model, serializeClassifier(model));
        console.error(`trained on ${records.length} messages, ${labels.size} labels, ${model.keys.length} features in ${((performance.now() - started) / 1000).toFixed(1)} s → ${opts.model}`);
      }),
    );

  text
    .command('classify')
    .description('classify JSONL lines {id, title, detail}; prints {"id","label","scores"} per line, in order')
    .requiredOption('--model <file>', 'model file written by `text train`')
    .requiredOption('--input <file>', 'messages, JSONL')
    .option('--output <file>', 'write the JSONL here (atomically) instead of stdout')
    .action((opts: { model: string; input: string; output?: string }) =>
      runTextCommand(async () => {
        const model = await readModel(opts.model);
        const records = await readJsonl(opts.input, ['id', 'title', 'detail']);
        const out = records.map((r) => {
          const c = classifyText(model, String(r.value.title), String(r.value.detail));
          // Full precision: rounded probabilities would no longer sum to 1.
          return { id: r.value.id, label: c.label, scores: c.scores };
        });
        await writeWhole(opts.output, toJsonl(out));
      }),
    );

  text
    .command('reply-quality')
    .description('judge official replies, JSONL lines {id, title?, detail, reply, time, reply_time}; prints {"id","score","relevance","completeness","timeliness","missing"} (scores 0..1)')
    .requiredOption('--input <file>', 'messages with their replies, JSONL; times YYYY-MM-DD HH:MM:SS China time')
    .option('--output <file>', 'write the JSONL here (atomically) instead of stdout')
    .action((opts: { input: string; output?: string }) =>
      runTextCommand(async () => {
        const records = await readJsonl(opts.input, ['id', 'detail', 'reply', 'time', 'reply_time']);
        const rows = records.map((r) => {
          for (const f of ['time', 'reply_time']) if (!isReplyTime(String(r.value[f]))) throw new TextInputError(`${opts.input}:${r.line}: field "${f}" must be YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(r.value[f])}`);
          return { id: r.value.id, title: optionalString(r, opts.input, 'title'), detail: String(r.value.detail), reply: String(r.value.reply), time: String(r.value.time), replyTime: String(r.value.reply_time) };
        });
        const out = scoreReplies(rows).map((q, i) => ({
          id: rows[i].id,
          score: q.score,
          relevance: q.relevance,
          completeness: q.completeness,
          timeliness: q.timeliness,
          working_days: q.workingDays,
          missing: q.missing,
        }));
        await writeWhole(opts.output, toJsonl(out));
      }),
    );

  text
    .command('copies')
    .description('find texts (e.g. study reflections 心得体会) that largely copy each other, JSONL lines {id, text}; prints {"a","b","overlap","spans"} per pair')
    .requiredOption('--input <file>', 'texts, JSONL; ids must be unique')
    .option('--min-overlap <share>', "smallest share of the shorter text's letters and digits found in shared passages", String(defaultCopyOptions.minOverlap))
    .option('--shingle <chars>', 'shortest shared passage that counts, in characters', String(defaultCopyOptions.shingle))
    .option('--output <file>', 'write the JSONL here (atomically) instead of stdout')
    .action((opts: { input: string; minOverlap: string; shingle: string; output?: string }) =>
      runTextCommand(async () => {
        const options = copyOptions(opts);
        const records = await readJsonl(opts.input, ['id', 'text']);
        const seen = new Map<string, number>();
        for (const r of records) {
          const id = recordId(r);
          if (seen.has(id)) throw new TextInputError(`${opts.input}:${r.line}: id ${id} already used on line ${seen.get(id)}`);
          seen.set(id, r.line);
        }
        const pairs = findCopies(records.map((r) => ({ id: recordId(r), text: String(r.value.text) })), options);
        await writeWhole(opts.output, toJsonl(pairs));
      }),
    );
}
