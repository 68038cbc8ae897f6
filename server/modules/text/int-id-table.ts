/**
 * A map from non-negative 31-bit integer keys to integer ids in two typed arrays (open
 * addressing, linear probing): several times faster than a `Map` over hundreds of thousands of
 * keys, with no boxed entries for the garbage collector. Used for the bigram vocabulary.
 */
export class IntIdTable {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let slots = 16;
    while (slots < capacity * 2) slots <<= 1;
    this.keys = new Int32Array(slots).fill(-1);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The id of `key`, or -1. */
  get(key: number): number {
    for (let slot = Math.imul(key, 0x9e3779b1) & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.keys[slot];
      if (k === key) return this.values[slot];
      if (k === -1) return -1;
    }
  }

  /** Stores `id` for a key not yet in the table. */
  add(key: number, id: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let slot = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.values[slot] = id;
    this.size++;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let s = 0; s < keys.length; s++) if (keys[s] !== -1) this.add(keys[s], values[s]);
  }
}
