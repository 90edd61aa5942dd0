import * as assert from 'uvu/assert';

/**
 * "line:column" (1-based, as remit's errors and an editor show it) of the only occurrence of `needle` in
 * `text`, found by plain search: the expected position of a located error, independent of the locator
 * under test (src/core/json-position.ts). For LF line ends and text without a byte-order mark.
 */
export function lineColumnOf(text: string, needle: string): string {
  const i = text.indexOf(needle);
  assert.ok(i >= 0 && i === text.lastIndexOf(needle), `"${needle}" occurs exactly once`);
  const lines = text.slice(0, i).split('\n');
  return `${lines.length}:${lines[lines.length - 1].length + 1}`;
}
