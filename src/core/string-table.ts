/**
 * A read-only set of strings, each with its index, kept as one joined text and an open-addressing
 * slot table in typed arrays, so the NLU build artifact stores it as it is and start-up loads it
 * without creating one string or hashing anything. Built from strings at start, a Set of the 38,000
 * common English words and a Map of the safety net's 23,000 features were a sixth of the cold start
 * (and their strings a load on the collector for good). Written by hand because the packages that
 * offer static or perfect hash tables build them from strings at start-up too, which is the cost.
 *
 * It is a `ReadonlySet<string>`, so it goes wherever the word sets went; iterating it makes the
 * strings, and is meant for tools, not for a turn.
 */
export interface StringTableParts {
  /** The strings in index order, each followed by a newline. */
  text: string;
  /** Where each string starts in `text`, and one more: the end. */
  starts: Int32Array;
  /** A power-of-two number of slots, each 0 (empty) or the index of a string plus one. */
  slots: Int32Array;
}

export class StringTable implements ReadonlySet<string> {
  private readonly mask: number;

  private constructor(private readonly parts: StringTableParts) {
    this.mask = parts.slots.length - 1;
  }

  /** The strings (no newline in any; duplicates keep their first index). */
  static build(strings: Iterable<string>): StringTable {
    const list: string[] = [];
    const seen = new Set<string>();
    for (const s of strings) {
      if (s.includes('\n')) throw new Error(`string table: a newline in ${JSON.stringify(s)}`);
      if (seen.has(s)) continue;
      seen.add(s);
      list.push(s);
    }
    const starts = new Int32Array(list.length + 1);
    let at = 0;
    list.forEach((s, i) => {
      starts[i] = at;
      at += s.length + 1;
    });
    starts[list.length] = at;
    let size = 2;
    while (size < list.length * 2) size *= 2;
    const slots = new Int32Array(size);
    const table = new StringTable({ text: list.map((s) => `${s}\n`).join(''), starts, slots });
    list.forEach((s, i) => {
      let slot = hashOf(s) & table.mask;
      while (slots[slot] !== 0) slot = (slot + 1) & table.mask;
      slots[slot] = i + 1;
    });
    return table;
  }

  /** A table stored earlier (`parts`), checked for shape. */
  static fromParts(parts: StringTableParts): StringTable {
    const { text, starts, slots } = parts;
    const n = starts.length - 1;
    const fits =
      n >= 0 &&
      slots.length >= 2 &&
      (slots.length & (slots.length - 1)) === 0 &&
      starts[n] === text.length;
    if (!fits) throw new Error('string table: the parts do not fit together');
    for (let i = 0; i < slots.length; i++) {
      const v = slots[i]!;
      if (v < 0 || v > n) throw new Error('string table: the parts do not fit together');
    }
    return new StringTable(parts);
  }

  /** What to store to load the same table again. */
  toParts(): StringTableParts {
    return this.parts;
  }

  /** The string's index, or -1. */
  indexOf(s: string): number {
    const { slots, starts, text } = this.parts;
    for (let slot = hashOf(s) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = slots[slot]!;
      if (entry === 0) return -1;
      const start = starts[entry - 1]!;
      if (starts[entry]! - 1 - start !== s.length) continue;
      let k = 0;
      while (k < s.length && text.charCodeAt(start + k) === s.charCodeAt(k)) k++;
      if (k === s.length) return entry - 1;
    }
  }

  has(s: string): boolean {
    return this.indexOf(s) >= 0;
  }

  get size(): number {
    return this.parts.starts.length - 1;
  }

  /** The string at `index`. */
  at(index: number): string {
    const { starts, text } = this.parts;
    return text.slice(starts[index], starts[index + 1]! - 1);
  }

  *values(): SetIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *entries(): SetIterator<[string, string]> {
    for (const s of this.values()) yield [s, s];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const s of this.values()) callback(s, s, this);
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
