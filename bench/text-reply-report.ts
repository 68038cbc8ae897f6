/**
 * Reply-quality report of a file of messages with their official replies, as markdown:
 *
 *   npx tsx bench/text-reply-report.ts /work/shared/data/messages-replies.jsonl > report.md
 *
 * The score distribution, the share of replies lacking each item, and the ten best and ten worst
 * replies with their reasons. Replies are quoted in excerpts of at most 40 characters, never whole
 * (the source has no licence for redistribution); messages are named by id only.
 */
import { pathToFileURL } from 'node:url';
import { readJsonl } from '../server/modules/text/jsonl.ts';
import { scoreReplies } from '../server/modules/text/score-replies.ts';
import { replyBody } from '../server/modules/text/reply-body.ts';
import { cleanText } from '../server/modules/text/normalize.ts';
import type { ReplyQuality } from '../server/modules/text/score-reply.ts';
import { action, basis } from '../server/modules/text/reply-cues.ts';

const EXCERPT = 40;

/** At most 40 characters of a text, marked when cut; table-safe. */
function excerpt(text: string): string {
  const chars = Array.from(text.trim());
  return (chars.slice(0, EXCERPT).join('') + (chars.length > EXCERPT ? '…' : '')).replace(/\|/g, '｜');
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const fmt = (x: number) => x.toFixed(2);

/** The body from its first cited basis (else its first action), the part that shows why a reply scores well. */
function evidence(body: string): string {
  const at = body.search(basis);
  if (at >= 0) return body.slice(at);
  const act = body.search(action);
  return act >= 0 ? body.slice(act) : body;
}

/** The report's markdown for the replies in `file`. */
export async function replyReport(file: string): Promise<string> {
  const records = await readJsonl(file, ['id', 'detail', 'reply', 'time', 'reply_time']);
  const rows = records.map((r) => ({
    id: String(r.value.id),
    title: typeof r.value.title === 'string' ? r.value.title : '',
    detail: String(r.value.detail),
    reply: String(r.value.reply),
    time: String(r.value.time),
    replyTime: String(r.value.reply_time),
  }));
  const scored = scoreReplies(rows).map((q, i) => ({ row: rows[i], q, bodyLength: Array.from(replyBody(rows[i].reply, rows[i].title)).length }));
  const n = scored.length;
  const out: string[] = [];
  const stats = (name: string, pick: (q: ReplyQuality) => number) => {
    const v = scored.map((s) => pick(s.q)).sort((a, b) => a - b);
    const mean = v.reduce((a, b) => a + b, 0) / n;
    out.push(`| ${name} | ${fmt(mean)} | ${fmt(quantile(v, 0.1))} | ${fmt(quantile(v, 0.25))} | ${fmt(quantile(v, 0.5))} | ${fmt(quantile(v, 0.75))} | ${fmt(quantile(v, 0.9))} |`);
  };
  out.push(`Replies scored: ${n}. Scores are 0..1 (1 best); score = 0.3 relevance + 0.5 completeness + 0.2 timeliness.`, '');
  out.push('| measure | mean | p10 | p25 | median | p75 | p90 |', '|---|---:|---:|---:|---:|---:|---:|');
  stats('score', (q) => q.score);
  stats('relevance', (q) => q.relevance);
  stats('completeness', (q) => q.completeness);
  stats('timeliness', (q) => q.timeliness);
  const days = scored.map((s) => s.q.workingDays).sort((a, b) => a - b);
  out.push('', `Working days to reply: median ${quantile(days, 0.5)}, p75 ${quantile(days, 0.75)}, p90 ${quantile(days, 0.9)}, max ${days[n - 1]}; ${days.filter((d) => d > 15).length} replies (${((100 * days.filter((d) => d > 15).length) / n).toFixed(1)} %) took more than 15 working days.`, '');

  out.push('### Score distribution', '', '| score | replies | share | |', '|---|---:|---:|---|');
  for (let b = 0; b < 10; b++) {
    const count = scored.filter((s) => Math.min(9, Math.floor(s.q.score * 10)) === b).length;
    out.push(`| ${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}${b === 9 ? ' (incl. 1.0)' : ''} | ${count} | ${((100 * count) / n).toFixed(1)} % | ${'█'.repeat(Math.round((60 * count) / n))} |`);
  }

  out.push('', '### What replies lack', '', '| item (`missing`) | replies | share |', '|---|---:|---:|');
  const counts = new Map<string, number>();
  for (const s of scored) for (const m of s.q.missing) counts.set(m.replace(/（用时\d+个工作日）/, ''), (counts.get(m.replace(/（用时\d+个工作日）/, '')) ?? 0) + 1);
  for (const [item, count] of [...counts].sort((a, b) => b[1] - a[1])) out.push(`| ${item} | ${count} | ${((100 * count) / n).toFixed(1)} % |`);

  // Ties (many replies score 0, some 1) are broken by completeness, relevance, how much the reply
  // says, then (for the worst) how long it took.
  const ranked = [...scored].sort((a, b) => a.q.score - b.q.score || a.q.completeness - b.q.completeness || a.q.relevance - b.q.relevance || a.bodyLength - b.bodyLength || b.q.workingDays - a.q.workingDays);
  const table = (title: string, list: typeof scored, text: (s: (typeof scored)[number]) => string) => {
    out.push('', `### ${title}`, '', '| id | score | rel. | compl. | timel. | working days | reply (excerpt ≤ 40 chars) | missing |', '|---|---:|---:|---:|---:|---:|---|---|');
    for (const s of list) out.push(`| ${s.row.id} | ${fmt(s.q.score)} | ${fmt(s.q.relevance)} | ${fmt(s.q.completeness)} | ${fmt(s.q.timeliness)} | ${s.q.workingDays} | ${text(s)} | ${s.q.missing.join('；') || '—'} |`);
  };
  table('Ten best', ranked.slice(-10).reverse(), (s) => excerpt(evidence(replyBody(s.row.reply, s.row.title))));
  table('Ten worst', ranked.slice(0, 10), (s) => excerpt(cleanText(s.row.reply)));
  return out.join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/text-reply-report.ts <replies.jsonl>');
    process.exit(2);
  }
  process.stdout.write(await replyReport(file));
}
