/**
 * Byte-level checks of a CSV file that csv-parse cannot see (it decodes every byte sequence as text):
 * - the file's first bytes: a UTF-16 or UTF-32 byte-order mark, or UTF-16 text without one (ASCII in
 *   UTF-16 has 0x00 as every second byte), means the file is not UTF-8 and cannot be read at all;
 * - a NUL byte (0x00) anywhere: never part of CSV text (a binary file, or UTF-16 after a UTF-8 prefix);
 * - a UTF-8 byte-order mark (EF BB BF) anywhere but at the very start: typically two exports
 *   concatenated. The design.md input contract accepts a BOM only as the first bytes of a file.
 * Byte-order marks: Unicode 15.0 §23.8 "Specials", table 23-5 (UTF-8 EF BB BF, UTF-16 BE FE FF,
 * UTF-16 LE FF FE, UTF-32 BE 00 00 FE FF, UTF-32 LE FF FE 00 00).
 */
import { closeSync, openSync, readSync } from 'node:fs';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The first `n` bytes of a file (fewer when the file is shorter). */
export function readFileHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Name of the non-UTF-8 Unicode encoding the first bytes reveal, e.g. `UTF-16 LE (byte-order mark FF FE)`, else null. */
export function foreignEncoding(head: Uint8Array): string | null {
  const [b0, b1, b2, b3] = [head[0], head[1], head[2], head[3]];
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32 LE (byte-order mark FF FE 00 00)';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32 BE (byte-order mark 00 00 FE FF)';
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16 LE (byte-order mark FF FE)';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16 BE (byte-order mark FE FF)';
  if (head.length >= 4 && b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'UTF-16 LE without a byte-order mark (every second byte is 0x00)';
  if (head.length >= 4 && b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'UTF-16 BE without a byte-order mark (every second byte is 0x00)';
  return null;
}

/**
 * Scans a byte stream chunk by chunk (native `Buffer.indexOf`, so the cost is negligible) for the first
 * NUL byte and for UTF-8 byte-order marks after offset 0, including one split across two chunks.
 */
export class ByteScanner {
  /** Absolute offset of the first NUL byte, or null. */
  firstNul: number | null = null;
  /** True once a UTF-8 byte-order mark was seen anywhere after the first byte of the stream. */
  innerBom = false;
  private consumed = 0;
  private tail: Buffer = Buffer.alloc(0); // the last two bytes pushed so far

  push(chunk: Buffer): void {
    if (this.firstNul === null) {
      const i = chunk.indexOf(0);
      if (i >= 0) this.firstNul = this.consumed + i;
    }
    if (!this.innerBom) this.innerBom = this.hasInnerBom(chunk);
    const joined = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk.subarray(0, 2)]);
    this.tail = Buffer.from((chunk.length >= 2 ? chunk : joined).subarray(-2));
    this.consumed += chunk.length;
  }

  /** A BOM in `chunk` or straddling the previous bytes and `chunk`, not at absolute offset 0. */
  private hasInnerBom(chunk: Buffer): boolean {
    if (this.tail.length > 0) {
      const edge = Buffer.concat([this.tail, chunk.subarray(0, 2)]);
      const i = edge.indexOf(UTF8_BOM);
      if (i >= 0 && this.consumed - this.tail.length + i > 0) return true;
    }
    return chunk.indexOf(UTF8_BOM, this.consumed === 0 ? 1 : 0) >= 0;
  }
}
