/**
 * Load and validate the analysis plan: JSON parse → JSON-schema validation with ajv (draft 2020-12,
 * analyses/plan.schema.json, `additionalProperties: false` everywhere) → semantic checks. The first
 * problem throws a PlanError naming the key path (`primary.margin`, `visits[2].window`), with
 * "unknown key" / "missing required key" wording for the two commonest mistakes.
 *
 * Semantic checks: analysis windows ordered, each containing its target day, contiguous and
 * non-overlapping; baseline visit number below the first window's; margin in (0, 1); response
 * definition names known; primary visit and SRI / remission visits among the plan visits; arms distinct.
 */
import Ajv2020Module, { type ErrorObject } from 'ajv/dist/2020.js';
import { PlanError } from '../core/errors.ts';
import { isResponseDefinitionName, ResponseDefinitionNames } from '../clinical/response.ts';
import type { Plan } from './plan.ts';
import schema from '../../analyses/plan.schema.json' with { type: 'json' };

/** The JSON schema the plan is validated against. */
export const planSchema: object = schema;

type AjvCtor = new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: ErrorObject[] | null } };
const Ajv2020 = ((Ajv2020Module as unknown as { default?: AjvCtor }).default ?? Ajv2020Module) as unknown as AjvCtor;
let validator: (((d: unknown) => boolean) & { errors?: ErrorObject[] | null }) | null = null;

function getValidator() {
  if (validator === null) validator = new Ajv2020({ allErrors: false, strict: true }).compile(schema);
  return validator;
}

/** `/visits/2/window` → `visits[2].window`. */
function keyPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
}

function schemaError(file: string, e: ErrorObject): PlanError {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return new PlanError(file, keyPath(e.instancePath, String(params.additionalProperty)), 'unknown key');
    case 'required':
      return new PlanError(file, keyPath(e.instancePath, String(params.missingProperty)), 'missing required key');
    case 'enum':
      return new PlanError(file, keyPath(e.instancePath), `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    default:
      return new PlanError(file, keyPath(e.instancePath), e.message ?? `fails ${e.keyword}`);
  }
}

interface RawPlan extends Omit<Plan, 'arms' | 'response'> {
  arms: { control: string; experimental: string | string[] };
  response: { definition: string; parameters: Plan['response']['parameters']; alternatives?: string[] };
}

function checkVisits(file: string, plan: RawPlan): void {
  const v = plan.visits;
  v.forEach((visit, i) => {
    const [lo, hi] = visit.window;
    if (lo > hi) throw new PlanError(file, `visits[${i}].window`, `lower bound ${lo} is above upper bound ${hi}`);
    if (visit.targetDay < lo || visit.targetDay > hi) throw new PlanError(file, `visits[${i}].targetDay`, `target day ${visit.targetDay} is outside its window [${lo}, ${hi}]`);
    if (lo < 2) throw new PlanError(file, `visits[${i}].window`, `post-baseline windows must start on or after study day 2 (day 1 belongs to baseline), got ${lo}`);
    if (i > 0) {
      const prev = v[i - 1];
      if (visit.avisitn <= prev.avisitn) throw new PlanError(file, `visits[${i}].avisitn`, 'visits must be in increasing avisitn order');
      if (lo <= prev.window[1]) throw new PlanError(file, `visits[${i}].window`, `overlaps the window of ${prev.avisit} (${prev.window[0]}–${prev.window[1]})`);
      if (lo !== prev.window[1] + 1) throw new PlanError(file, `visits[${i}].window`, `not contiguous with ${prev.avisit}: gap between day ${prev.window[1]} and day ${lo}`);
    }
  });
  const names = new Set<string>();
  v.forEach((visit, i) => {
    if (names.has(visit.avisit)) throw new PlanError(file, `visits[${i}].avisit`, `duplicate visit "${visit.avisit}"`);
    names.add(visit.avisit);
  });
  if (plan.baseline.avisitn >= v[0].avisitn) throw new PlanError(file, 'baseline.avisitn', 'must be below the first visit number');
}

function checkVisitNames(file: string, plan: RawPlan): void {
  const names = new Set(plan.visits.map((x) => x.avisit));
  const check = (path: string, name: string) => {
    if (!names.has(name)) throw new PlanError(file, path, `unknown visit "${name}" (plan visits: ${[...names].join(', ')})`);
  };
  check('primary.visit', plan.primary.visit);
  plan.secondary.remissionVisits.forEach((n, i) => check(`secondary.remissionVisits[${i}]`, n));
  plan.secondary.sri.visits.forEach((n, i) => check(`secondary.sri.visits[${i}]`, n));
}

function checkSemantics(file: string, plan: RawPlan): void {
  checkVisits(file, plan);
  checkVisitNames(file, plan);
  if (!(plan.primary.margin > 0 && plan.primary.margin < 1)) throw new PlanError(file, 'primary.margin', `must be in (0, 1), got ${plan.primary.margin}`);
  const known = `known: ${ResponseDefinitionNames.join(', ')}`;
  if (!isResponseDefinitionName(plan.response.definition)) throw new PlanError(file, 'response.definition', `unknown response definition "${plan.response.definition}" (${known})`);
  (plan.response.alternatives ?? []).forEach((n, i) => {
    if (!isResponseDefinitionName(n)) throw new PlanError(file, `response.alternatives[${i}]`, `unknown response definition "${n}" (${known})`);
  });
  const experimental = typeof plan.arms.experimental === 'string' ? [plan.arms.experimental] : plan.arms.experimental;
  if (experimental.includes(plan.arms.control)) throw new PlanError(file, 'arms.experimental', `control arm "${plan.arms.control}" is also listed as experimental`);
  const dc = plan.study.dataCutDate;
  const [y, m, d] = dc.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) throw new PlanError(file, 'study.dataCutDate', `"${dc}" is not a calendar date`);
}

/**
 * Parse and validate plan text.
 * @param text the JSON text of the plan
 * @param fileName used in error messages (e.g. "analyses/plan.json")
 * @throws PlanError naming the key path of the first problem
 * @example loadPlan('{"study":{}}', 'plan.json') // throws PlanError "plan.json: study.id: missing required key"
 */
export function loadPlan(text: string, fileName: string): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PlanError(fileName, '', `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const validate = getValidator();
  if (!validate(raw)) throw schemaError(fileName, validate.errors![0]);
  const plan = raw as RawPlan;
  checkSemantics(fileName, plan);
  const { $schema: _ignored, ...rest } = plan as RawPlan & { $schema?: string };
  return {
    ...rest,
    arms: { control: plan.arms.control, experimental: typeof plan.arms.experimental === 'string' ? [plan.arms.experimental] : [...plan.arms.experimental] },
    response: {
      definition: plan.response.definition as Plan['response']['definition'],
      parameters: plan.response.parameters,
      alternatives: (plan.response.alternatives ?? []) as Plan['response']['alternatives'],
    },
  };
}
