import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreReply, type ReplyInput } from './score-reply.ts';
import { replyTermIdf } from './reply-term-idf.ts';
import { replyBody } from './reply-body.ts';
import { replyTimeliness, isReplyTime } from './reply-timeliness.ts';
import { WorkingCalendar } from '../calendar/working-calendar.ts';
import { packageCalendar } from '../calendar/package-calendar.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rows = readFileSync(path.join(here, 'fixtures', 'replies.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, string>);
const inputs: ReplyInput[] = rows.map((r) => ({ title: r.title, detail: r.detail, reply: r.reply, time: r.time, replyTime: r.reply_time }));
const calendar = new WorkingCalendar(packageCalendar());
const context = { ...replyTermIdf(inputs.map((r) => `${r.title} ${r.detail}`)), calendar };

describe('scoreReply', () => {
  const [good, empty, consultation] = inputs.map((i) => scoreReply(i, context));

  it('rates a reply that says what was done, by whom, when, on what basis and whom to call', () => {
    expect(good.completeness).toBe(1);
    expect(good.relevance).toBeGreaterThan(0.6);
    expect(good.timeliness).toBe(1);
    expect(good.missing).toEqual([]);
    expect(good.score).toBeGreaterThan(0.85);
  });

  it('rates a greeting-and-thanks reply two months late at the bottom, saying why', () => {
    expect(empty.score).toBeLessThan(0.05);
    expect(empty.relevance).toBe(0);
    expect(empty.completeness).toBe(0);
    expect(empty.missing).toContain('答复无实质内容（仅有问候、致谢或套话）');
    expect(empty.missing).toContain('未说明处理措施或结果');
    expect(empty.missing).toContain('未提供联系方式');
    expect(empty.missing.some((m) => /^答复超过15个工作日（用时\d+个工作日）$/.test(m))).toBe(true);
  });

  it('finds the basis and the contact of a consultation reply, and notes the missing deadline', () => {
    expect(consultation.missing).not.toContain('未引用政策或法规依据');
    expect(consultation.missing).not.toContain('未提供联系方式');
    expect(consultation.missing).toContain('未说明办理时限');
    expect(consultation.score).toBeGreaterThan(empty.score);
    expect(consultation.score).toBeLessThan(good.score);
  });

  it('keeps every score within 0..1', () => {
    for (const q of [good, empty, consultation]) {
      for (const v of [q.score, q.relevance, q.completeness, q.timeliness]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('replyTimeliness', () => {
  it('counts working days across the National Day holiday', () => {
    // Fri 27 Sep 2024 → Wed 9 Oct: Sun 29 Sep (make-up day), Mon 30 Sep, Tue 8 and Wed 9 Oct; 1–7 Oct are off.
    const t = replyTimeliness('2024-09-27 15:00:00', '2024-10-09 09:00:00', calendar);
    expect(t.workingDays).toBe(4);
    expect(t.score).toBe(1);
    expect(t.calendarDays).toBeCloseTo(11.75, 2);
  });

  it('falls to 0.7 at 15 working days and 0 at 60; a reply before its message scores 0', () => {
    expect(replyTimeliness('2024-03-01 09:00:00', '2024-03-22 09:00:00', calendar)).toMatchObject({ workingDays: 15, score: 0.7 });
    expect(replyTimeliness('2024-03-01 09:00:00', '2024-12-31 09:00:00', calendar).score).toBe(0);
    expect(replyTimeliness('2024-03-02 09:00:00', '2024-03-01 09:00:00', calendar)).toMatchObject({ workingDays: -1, score: 0 });
  });

  it('accepts only YYYY-MM-DD HH:MM[:SS]', () => {
    expect(isReplyTime('2024-03-01 09:00:00')).toBe(true);
    expect(isReplyTime('2024-03-01 09:00')).toBe(true);
    expect(isReplyTime('2024/03/01')).toBe(false);
  });
});

describe('replyBody', () => {
  it('drops greetings, thanks, the quoted title, the handle and the closing date, keeps the substance', () => {
    const body = replyBody('网友“UU008123”您好！您反映的“青山镇幸福小区路灯不亮”问题已收悉，现答复如下：路灯已于5月10日修复。感谢您对我们工作的支持！青山镇人民政府2024年5月11日', '青山镇幸福小区路灯不亮');
    expect(body).toContain('路灯已于5月10日修复');
    expect(body).not.toMatch(/幸福小区|感谢|uu008123|2024年5月11日/);
  });

  it('keeps a quoted law even when it shares a few characters with the title', () => {
    expect(replyBody('根据《城市道路照明设施管理规定》处理。', '路灯不亮')).toContain('《城市道路照明设施管理规定》');
  });
});
