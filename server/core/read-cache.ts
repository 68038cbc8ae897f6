import { currentGeneration } from './data-generation.ts';

/**
 * A small cache of answers to hot reads of data that changes rarely (accounts, the organisation).
 * An entry counts only while no write happened since it was read (see data-generation.ts) and for
 * at most `maxAgeMs`; beyond `maxEntries` the least recently stored entries go.
 *
 * Use: `const gen = currentGeneration()` before the read, then `set(key, value, gen)`: an answer
 * read while a write was committing is stored under the older generation and so never served.
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
