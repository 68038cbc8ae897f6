import { currentGeneration } from './data-generation.ts';

/**
 * A small cache of answers to hot reads of data that changes rarely (accounts, the organisation).
 * An entry counts only while no write happened since it was read (see data-generation.ts) and for
 * at most `maxAgeMs`; beyond `maxEntries` the least recently stored entries go.
 *
 * `read(key, load)` is the way in: it takes the generation before loading, so an answer read while
 * a write was committing is stored under the older generation and never served.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { value: V; generation: number; at: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.generation !== currentGeneration() || now - hit.at >= this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  /** The kept answer for `key`, else `load()`'s, kept unless it is null (nothing to keep). */
  async read(key: string, load: () => Promise<V | null>, now = Date.now()): Promise<V | null> {
    const hit = this.get(key, now);
    if (hit !== undefined) return hit;
    const generation = currentGeneration();
    const value = await load();
    if (value === null) this.delete(key);
    else this.set(key, value, generation, now);
    return value;
  }

  set(key: string, value: V, generation: number, now = Date.now()): void {
    if (generation !== currentGeneration()) return;
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, generation, at: now });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
