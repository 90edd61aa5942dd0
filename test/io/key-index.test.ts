import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KeyIndex, fingerprint } from '../../src/io/key-index.ts';

test('fingerprint: FNV-1a 32-bit of "a" then separator; differs by part boundaries', () => {
  const a = new Uint32Array(2), b = new Uint32Array(2);
  fingerprint(['ab', 'c'], a);
  fingerprint(['a', 'bc'], b);
  assert.ok(a[0] !== b[0] || a[1] !== b[1]);
  fingerprint(['ab', 'c'], b);
  assert.equal([...a], [...b]);
  // FNV-1a 32-bit of the single byte "a" is 0xe40c292c (published test vector); with the 0x01
  // separator appended it is FNV-1a("a\x01") = 0xe40c292c ^ 1 times the FNV prime mod 2^32.
  fingerprint(['a'], a);
  assert.is(a[0], Math.imul(0xe40c292c ^ 1, 0x01000193) >>> 0);
});

test('KeyIndex: returns the first line for a repeated fingerprint, 0 otherwise, across growth', () => {
  const idx = new KeyIndex(4);
  for (let i = 1; i <= 5000; i++) assert.is(idx.insert(i * 7919, i, i + 1), 0);
  assert.is(idx.insert(7919 * 42, 42, 9999), 43);
  assert.is(idx.insert(7919 * 42, 43, 9999), 0);
});

test.run();
