/**
 * Streaming UTF-8 validation for CSV input (design.md input contract: files are UTF-8, a BOM is
 * accepted). Each chunk is checked with Node's native `buffer.isUtf8` (WHATWG Encoding: a byte sequence
 * that the UTF-8 decoder would replace with U+FFFD is invalid); a multi-byte character split across two
 * chunks is carried over. Only when a chunk is invalid does the slow path locate the offending bytes.
 */
import { isUtf8 } from 'node:buffer';

/** Byte length of the UTF-8 sequence introduced by lead byte `b` (0 if `b` cannot start one). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * Offsets (within `buf`) of bytes that start an invalid UTF-8 sequence, at most `limit` of them.
 * Follows RFC 3629 §4 (no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function invalidUtf8Offsets(buf: Uint8Array, limit = 10): number[] {
  const bad: number[] = [];
  let i = 0;
  while (i < buf.length && bad.length < limit) {
    const n = sequenceLength(buf[i]);
    if (n === 1) { i++; continue; }
    if (n === 0 || i + n > buf.length || !validContinuation(buf, i, n)) { bad.push(i); i++; continue; }
    i += n;
  }
  return bad;
}

function validContinuation(buf: Uint8Array, i: number, n: number): boolean {
  const b0 = buf[i];
  const b1 = buf[i + 1];
  let lo = 0x80, hi = 0xbf;
  if (b0 === 0xe0) lo = 0xa0;
  else if (b0 === 0xed) hi = 0x9f;
  else if (b0 === 0xf0) lo = 0x90;
  else if (b0 === 0xf4) hi = 0x8f;
  if (b1 < lo || b1 > hi) return false;
  for (let k = 2; k < n; k++) if ((buf[i + k] & 0xc0) !== 0x80) return false;
  return true;
}

/** Length of an incomplete multi-byte sequence at the end of `buf` (0–3 bytes). */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const b = buf[buf.length - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const n = sequenceLength(b);
    return n > k ? k : 0;
  }
  return 0;
}

/**
 * Validates a byte stream chunk by chunk; `push` returns absolute byte offsets of invalid sequences
 * found so far (empty on the fast path). Call `end` after the last chunk.
 */
export class Utf8StreamChecker {
  private carry: Buffer = Buffer.alloc(0);
  private consumed = 0; // absolute offset of the first byte of `carry`

  /** Check one chunk; returns absolute offsets of invalid bytes (at most `limit`). */
  push(chunk: Buffer, limit = 10): number[] {
    const data = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const tail = incompleteTail(data);
    const body = tail === 0 ? data : data.subarray(0, data.length - tail);
    const base = this.consumed;
    this.carry = tail === 0 ? Buffer.alloc(0) : Buffer.from(data.subarray(data.length - tail));
    this.consumed += body.length;
    if (isUtf8(body)) return [];
    return invalidUtf8Offsets(body, limit).map((o) => base + o);
  }

  /** Bytes left over at the end of the stream are a truncated sequence. */
  end(): number[] {
    return this.carry.length === 0 ? [] : [this.consumed];
  }
}
