/**
 * Load and validate the analysis plan: JSON parse → JSON-schema validation with ajv (draft 2020-12,
 * analyses/plan.schema.json, `additionalProperties: false` everywhere) → semantic checks. The first
 * problem throws a PlanError naming the key path (`primary.margin`, `visits[2].window`), with
 * "unknown key" / "missing required key" wording for the two commonest mistakes.
 *
 * Every PlanError also carries the line and column of the offending key in the file (src/core/json-position.ts),
 * or of the object that lacks a missing key. A JSON syntax error is located too, and says what was expected
 * there in remit's own words (`plan.json:51:3: (root): not valid JSON: expected a key in double quotes,
 * found '}' (JSON allows no comma before '}': …)`), not in V8's, which change between Node versions.
 * A leading UTF-8 BOM (as Windows editors write it) is accepted. A key given twice in one object is a
 * PlanError at the second one (`plan.json:88:5: primary.margin: key given twice (first at 87:5)`): JSON.parse
 * would silently keep the last value.
 *
 * Semantic checks: analysis windows ordered, each containing its target day, contiguous and
 * non-overlapping; baseline visit number below the first window's and its name not a visit's; margin in
 * (0, 1); response definition names known; primary visit and SRI / remission visits among the plan visits
 * (at least one remission visit); arms distinct; no entry twice in a list of analyses (strata,
 * populations, visits, parameters…); log-transformed parameters among `longitudinal.params`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Ajv2020Module, { type ErrorObject } from 'ajv/dist/2020.js';
import { PlanError } from '../core/errors.ts';
import { daysInMonth } from '../core/calendar.ts';
import { firstDuplicateKey, locateJsonPath, parseJsonText } from '../core/json-position.ts';
import { isResponseDefinitionName, ResponseDefinitionNames } from '../clinical/response.ts';
import type { Plan } from './plan.ts';
import schema from '../../analyses/plan.schema.json' with { type: 'json' };

/** The JSON schema the plan is validated against. */
export const planSchema: object = schema;

type AjvCtor = new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: ErrorObject[] | null } };
const Ajv2020 = ((Ajv2020Module as unknown as { default?: AjvCtor }).default ?? Ajv2020Module) as unknown as AjvCtor;
let validator: (((d: unknown) => boolean) & { errors?: ErrorObject[] | null }) | null = null;

function getValidator() {
  if (validator === null) validator = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  return validator;
}

/** `/visits/2/window` → `visits[2].window`. */
function keyPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return keyPathOfSegments(parts);
}

/** ['visits', '2', 'window'] → `visits[2].window`. */
function keyPathOfSegments(parts: readonly string[]): string {
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
}

/** Pointer tokens of a dotted key path as PlanError writes it (the inverse of `keyPath`): `visits[1].window` → ['visits', '1', 'window']. */
export function keyPathSegments(path: string): string[] {
  return path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
}

/** Which schema error is reported first: an unknown key (often a misspelt one), then a missing key, then the rest. */
const KeywordPriority: Readonly<Record<string, number>> = { additionalProperties: 0, required: 1 };

/** The schema error to report among all of them (stable: ajv's order within a priority). */
function firstSchemaError(errors: readonly ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject) => KeywordPriority[e.keyword] ?? 2;
  return errors.reduce((best, e) => (rank(e) < rank(best) ? e : best));
}

/** A required key missing from the same object as an unknown key: probably what was meant. */
function meantKey(unknown: ErrorObject, errors: readonly ErrorObject[]): string | null {
  const missing = errors.find((e) => e.keyword === 'required' && e.instancePath === unknown.instancePath);
  return missing === undefined ? null : String((missing.params as Record<string, unknown>).missingProperty);
}

