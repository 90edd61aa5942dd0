/**
 * Reference `method` → runner (src/validate/runners/). A case whose method has no runner is a failure
 * ("no runner for method X"), never skipped: a new kind of reference case needs a runner before
 * `remit validate` can pass.
 */
import type { Runner } from './runner.ts';
import { descriptiveRunners } from './runners/descriptive.ts';
import { exactRunners } from './runners/exact.ts';
import { logisticRunners } from './runners/logistic.ts';
import { mmrmRunners } from './runners/mmrm.ts';
import { niPowerRunners } from './runners/ni-power.ts';
import { proportionRunners } from './runners/proportions.ts';
import { stratifiedRunners } from './runners/stratified.ts';
import { survivalRunners } from './runners/survival.ts';

const runners: ReadonlyMap<string, Runner> = new Map(
  Object.entries({ ...proportionRunners, ...stratifiedRunners, ...survivalRunners, ...mmrmRunners, ...descriptiveRunners, ...niPowerRunners, ...logisticRunners, ...exactRunners }),
);

/** The runner for a reference method, or undefined. */
export function runnerFor(method: string): Runner | undefined {
  return runners.get(method);
}
