import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const fixture = (name: string) => path.join(here, 'fixtures', name);
// Each child process loads the whole CLI through tsx: seconds on a busy two-core machine.
const CHILD_TIMEOUT = 120_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/jiceng.mjs text …` as a child process, as a user would. */
function jiceng(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/jiceng.mjs'), 'text', ...args], { cwd: root, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let dir: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'jiceng-text-cli-'));
  model = path.join(dir, 'model.json');
  const run = await jiceng('train', '--input', fixture('classify-train.jsonl'), '--model', model);
  expect(run.code, run.stderr).toBe(0);
}, CHILD_TIMEOUT);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jiceng text (happy paths)', { timeout: CHILD_TIMEOUT }, () => {
  it('train writes a model file; classify prints one line per input, in order, probabilities summing to 1', async () => {
    const run = await jiceng('classify', '--model', model, '--input', fixture('classify-input.jsonl'));
    expect(run.code, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((o) => o.id)).toEqual(['c1', 'c2', 'c3']);
    expect(out.map((o) => o.label)).toEqual(['教育文体', '交通运输', '环境保护']);
    for (const o of out) expect(Object.values(o.scores as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('classify --output writes the same lines to a file', async () => {
    const target = path.join(dir, 'out.jsonl');
    const run = await jiceng('classify', '--model', model, '--input', fixture('classify-input.jsonl'), '--output', target);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(lines(await readFile(target, 'utf8'))).toHaveLength(3);
  });

  it('reply-quality prints a judgement per reply', async () => {
    const run = await jiceng('reply-quality', '--input', fixture('replies.jsonl'));
    expect(run.code, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((o) => o.id)).toEqual(['q1', 'q2', 'q3']);
    expect(Object.keys(out[0])).toEqual(['id', 'score', 'relevance', 'completeness', 'timeliness', 'working_days', 'missing']);
    expect(out[0].score as number).toBeGreaterThan(out[1].score as number);
    expect(out[1].missing).toContain('未提供联系方式');
  });

  it('copies prints the copied pair with spans', async () => {
    const run = await jiceng('copies', '--input', fixture('reflections.jsonl'), '--min-overlap', '0.8');
    expect(run.code, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ a: 'r1', b: 'r2' });
    expect((out[0].spans as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('jiceng text (bad input: exit 2, the line named, nothing written)', { timeout: CHILD_TIMEOUT }, () => {
  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };

  /** Runs a command that must be refused, and checks that its --output never appeared. */
  const refused = async (args: string[], message: RegExp) => {
    const target = path.join(dir, `never-${Math.random().toString(36).slice(2)}.jsonl`);
    const run = await jiceng(...args, '--output', target);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect((await readdir(dir)).some((f) => f.includes(path.basename(target)))).toBe(false);
  };

  it('a missing field', async () => {
    const file = await write('missing-field.jsonl', '{"id":1,"title":"t","detail":"d"}\n{"id":2,"title":"t"}\n');
    await refused(['classify', '--model', model, '--input', file], /missing-field\.jsonl:2: missing field "detail"/);
  });

  it('a broken JSON line', async () => {
    const file = await write('broken.jsonl', '{"id":1,"title":"t","detail":"d"}\n\n{"id":2,"title":"t",\n');
    await refused(['classify', '--model', model, '--input', file], /broken\.jsonl:3: not valid JSON/);
  });

  it('an empty file', async () => {
    const file = await write('empty.jsonl', '\n\n');
    await refused(['reply-quality', '--input', file], /empty\.jsonl: the file is empty/);
  });

  it('a file that is not UTF-8 (GBK)', async () => {
    // "id":1, then 中文 in GBK bytes on line 2.
    const gbk = Buffer.concat([Buffer.from('{"id":1,"text":"ok"}\n{"id":2,"text":"'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('"}\n')]);
    const file = await write('gbk.jsonl', gbk);
    await refused(['copies', '--input', file], /gbk\.jsonl:2: the file is not UTF-8/);
  });

  it('a missing model file', async () => {
    await refused(['classify', '--model', path.join(dir, 'no-such-model.json'), '--input', fixture('classify-input.jsonl')], /no-such-model\.json: cannot read the model file \(ENOENT\)/);
  });

  it('a model file of the wrong format', async () => {
    const notJson = await write('not-json.json', 'hello');
    await refused(['classify', '--model', notJson, '--input', fixture('classify-input.jsonl')], /not-json\.json: the model file is not JSON/);
    const other = await write('other.json', '{"format":"something-else","weights":[]}');
    await refused(['classify', '--model', other, '--input', fixture('classify-input.jsonl')], /other\.json: not a Jiceng text classifier model/);
    const damaged = JSON.parse(await readFile(model, 'utf8')) as Record<string, unknown>;
    const truncated = await write('truncated.json', JSON.stringify({ ...damaged, weights: (damaged.weights as string[]).slice(1) }));
    await refused(['classify', '--model', truncated, '--input', fixture('classify-input.jsonl')], /truncated\.json: invalid classifier model/);
  });

  it('train with one label only, or a label that is not a string', async () => {
    const one = await write('one-label.jsonl', '{"id":1,"title":"a","detail":"b","label":"x"}\n{"id":2,"title":"c","detail":"d","label":"x"}\n');
    const target = path.join(dir, 'never-model.json');
    let run = await jiceng('train', '--input', one, '--model', target);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/at least two labels/);
    const numeric = await write('numeric-label.jsonl', '{"id":1,"title":"a","detail":"b","label":3}\n');
    run = await jiceng('train', '--input', numeric, '--model', target);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/numeric-label\.jsonl:1: field "label" must be a string/);
    expect((await readdir(dir)).some((f) => f.includes('never-model'))).toBe(false);
  });

  it('train with a category tree: its names count as examples; a tree without the level columns, or none of the labels, is refused', async () => {
    const tree = await write('tree.csv', 'level1,level2,level3\n交通运输,公共交通,公交线路\n教育文体,学前教育,幼儿园收费\n环境保护,噪声污染,工地夜间施工\n交通运输,其他,其他\n');
    const target = path.join(dir, 'tree-model.json');
    let run = await jiceng('train', '--input', fixture('classify-train.jsonl'), '--model', target, '--taxonomy', tree);
    expect(run.code, run.stderr).toBe(0);
    // Three names (the "其他" row says nothing and is left out).
    expect(JSON.parse(await readFile(target, 'utf8')).extraExamples).toBe(3);
    const noColumns = await write('tree-bad.csv', 'a,b,c\n交通运输,公共交通,公交线路\n');
    const otherLabels = await write('tree-other.csv', 'level1,level2,level3\n卫生计生,医疗服务,挂号难\n');
    for (const [file, message] of [
      [noColumns, /tree-bad\.csv: taxonomy CSV: the header must name level1, level2 and level3/],
      [otherLabels, /tree-other\.csv: no category of the tree belongs to the labels/],
      [path.join(dir, 'no-such.csv'), /no-such\.csv: cannot read the category tree \(ENOENT\)/],
    ] as const) {
      run = await jiceng('train', '--input', fixture('classify-train.jsonl'), '--model', path.join(dir, 'never-tree.json'), '--taxonomy', file);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await readdir(dir)).some((f) => f.includes('never-tree'))).toBe(false);
  });

  it('reply-quality with a malformed time', async () => {
    const file = await write('bad-time.jsonl', '{"id":1,"detail":"d","reply":"r","time":"2024-05-06 09:00:00","reply_time":"2024-05-06 09:00:00"}\n{"id":2,"detail":"d","reply":"r","time":"2024/05/06","reply_time":"2024-05-07 09:00:00"}\n');
    await refused(['reply-quality', '--input', file], /bad-time\.jsonl:2: field "time" must be YYYY-MM-DD HH:MM:SS/);
  });

  it('copies with repeated ids or an impossible --min-overlap', async () => {
    const file = await write('dup-ids.jsonl', '{"id":"a","text":"x"}\n{"id":"a","text":"y"}\n');
    await refused(['copies', '--input', file], /dup-ids\.jsonl:2: id a already used on line 1/);
    await refused(['copies', '--input', fixture('reflections.jsonl'), '--min-overlap', '1.5'], /--min-overlap must be a number in \(0, 1\]/);
  });
});
