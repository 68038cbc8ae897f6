import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const fixture = (name: string) => path.join(here, 'fixtures', name);
// Each child process loads the whole CLI through tsx and jieba: seconds on a busy two-core machine.
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

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'jiceng-text-similar-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jiceng text similar / hot (happy paths)', { timeout: CHILD_TIMEOUT }, () => {
  it('similar prints one line per query, in order, best matches first, never the query itself', async () => {
    const run = await jiceng('similar', '--corpus', fixture('similar-corpus.jsonl'), '--query', fixture('similar-query.jsonl'), '--top', '2');
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; matches: { id: string; score: number }[] });
    expect(out.map((o) => o.id)).toEqual(['q1', 'c3', 'q3']);
    expect(out[0].matches.map((m) => m.id).sort()).toEqual(['c1', 'c2']);
    expect(out[1].matches[0].id).toBe('c4');
    expect(out[1].matches.map((m) => m.id)).not.toContain('c3');
    expect(out[2].matches[0].id).toBe('c7');
    for (const o of out) {
      expect(o.matches).toHaveLength(2);
      expect(o.matches[0].score).toBeGreaterThanOrEqual(o.matches[1].score);
    }
  });

  it('hot writes a JSON array of topics, hottest first, to --output', async () => {
    const run = await jiceng('hot', '--input', fixture('hot-messages.jsonl'), '--top', '2', '--output', file('hot.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const topics = JSON.parse(await readFile(file('hot.json'), 'utf8')) as { label: string; size: number; heat: number; ids: string[] }[];
    expect(topics).toHaveLength(2);
    for (const t of topics) {
      expect(typeof t.label).toBe('string');
      expect(t.size).toBe(t.ids.length);
    }
    expect(topics[0].heat).toBeGreaterThanOrEqual(topics[1].heat);
    expect(topics.map((t) => t.label).join(' ')).toMatch(/金桂园小区|东湖路/);
  });
});

describe('jiceng text similar / hot (bad input: exit 2, nothing written)', { timeout: CHILD_TIMEOUT }, () => {
  it('refuses a line missing a required field, naming the line, and writes no output file', async () => {
    await writeFile(file('missing.jsonl'), '{"id":"a","title":"路灯不亮","detail":"长安路路灯不亮"}\n{"id":"b","title":"只有标题"}\n');
    const run = await jiceng('similar', '--corpus', file('missing.jsonl'), '--query', fixture('similar-query.jsonl'), '--output', file('out.jsonl'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.jsonl:2: missing field "detail"');
    expect(run.stdout).toBe('');
    expect((await readdir(dir)).filter((n) => n.includes('out.jsonl'))).toEqual([]);
  });

  it('refuses a broken JSON line in the query file', async () => {
    await writeFile(file('broken.jsonl'), '{"id":"q","title":"电梯","detail":"电梯坏了"}\n{"id":"r","title":\n');
    const run = await jiceng('similar', '--corpus', fixture('similar-corpus.jsonl'), '--query', file('broken.jsonl'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken.jsonl:2: not valid JSON');
    expect(run.stdout).toBe('');
  });

  it('refuses an empty file and a file that is not UTF-8 (hot)', async () => {
    await writeFile(file('empty.jsonl'), '\n\n');
    const empty = await jiceng('hot', '--input', file('empty.jsonl'));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the file is empty');
    // "电梯" in GBK: two bytes per character, not valid UTF-8.
    await writeFile(file('gbk.jsonl'), Buffer.concat([Buffer.from('{"id":"g","title":"'), Buffer.from([0xb5, 0xe7, 0xcc, 0xdd]), Buffer.from('","detail":"x"}\n')]));
    const gbk = await jiceng('hot', '--input', file('gbk.jsonl'), '--output', file('hot-bad.json'));
    expect(gbk.code).toBe(2);
    expect(gbk.stderr).toContain('gbk.jsonl:1: the file is not UTF-8');
    expect((await readdir(dir)).filter((n) => n.includes('hot-bad'))).toEqual([]);
  });

  it('refuses a bad --top and a bad likes value', async () => {
    const top = await jiceng('similar', '--corpus', fixture('similar-corpus.jsonl'), '--query', fixture('similar-query.jsonl'), '--top', '0');
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('--top must be a whole number');
    await writeFile(file('likes.jsonl'), '{"id":"a","title":"路灯","detail":"路灯不亮","likes":"很多"}\n');
    const likes = await jiceng('hot', '--input', file('likes.jsonl'));
    expect(likes.code).toBe(2);
    expect(likes.stderr).toContain('likes.jsonl:1: field "likes" must be a non-negative number');
  });
});
