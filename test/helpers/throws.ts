import * as assert from 'uvu/assert';
import { InputError } from '../../src/core/errors.ts';

/** Assert that `fn` throws an InputError naming `argument` (the public API's bad-argument contract). */
export function assertThrowsInputError(fn: () => unknown, argument: string): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, InputError);
    assert.is((e as InputError).argument, argument);
    return;
  }
  assert.unreachable(`expected InputError for ${argument}`);
}
