import { describe, expect, it } from 'vitest';
import { currentGeneration, dataChanged } from './data-generation.ts';
import { ReadCache } from './read-cache.ts';

describe('ReadCache', () => {
  it('serves an entry until the next change of data', () => {
    const cache = new ReadCache<string>(60_000, 10);
    cache.set('a', 'page', currentGeneration());
    expect(cache.get('a')).toBe('page');
    dataChanged();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never stores what was read before a change that happened during the read', () => {
    const cache = new ReadCache<string>(60_000, 10);
    const before = currentGeneration();
    dataChanged(); // a write committed while the read was under way
    cache.set('a', 'old page', before);
    expect(cache.get('a')).toBeUndefined();
  });

  it('serves an entry for at most its maximum age', () => {
    const cache = new ReadCache<string>(2_000, 10);
    cache.set('a', 'page', currentGeneration(), 1_000);
    expect(cache.get('a', 2_999)).toBe('page');
    expect(cache.get('a', 3_000)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest stored first', () => {
    const cache = new ReadCache<number>(60_000, 3);
    const g = currentGeneration();
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, i, g);
    expect(cache.size).toBe(3);
    expect([cache.get('k0'), cache.get('k1'), cache.get('k2'), cache.get('k3'), cache.get('k4')]).toEqual([undefined, undefined, 2, 3, 4]);
  });
});
