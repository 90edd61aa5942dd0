/**
 * Renal response definitions for lupus nephritis (domain.md 1.2–1.3), selectable by name.
 *
 * Each definition maps the values at one assessment (and the subject's baselines) to
 * `{ category: 'CR' | 'PR' | 'NR', failed, missing, assumptions }`:
 * - `failed`: the criteria not met for the next better category, written as the observed violation
 *   (e.g. "UP24 >= 3.5", "ALB < 30"); empty for CR;
 * - `missing`: required components absent (or a qualified value that cannot be compared with a
 *   threshold, e.g. `<5` against "< 0.5"); any missing component makes the assessment NR (non-responder
 *   imputation, domain.md 1.4), so the caller can record why;
 * - `assumptions`: how a definition was adapted to the data this trial collects (no urine sediment
 *   casts, no prednisone dose, baseline eGFR standing in for the pre-flare value).
 *
 * Units: UP24 g/24 h; UPCR g/g; ALB g/L; SCr µmol/L (only ratios to baseline and the lab ULN are used);
 * eGFR mL/min/1.73 m². Comparisons are qualifier-aware (src/clinical/qualified.ts).
 *
 * Sources: CN24H — NCT02457221 / Zheng et al., JAMA Netw Open 2022 (domain.md 1.2; the
 * low-protein/low-albumin gap rule is the plan's `lowProteinLowAlbumin`); KDIGO2021 — Rovin et al.,
 * Kidney Int 2021;100:S1; EULAR2012 — Bertsias et al., Ann Rheum Dis 2012;71:1771; EULAR2019 —
 * Fanouriakis et al., Ann Rheum Dis 2020;79:713; ALMS — Appel et al., J Am Soc Nephrol 2009;20:1103;
 * BLISS_LN — Furie et al., N Engl J Med 2020;383:1117; AURORA — Rovin et al., Lancet 2021;397:2070.
 */
import { InputError } from '../core/errors.ts';
import { exact, isAtLeast, isAtMost, isBelow, type LabValue, type Truth } from './qualified.ts';

export const ResponseDefinitionNames = ['CN24H', 'KDIGO2021', 'EULAR2012', 'EULAR2019', 'ALMS', 'BLISS_LN', 'AURORA'] as const;
export type ResponseDefinitionName = (typeof ResponseDefinitionNames)[number];
export function isResponseDefinitionName(x: string): x is ResponseDefinitionName {
  return (ResponseDefinitionNames as readonly string[]).includes(x);
}

export type ResponseCategory = 'CR' | 'PR' | 'NR';

/** Values at the assessment and the subject's baselines; null = not available. */
export interface RenalInputs {
  up24: LabValue | null;
  up24Base: LabValue | null;
  upcr: LabValue | null;
  upcrBase: LabValue | null;
  alb: LabValue | null;
  scr: LabValue | null;
  scrBase: LabValue | null;
  /** Upper limit of normal for SCr in µmol/L (ALMS "normal SCr"); null when unknown. */
  scrUln: number | null;
  egfr: number | null;
  egfrBase: number | null;
  /** Urine RBC /HPF (sediment proxy for ALMS); null when not collected. */
  urineRbc: LabValue | null;
}

/** Tunable parameters (plan `response.parameters`); defaults in `DefaultResponseParameters`. */
export interface ResponseParameters {
  /** CN24H / ALMS: maximum relative SCr rise counted as stable (CN24H 0.15). */
  scrRiseMax: number;
  /** CN24H: UP24 < 0.5 with ALB in [30, 35) and > 50 % drop counts as 'PR' or 'NR'. */
  lowProteinLowAlbumin: 'PR' | 'NR';
  /** Allow substituting UPCR (g/g) for UP24 (g/24 h), or the reverse, when the preferred one is missing. */
  allowUpcrFallback: boolean;
  /** KDIGO2021: maximum relative eGFR drop counted as stable (0.10–0.15). */
  egfrDropMax: number;
  /** EULAR2019: CR proteinuria threshold, g/24 h (0.5 or 0.7). */
  crProteinMax: number;
  /** EULAR2012: sub-nephrotic UPCR threshold for PR, g/g (3.0 or 3.5). */
  subNephroticMax: number;
}