/** Key path and message of an ajv error ("unknown key" / "missing required key" for the commonest two). */
function schemaProblem(e: ErrorObject, all: readonly ErrorObject[]): [path: string, message: string] {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const meant = meantKey(e, all);
      return [keyPath(e.instancePath, String(params.additionalProperty)), meant === null ? 'unknown key' : `unknown key (did you mean "${meant}"?)`];
    }
    case 'required':
      return [keyPath(e.instancePath, String(params.missingProperty)), 'missing required key'];
    case 'enum':
      return [keyPath(e.instancePath), `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`];
    default:
      return [keyPath(e.instancePath), e.message ?? `fails ${e.keyword}`];
  }
}

/**
 * Builds located PlanErrors for one plan text. The text is scanned for positions only when an error is
 * raised, so a valid plan costs nothing extra. Also used after derivation, for plan keys that name
 * something the data lacks (src/plan/plan-data-references.ts).
 */
export class PlanProblems {
  constructor(readonly file: string, private readonly text: string) {}

  /** A PlanError at key path `path` (e.g. `visits[1].window`), located in the text. */
  at(path: string, message: string): PlanError {
    return new PlanError(this.file, path, message, locateJsonPath(this.text, keyPathSegments(path)));
  }

}

interface RawPlan extends Omit<Plan, 'arms' | 'response'> {
  arms: { control: string; experimental: string | string[] };
  response: { definition: string; parameters: Plan['response']['parameters']; alternatives?: string[] };
}

function checkVisits(p: PlanProblems, plan: RawPlan): void {
  const v = plan.visits;
  v.forEach((visit, i) => {
    const [lo, hi] = visit.window;
    if (lo > hi) throw p.at(`visits[${i}].window`, `lower bound ${lo} is above upper bound ${hi}`);
    if (visit.targetDay < lo || visit.targetDay > hi) throw p.at(`visits[${i}].targetDay`, `target day ${visit.targetDay} is outside its window [${lo}, ${hi}]`);
    if (lo < 2) throw p.at(`visits[${i}].window`, `post-baseline windows must start on or after study day 2 (day 1 belongs to baseline), got ${lo}`);
    if (i > 0) {
      const prev = v[i - 1];
      if (visit.avisitn <= prev.avisitn) throw p.at(`visits[${i}].avisitn`, 'visits must be in increasing avisitn order');
      if (lo <= prev.window[1]) throw p.at(`visits[${i}].window`, `overlaps the window of ${prev.avisit} (${prev.window[0]}–${prev.window[1]})`);
      if (lo !== prev.window[1] + 1) throw p.at(`visits[${i}].window`, `not contiguous with ${prev.avisit}: gap between day ${prev.window[1]} and day ${lo}`);
    }
  });
  const names = new Set<string>();
  v.forEach((visit, i) => {
    if (names.has(visit.avisit)) throw p.at(`visits[${i}].avisit`, `duplicate visit "${visit.avisit}"`);
    names.add(visit.avisit);
  });
  // The baseline name labels its own ADaM records: shared with a visit, baseline and post-baseline records mix.
  if (names.has(plan.baseline.avisit)) throw p.at('baseline.avisit', `"${plan.baseline.avisit}" is also the name of a post-baseline visit`);
  if (plan.baseline.avisitn >= v[0].avisitn) throw p.at('baseline.avisitn', 'must be below the first visit number');
}

/** Lists whose entries name one analysis each: an entry twice would analyse (and report) it twice. */
function checkNoRepeats(p: PlanProblems, plan: RawPlan): void {
  const lists: [string, readonly string[]][] = [
    ['primary.strata', plan.primary.strata],
    ['primary.populations', plan.primary.populations],
    ['primary.sensitivity', plan.primary.sensitivity],
    ['response.alternatives', plan.response.alternatives ?? []],
    ['secondary.remissionVisits', plan.secondary.remissionVisits],
    ['secondary.sri.visits', plan.secondary.sri.visits],
    ['secondary.timeToEvent.params', plan.secondary.timeToEvent.params],
    ['longitudinal.params', plan.longitudinal.params],
    ['longitudinal.logTransform', plan.longitudinal.logTransform],
  ];
  for (const [path, list] of lists) {
    list.forEach((x, i) => {
      const first = list.indexOf(x);
      if (first < i) throw p.at(`${path}[${i}]`, `"${x}" is listed twice (also ${path}[${first}])`);
    });
  }
  if (plan.secondary.remissionVisits.length === 0) throw p.at('secondary.remissionVisits', 'must list at least one visit');
  plan.longitudinal.logTransform.forEach((x, i) => {
    if (!plan.longitudinal.params.includes(x)) throw p.at(`longitudinal.logTransform[${i}]`, `parameter "${x}" is not in longitudinal.params`);
  });
}

