/**
 * Duplicate-key detection for millions of records without keeping the key strings: each key text is
 * reduced to a 64-bit fingerprint (two 32-bit FNV-1a hashes with different offset bases; Fowler–Noll–Vo,
 * IETF draft-eastlake-fnv) stored in an open-addressing table of typed arrays (no per-record objects,
 * so no garbage-collector pressure). A fingerprint match is only a *candidate*: the caller re-reads the
 * two records and compares their key texts exactly before reporting a duplicate, so a hash collision can
 * never produce a false report. (It could only hide a duplicate whose first occurrence shares a
 * fingerprint with an earlier, different key: probability about n²/2⁶⁵, < 1e-7 for n = 10⁶.)
 */

const FNV_PRIME = 0x01000193;

/** Two 32-bit FNV-1a hashes of `parts` joined by U+0001, written into `out` ([h1, h2]). */
export function fingerprint(parts: readonly string[], out: Uint32Array): void {
  let h1 = 0x811c9dc5, h2 = 0x050c5d1f;
  for (let p = 0; p < parts.length; p++) {
    const s = parts[p];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, FNV_PRIME);
      h2 = Math.imul(h2 ^ c, FNV_PRIME) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 1, FNV_PRIME);
    h2 = Math.imul(h2 ^ 1, FNV_PRIME) ^ (h2 >>> 15);
  }
  out[0] = h1 >>> 0;
  out[1] = h2 >>> 0;
}

/** Open-addressing table: fingerprint → line of the first record with it. */
export class KeyIndex {
  private h1: Uint32Array;
  private h2: Uint32Array;
  private line: Int32Array; // 0 = empty slot (lines are ≥ 1)
  private size = 0;

  constructor(capacity = 1 << 12) {
    this.h1 = new Uint32Array(capacity);
    this.h2 = new Uint32Array(capacity);
    this.line = new Int32Array(capacity);
  }

  /** Insert; returns the line of an earlier record with the same fingerprint, or 0 if none. */
  insert(a: number, b: number, line: number): number {
    if ((this.size + 1) * 2 > this.line.length) this.grow();
    const mask = this.line.length - 1;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.line[i] !== 0) {
      if (this.h1[i] === a && this.h2[i] === b) return this.line[i];
      i = (i + 1) & mask;
    }
    this.h1[i] = a;
    this.h2[i] = b;
    this.line[i] = line;
    this.size++;
    return 0;
  }

  private grow(): void {
    const { h1, h2, line } = this;
    this.h1 = new Uint32Array(line.length * 2);
    this.h2 = new Uint32Array(line.length * 2);
    this.line = new Int32Array(line.length * 2);
    this.size = 0;
    for (let i = 0; i < line.length; i++) if (line[i] !== 0) this.insert(h1[i], h2[i], line[i]);
  }
}