export const DefaultResponseParameters: Readonly<ResponseParameters> = {
  scrRiseMax: 0.15,
  lowProteinLowAlbumin: 'PR',
  allowUpcrFallback: false,
  egfrDropMax: 0.15,
  crProteinMax: 0.5,
  subNephroticMax: 3.0,
};

export interface RenalResponse {
  category: ResponseCategory;
  failed: string[];
  missing: string[];
  assumptions: string[];
}

/** One criterion: the label written when it is not met, and its (three-valued) truth. */
interface Criterion {
  failLabel: string;
  truth: Truth;
}

/** A definition applied to complete inputs: CR and PR criteria (all must hold). */
interface Evaluated {
  cr: Criterion[];
  pr: Criterion[];
}

type Components = Record<string, LabValue | number | null>;

function all3(cs: Criterion[]): Truth {
  if (cs.some((c) => c.truth === false)) return false;
  return cs.every((c) => c.truth === true) ? true : null;
}

function lab(x: LabValue | number): LabValue {
  return typeof x === 'number' ? exact(x) : x;
}

/** threshold = base × f, or null when the baseline is itself a qualified (bounded) value. */
function scaled(base: LabValue | number, f: number): number | null {
  const b = lab(base);
  return b.qualifier === null ? b.value * f : null;
}

function cmp(fn: (x: LabValue, t: number) => Truth, x: LabValue | number, t: number | null): Truth {
  return t === null ? null : fn(lab(x), t);
}

/** Either of two truths (three-valued OR). */
function or3(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : null;
}

/** Pick the protein measure: the preferred one, else the other when fallback is allowed. */
function protein(inputs: RenalInputs, prefer: 'UP24' | 'UPCR', fallback: boolean): { name: string; value: LabValue | null; base: LabValue | null; note: string | null } {
  const up24 = { name: 'UP24', value: inputs.up24, base: inputs.up24Base };
  const upcr = { name: 'UPCR', value: inputs.upcr, base: inputs.upcrBase };
  const [first, second] = prefer === 'UP24' ? [up24, upcr] : [upcr, up24];
  if ((first.value === null || first.base === null) && fallback && second.value !== null && second.base !== null) {
    return { ...second, note: `${second.name} substituted for missing ${first.name} (allowUpcrFallback)` };
  }
  return { ...first, note: null };
}

function cn24h(c: Components, p: ResponseParameters, pn: string): Evaluated {
  const up = c[pn] as LabValue, upBl = c[`${pn}_BL`] as LabValue, alb = c.ALB as LabValue;
  const stable: Criterion = { failLabel: `SCr > ${1 + p.scrRiseMax} x BL`, truth: cmp(isAtMost, c.SCR!, scaled(c.SCR_BL!, 1 + p.scrRiseMax)) };
  const pr: Criterion[] = [
    { failLabel: `${pn} >= 3.5`, truth: isBelow(up, 3.5) },
    { failLabel: `${pn} reduction <= 50%`, truth: cmp(isBelow, up, scaled(upBl, 0.5)) },
    { failLabel: 'ALB < 30', truth: isAtLeast(alb, 30) },
    stable,
  ];
  if (p.lowProteinLowAlbumin === 'NR') {
    pr.push({ failLabel: `${pn} < 0.5 with ALB < 35 (gap rule NR)`, truth: or3(isAtLeast(up, 0.5), isAtLeast(alb, 35)) });
  }
  return {
    cr: [{ failLabel: `${pn} >= 0.5`, truth: isBelow(up, 0.5) }, { failLabel: 'ALB < 35', truth: isAtLeast(alb, 35) }, stable],
    pr,
  };
}

function egfrAtLeastFraction(c: Components, f: number, orAbove: number | null, label: string): Criterion {
  const rel = cmp(isAtLeast, c.EGFR!, scaled(c.EGFR_BL!, f));
  return { failLabel: label, truth: orAbove === null ? rel : or3(rel, cmp(isAtLeast, c.EGFR!, orAbove)) };
}

function proteinDrop(name: string, c: Components, atLeast: boolean): Criterion {
  const t = scaled(c[`${name}_BL`]!, 0.5);
  return atLeast
    ? { failLabel: `${name} reduction < 50%`, truth: cmp(isAtMost, c[name]!, t) }
    : { failLabel: `${name} reduction <= 50%`, truth: cmp(isBelow, c[name]!, t) };
}

