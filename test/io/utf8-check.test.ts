import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Utf8StreamChecker, invalidUtf8Offsets } from '../../src/io/utf8-check.ts';

test('invalidUtf8Offsets: Latin-1 é (0xE9) is invalid, UTF-8 é (C3 A9) is valid', () => {
  assert.equal(invalidUtf8Offsets(Buffer.from([0x41, 0xe9, 0x42])), [1]);
  assert.equal(invalidUtf8Offsets(Buffer.from('Aé€😀', 'utf8')), []);
  // overlong encoding of '/' (C0 AF) and a UTF-16 surrogate (ED A0 80) are invalid (RFC 3629)
  assert.equal(invalidUtf8Offsets(Buffer.from([0xc0, 0xaf])), [0, 1]);
  assert.equal(invalidUtf8Offsets(Buffer.from([0xed, 0xa0, 0x80])), [0, 1, 2]);
});

test('Utf8StreamChecker: a character split across chunks is valid; a truncated end is not', () => {
  const euro = Buffer.from('a€b', 'utf8'); // 61 E2 82 AC 62
  const c = new Utf8StreamChecker();
  assert.equal(c.push(euro.subarray(0, 2)), []);
  assert.equal(c.push(euro.subarray(2)), []);
  assert.equal(c.end(), []);
  const d = new Utf8StreamChecker();
  assert.equal(d.push(euro.subarray(0, 3)), []);
  assert.equal(d.end(), [1]);
  const e = new Utf8StreamChecker();
  assert.equal(e.push(Buffer.from('abc')), []);
  assert.equal(e.push(Buffer.from([0x41, 0xfc])), [4]);
});

test.run();
