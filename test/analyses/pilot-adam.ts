/**
 * Shared fixture for the analyses tests: the CDISC pilot ADaM folder read ONCE per test session
 * (readAdamFolder) with the three-arm plan test/fixtures/plan-cdiscpilot01-adam.json, and the pilot CSVs
 * parsed independently with plain csv-parse/sync for the cross-checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readAdamFolder, resolveArms, type ReadAdamResult } from '../../src/adam/read-adam.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import type { Plan } from '../../src/plan/plan.ts';
import type { AdamInput } from '../../src/tables/adam-input.ts';

export const pilotDir = new URL('../../../shared/data/cdiscpilot01/adam/', import.meta.url).pathname;
export const pilotPresent = existsSync(`${pilotDir}adsl.csv`);

export function pilotPlan(): Plan {
  return loadPlan(readFileSync(new URL('../fixtures/plan-cdiscpilot01-adam.json', import.meta.url), 'utf8'), 'plan-cdiscpilot01-adam.json');
}

let cached: Promise<ReadAdamResult> | null = null;
/** The pilot folder read by the code under test (memoised). */
export function pilotRead(): Promise<ReadAdamResult> {
  cached ??= readAdamFolder(pilotDir);
  return cached;
}

export async function pilotInput(): Promise<AdamInput> {
  const plan = pilotPlan();
  const { datasets } = await pilotRead();
  return { plan, arms: resolveArms(datasets.adsl, plan), adam: datasets };
}

/** A pilot CSV parsed independently (plain csv-parse, header row → objects of strings). */
export function pilotCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(`${pilotDir}${file}`, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
}