function kdigo(c: Components, p: ResponseParameters, pn: string): Evaluated {
  const stable = egfrAtLeastFraction(c, 1 - p.egfrDropMax, null, `eGFR drop > ${p.egfrDropMax * 100}%`);
  return {
    cr: [{ failLabel: `${pn} >= 0.5`, truth: cmp(isBelow, c[pn]!, 0.5) }, stable],
    pr: [proteinDrop(pn, c, true), { failLabel: `${pn} >= 3`, truth: cmp(isBelow, c[pn]!, 3) }, stable],
  };
}

function eular2012(c: Components, p: ResponseParameters, pn: string): Evaluated {
  const gfr = egfrAtLeastFraction(c, 0.9, 90, 'eGFR < 90 and < 90% of BL');
  return {
    cr: [{ failLabel: `${pn} >= 0.5`, truth: cmp(isBelow, c[pn]!, 0.5) }, gfr],
    pr: [proteinDrop(pn, c, true), { failLabel: `${pn} >= ${p.subNephroticMax}`, truth: cmp(isBelow, c[pn]!, p.subNephroticMax) }, gfr],
  };
}

function eular2019(c: Components, p: ResponseParameters, pn: string): Evaluated {
  const gfr = egfrAtLeastFraction(c, 0.9, 90, 'eGFR < 90 and < 90% of BL');
  return {
    cr: [{ failLabel: `${pn} >= ${p.crProteinMax}`, truth: cmp(isBelow, c[pn]!, p.crProteinMax) }, gfr],
    pr: [proteinDrop(pn, c, true), gfr],
  };
}

function alms(c: Components, p: ResponseParameters, pn: string): Evaluated {
  const stable: Criterion = { failLabel: 'SCr > 1.25 x BL', truth: cmp(isAtMost, c.SCR!, scaled(c.SCR_BL!, 1.25)) };
  const base = lab(c[`${pn}_BL`]!);
  const nephroticBase = isAtLeast(base, 3);
  const prProtein: Criterion =
    nephroticBase === true
      ? { failLabel: `${pn} >= 3 (BL >= 3)`, truth: cmp(isBelow, c[pn]!, 3) }
      : nephroticBase === false
        ? proteinDrop(pn, c, true)
        : { failLabel: `${pn} BL indeterminate vs 3`, truth: null };
  const cr: Criterion[] = [{ failLabel: `${pn} > 0.5`, truth: cmp(isAtMost, c[pn]!, 0.5) }, stable];
  if (c.SCR_ULN !== null && c.SCR_ULN !== undefined) cr.push({ failLabel: 'SCr > ULN', truth: cmp(isAtMost, c.SCR!, c.SCR_ULN as number) });
  if (c.URBC !== null && c.URBC !== undefined) cr.push({ failLabel: 'urine RBC > 5/HPF', truth: cmp(isAtMost, c.URBC, 5) });
  return { cr, pr: [prProtein, stable] };
}

function blissLn(c: Components, pn: string): Evaluated {
  return {
    cr: [{ failLabel: `${pn} >= 0.5`, truth: cmp(isBelow, c[pn]!, 0.5) }, egfrAtLeastFraction(c, 0.9, 90, 'eGFR < 90 and < 90% of BL')],
    pr: [{ failLabel: `${pn} > 0.7`, truth: cmp(isAtMost, c[pn]!, 0.7) }, egfrAtLeastFraction(c, 0.8, 60, 'eGFR < 60 and < 80% of BL')],
  };
}

function aurora(c: Components, pn: string): Evaluated {
  const gfr = egfrAtLeastFraction(c, 0.8, 60, 'eGFR < 60 and drop > 20%');
  return {
    cr: [{ failLabel: `${pn} > 0.5`, truth: cmp(isAtMost, c[pn]!, 0.5) }, gfr],
    pr: [proteinDrop(pn, c, true), gfr],
  };
}

