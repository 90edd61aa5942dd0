/**
 * Numeric comparison against reference values for the unit tests. The rule itself (shared/reference/README.md
 * "Tolerances": within `abs` OR within `rel × |expected|`) lives in src/validate/tolerance.ts, the one copy
 * that `remit validate` uses too; this helper adds the uvu assertion with a readable message.
 */
import * as assert from 'uvu/assert';
import { isClose, type Tolerance } from '../../src/validate/tolerance.ts';

export { isClose, type Tolerance };

/** Assert closeness with a message that shows expected, actual, difference and tolerance. */
export function assertClose(actual: number | null, expected: number | null, tol: Tolerance, label: string): void {
  if (!isClose(actual, expected, tol)) {
    const diff = actual !== null && expected !== null ? Math.abs(actual - expected) : NaN;
    assert.unreachable(
      `${label}: expected ${expected}, got ${actual} (|diff| ${diff.toExponential(3)}; tolerance abs ${tol.abs ?? '-'} rel ${tol.rel ?? '-'})`,
    );
  }
}
