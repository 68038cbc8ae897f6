/**
 * A hash table from term keys (whole numbers below 2^53, see `extractTerms`) to small whole
 * numbers, with open addressing over one typed array holding each key beside its value (one
 * cache line per probe). The classifier looks up some 1,500 terms per message; a JavaScript Map
 * keyed by such numbers (heap numbers, not small integers) is several times slower, strings
 * slower still.
 */
export class TermTable {
  /** Slot s holds its key at 2s (-1 when empty) and its value at 2s + 1. */
  private slots: Float64Array;
  private bits: number;
  /** Number of keys held. */
  size = 0;

  constructor(expected = 1024) {
    this.bits = Math.max(4, Math.ceil(Math.log2(expected * 2 + 1)));
    this.slots = new Float64Array(2 << this.bits).fill(-1);
  }

  /** Index (2 × slot) where `key` starts its probe. */
  private startOf(key: number): number {
    // Keys are hashes already; the multiply spreads their low 32 bits over the slot range.
    return (Math.imul(key | 0, 0x9e3779b1) >>> (32 - this.bits)) << 1;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = this.startOf(key); ; s = (s + 2) & mask) {
      const k = slots[s];
      if (k === key) return slots[s + 1];
      if (k === -1) return -1;
    }
  }

  /** Adds `delta` to the value of `key` (a new key starts at 0); returns the new value. */
  add(key: number, delta: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = this.startOf(key); ; s = (s + 2) & mask) {
      const k = slots[s];
      if (k === key) return (slots[s + 1] += delta);
      if (k === -1) {
        this.insertAt(s, key, delta);
        return delta;
      }
    }
  }

  /** Sets the value of `key`. */
  set(key: number, value: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = this.startOf(key); ; s = (s + 2) & mask) {
      const k = slots[s];
      if (k === key) {
        slots[s + 1] = value;
        return;
      }
      if (k === -1) {
        this.insertAt(s, key, value);
        return;
      }
    }
  }

  /** Every key and its value, in slot order. */
  *entries(): IterableIterator<[number, number]> {
    for (let s = 0; s < this.slots.length; s += 2) if (this.slots[s] !== -1) yield [this.slots[s], this.slots[s + 1]];
  }

  private insertAt(s: number, key: number, value: number): void {
    this.slots[s] = key;
    this.slots[s + 1] = value;
    // Keep at most half the slots full, so probes stay short.
    if (++this.size * 4 > this.slots.length) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    this.bits++;
    this.slots = new Float64Array(2 << this.bits).fill(-1);
    this.size = 0;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== -1) this.set(old[s], old[s + 1]);
  }
}