const Assumptions: Record<ResponseDefinitionName, string[]> = {
  CN24H: [],
  KDIGO2021: ['UPCR from the collected urine sample stands for the 24-h PCR'],
  EULAR2012: ['normal GFR taken as eGFR >= 90 mL/min/1.73m2'],
  EULAR2019: ['normal GFR taken as eGFR >= 90 mL/min/1.73m2', '12-month CR target applied at the assessment visit'],
  ALMS: ['urine sediment: casts not collected; urine RBC <= 5/HPF used when available, else sediment not required', 'normal SCr = at or below the lab ULN when available'],
  BLISS_LN: ['pre-flare eGFR not collected: baseline eGFR used as reference', 'prednisone dose not collected: steroid criterion not applied', 'treatment failure handled by the estimand (rescue, death, discontinuation)'],
  AURORA: ['single-visit eGFR drop (confirmation not evaluated)', 'steroid criterion not applied (dose not collected)', 'rescue handled by the estimand'],
};

function gather(name: ResponseDefinitionName, inputs: RenalInputs, p: ResponseParameters): { required: Components; optional: Components; notes: string[]; pn: string } {
  const notes: string[] = [];
  const prefer = name === 'CN24H' || name === 'EULAR2019' ? 'UP24' : 'UPCR';
  const prot = protein(inputs, prefer, p.allowUpcrFallback);
  if (prot.note !== null) notes.push(prot.note);
  const pn = prot.name;
  const required: Components = { [pn]: prot.value, [`${pn}_BL`]: prot.base };
  if (name === 'CN24H') Object.assign(required, { ALB: inputs.alb, SCR: inputs.scr, SCR_BL: inputs.scrBase });
  else if (name === 'ALMS') Object.assign(required, { SCR: inputs.scr, SCR_BL: inputs.scrBase });
  else Object.assign(required, { EGFR: inputs.egfr, EGFR_BL: inputs.egfrBase });
  const optional: Components = name === 'ALMS' ? { SCR_ULN: inputs.scrUln, URBC: inputs.urineRbc } : {};
  return { required, optional, notes, pn };
}

function evaluate(name: ResponseDefinitionName, c: Components, p: ResponseParameters, pn: string): Evaluated {
  switch (name) {
    case 'CN24H':
      return cn24h(c, p, pn);
    case 'KDIGO2021':
      return kdigo(c, p, pn);
    case 'EULAR2012':
      return eular2012(c, p, pn);
    case 'EULAR2019':
      return eular2019(c, p, pn);
    case 'ALMS':
      return alms(c, p, pn);
    case 'BLISS_LN':
      return blissLn(c, pn);
    case 'AURORA':
      return aurora(c, pn);
  }
}

/**
 * Classify one renal assessment.
 * @throws InputError for an unknown definition name
 * @example
 * assessRenalResponse('CN24H', { up24: exact(0.3), up24Base: exact(3), alb: exact(36), scr: exact(70), scrBase: exact(68), … })
 * // => { category: 'CR', failed: [], missing: [], assumptions: [] }
 */
export function assessRenalResponse(name: string, inputs: RenalInputs, parameters: Partial<ResponseParameters> = {}): RenalResponse {
  if (!isResponseDefinitionName(name)) throw new InputError('name', `unknown response definition "${name}" (known: ${ResponseDefinitionNames.join(', ')})`);
  const p: ResponseParameters = { ...DefaultResponseParameters, ...parameters };
  const { required, optional, notes, pn } = gather(name, inputs, p);
  const assumptions = [...Assumptions[name], ...notes];
  const missing = Object.entries(required).filter(([, v]) => v === null || v === undefined).map(([k]) => k.replace('_BL', ' baseline'));
  if (missing.length > 0) return { category: 'NR', failed: [], missing, assumptions };
  const { cr, pr } = evaluate(name, { ...required, ...optional }, p, pn);
  const crTruth = all3(cr);
  if (crTruth === true) return { category: 'CR', failed: [], missing: [], assumptions };
  const prTruth = all3(pr);
  const undecided = (cs: Criterion[]) => cs.filter((c) => c.truth === null).map((c) => `indeterminate: ${c.failLabel}`);
  if (prTruth === true) {
    return { category: 'PR', failed: cr.filter((c) => c.truth === false).map((c) => c.failLabel), missing: undecided(cr), assumptions };
  }
  const failed = pr.filter((c) => c.truth === false).map((c) => c.failLabel);
  return { category: 'NR', failed, missing: failed.length > 0 ? [] : undecided(pr), assumptions };
}