function checkVisitNames(p: PlanProblems, plan: RawPlan): void {
  const names = new Set(plan.visits.map((x) => x.avisit));
  const check = (path: string, name: string) => {
    if (!names.has(name)) throw p.at(path, `unknown visit "${name}" (plan visits: ${[...names].join(', ')})`);
  };
  check('primary.visit', plan.primary.visit);
  plan.secondary.remissionVisits.forEach((n, i) => check(`secondary.remissionVisits[${i}]`, n));
  plan.secondary.sri.visits.forEach((n, i) => check(`secondary.sri.visits[${i}]`, n));
}

function checkSemantics(p: PlanProblems, plan: RawPlan): void {
  checkVisits(p, plan);
  checkVisitNames(p, plan);
  checkNoRepeats(p, plan);
  if (!(plan.primary.margin > 0 && plan.primary.margin < 1)) throw p.at('primary.margin', `must be in (0, 1), got ${plan.primary.margin}`);
  const known = `known: ${ResponseDefinitionNames.join(', ')}`;
  if (!isResponseDefinitionName(plan.response.definition)) throw p.at('response.definition', `unknown response definition "${plan.response.definition}" (${known})`);
  (plan.response.alternatives ?? []).forEach((n, i) => {
    if (!isResponseDefinitionName(n)) throw p.at(`response.alternatives[${i}]`, `unknown response definition "${n}" (${known})`);
  });
  const experimental = typeof plan.arms.experimental === 'string' ? [plan.arms.experimental] : plan.arms.experimental;
  if (experimental.includes(plan.arms.control)) throw p.at('arms.experimental', `control arm "${plan.arms.control}" is also listed as experimental`);
  const dc = plan.study.dataCutDate;
  const [y, m, d] = dc.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw p.at('study.dataCutDate', `"${dc}" is not a calendar date`);
}

/**
 * Parse and validate plan text.
 * @param text the JSON text of the plan
 * @param fileName used in error messages (e.g. "analyses/plan.json")
 * @throws PlanError naming the key path of the first problem
 * @example loadPlan('{"study":{}}', 'plan.json') // throws PlanError "plan.json: study.id: missing required key"
 */
export function loadPlan(text: string, fileName: string): Plan {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new PlanError(fileName, '', `not valid JSON: ${message}`, { line, column });
  }
  const twice = firstDuplicateKey(text);
  if (twice !== null) {
    throw new PlanError(fileName, keyPathOfSegments(twice.path), `key given twice (first at ${twice.first.line}:${twice.first.column})`, twice.at);
  }
  const raw = parsed.value;
  const problems = new PlanProblems(fileName, text);
  const validate = getValidator();
  if (!validate(raw)) {
    const errors = validate.errors ?? [];
    const [path, message] = schemaProblem(firstSchemaError(errors), errors);
    throw problems.at(path, message);
  }
  const plan = raw as RawPlan;
  checkSemantics(problems, plan);
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

/** A plan file's text and its validated plan. */
export interface LoadedPlan {
  plan: Plan;
  /** The file's text as read (hashed into the manifest). */
  text: string;
}

/**
 * Read and validate a plan file; errors name the file by its base name.
 * @throws PlanError when the file cannot be read (missing, a folder, unreadable) or is invalid
 */
export function loadPlanFile(path: string): LoadedPlan {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : e instanceof Error ? e.message : String(e);
    throw new PlanError(file, '', `cannot read the plan file ${path} (${why})`);
  }
  return { plan: loadPlan(text, file), text };
}
