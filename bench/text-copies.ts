/**
 * Scale check of `findCopies` (copied study reflections, 心得体会):
 *
 *   npx tsx bench/text-copies.ts [texts=20000] [data dir, default JICENG_TEXT_DATA or /work/shared/data]
 *
 * Builds `texts` reflection-like texts of 15–25 sentences drawn at random from the official
 * replies in messages-replies.jsonl (so that set phrases recur across many texts, as slogans do
 * in real reflections), plants copies of 1 % of them with an edit every ~25 characters, and
 * prints the time, the pairs found and how many planted copies were found.
 */
import path from 'node:path';
import { readJsonl } from '../server/modules/text/jsonl.ts';
import { findCopies } from '../server/modules/text/find-copies.ts';
import { seededRandom } from '../server/modules/text/seeded-random.ts';

const n = Number(process.argv[2] ?? 20_000);
const dir = process.argv[3] ?? process.env.JICENG_TEXT_DATA ?? '/work/shared/data';
const replies = await readJsonl(path.join(dir, 'messages-replies.jsonl'), ['reply']);
const sentences = replies.flatMap((r) => String(r.value.reply).split(/(?<=[。！？；])/).filter((s) => s.length >= 8));
const random = seededRandom(7);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
const texts = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, text: Array.from({ length: 15 + Math.floor(random() * 11) }, () => pick(sentences)).join('') }));
const planted = new Set<string>();
const edits = '的了和在是我们';
for (let i = 0; i < n / 100; i++) {
  const source = texts[Math.floor(random() * n)];
  const copy = Array.from(source.text)
    .map((c, k) => (k % 25 === 12 ? pick(Array.from(edits)) : c))
    .join('');
  texts.push({ id: `copy${i}`, text: copy });
  planted.add(`${source.id}|copy${i}`);
}
const chars = texts.reduce((s, t) => s + t.text.length, 0);
console.error(`${texts.length} texts, ${Math.round(chars / texts.length)} characters on average; searching …`);
const cpu = process.cpuUsage();
const started = performance.now();
const pairs = findCopies(texts, { minOverlap: 0.5 });
const wallS = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const found = pairs.filter((p) => planted.has(`${p.a}|${p.b}`)).length;
console.log(
  JSON.stringify({
    texts: texts.length,
    avg_chars: Math.round(chars / texts.length),
    seconds: +wallS.toFixed(1),
    cpu_seconds: +((used.user + used.system) / 1e6).toFixed(1),
    pairs: pairs.length,
    planted: planted.size,
    planted_found: found,
    min_planted_overlap: Math.min(...pairs.filter((p) => planted.has(`${p.a}|${p.b}`)).map((p) => p.overlap)),
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
  }),
);
