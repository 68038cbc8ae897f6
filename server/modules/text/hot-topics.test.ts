import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findHotTopics } from './find-hot-topics.ts';
import { topicHeat } from './topic-heat.ts';
import { buildSimilarityIndex } from './build-similarity-index.ts';
import type { SimilarityDoc } from './similarity-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// Invented messages: h1–h6 one estate's refuse station (5 accounts), h7–h11 one concrete plant's
// noise (5 accounts), h12–h14 one estate's lift, h15–h19 unrelated single messages.
const messages = readFileSync(path.join(here, 'fixtures', 'hot-messages.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as SimilarityDoc);
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => `h${from + k}`);
const refuse = new Set(ids(1, 6));
const plant = new Set(ids(7, 11));
const lift = new Set(ids(12, 14));

describe('findHotTopics', () => {
  const topics = findHotTopics(messages, { top: 10 });

  it('groups each concrete matter on its own, never two matters in one topic, no single messages', () => {
    expect(topics.length).toBeGreaterThanOrEqual(3);
    for (const t of topics) {
      const owners = [refuse, plant, lift].filter((g) => t.ids.some((id) => g.has(id)));
      expect(owners).toHaveLength(1);
      expect(t.ids.every((id) => owners[0].has(id))).toBe(true);
      expect(t.size).toBe(t.ids.length);
      expect(t.size).toBeGreaterThanOrEqual(3);
    }
    expect(topics.flatMap((t) => t.ids).filter((id) => Number(id.slice(1)) >= 15)).toEqual([]);
  });

  it('labels a topic with its place and what happens there', () => {
    const refuseTopic = topics.find((t) => t.ids.some((id) => refuse.has(id)))!;
    expect(refuseTopic.label).toContain('金桂园小区');
    expect(refuseTopic.label).toContain('垃圾站');
    expect(refuseTopic.place).toBe('金桂园小区');
    expect(topics.find((t) => t.ids.some((id) => plant.has(id)))!.label).toContain('东湖路');
    expect(topics.find((t) => t.ids.some((id) => lift.has(id)))!.label).toContain('柳岸小区');
  });

  it('lists the hottest first, with representative messages among its own and ids oldest first', () => {
    for (let k = 1; k < topics.length; k++) expect(topics[k].heat).toBeLessThanOrEqual(topics[k - 1].heat);
    expect(topics.at(-1)!.ids.some((id) => lift.has(id))).toBe(true);
    for (const t of topics) {
      expect(t.representativeIds.length).toBeGreaterThan(0);
      expect(t.representativeIds.every((id) => t.ids.includes(id))).toBe(true);
      const times = t.ids.map((id) => messages.find((m) => m.id === id)!.time!);
      expect([...times].sort()).toEqual(times);
      expect(t.firstTime).toBe(times[0]);
    }
  });

  it('counts distinct accounts and likes', () => {
    const refuseTopic = topics.find((t) => t.ids.some((id) => refuse.has(id)))!;
    const mine = messages.filter((m) => refuseTopic.ids.includes(m.id));
    expect(refuseTopic.users).toBe(new Set(mine.map((m) => m.user)).size);
    expect(refuseTopic.likes).toBe(mine.reduce((s, m) => s + (m.likes ?? 0), 0));
  });

  it('returns at most top topics, and reuses a given index', () => {
    const index = buildSimilarityIndex(messages);
    const one = findHotTopics(messages, { top: 1, index });
    expect(one).toHaveLength(1);
    expect(one[0].label).toBe(topics[0].label);
  });

  it('works without user, time or likes', () => {
    const bare = messages.map(({ id, title, detail }) => ({ id, title, detail }));
    const t = findHotTopics(bare, { top: 3 });
    expect(t.length).toBeGreaterThan(0);
    expect(t[0].users).toBe(t[0].size);
    expect(t[0].firstTime).toBeNull();
  });
});

describe('topicHeat', () => {
  const day = 86_400_000;
  const base = { size: 6, users: 6, likes: 0, times: [0, 1, 2, 3, 4, 5].map((d) => d * day) };

  it('rises with distinct citizens more than with re-posts', () => {
    expect(topicHeat({ ...base, users: 6 })).toBeGreaterThan(topicHeat({ ...base, users: 2 }));
    expect(topicHeat({ ...base, size: 8 })).toBeGreaterThan(topicHeat(base));
    expect(topicHeat({ ...base, size: 8 }) - topicHeat(base)).toBeLessThan(topicHeat(base) - topicHeat({ ...base, users: 4 }));
  });

  it('rises for a burst and with likes, on a log scale', () => {
    const spread = { ...base, times: [0, 100, 200, 300, 400, 500].map((d) => d * day) };
    expect(topicHeat(base)).toBeGreaterThan(topicHeat(spread));
    const liked = topicHeat({ ...base, likes: 1000 }) - topicHeat(base);
    expect(liked).toBeGreaterThan(0);
    expect(liked).toBeLessThan(5);
  });
});
