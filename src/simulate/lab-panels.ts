/**
 * The lab panels of one subject: for every planned visit, the formatted results of each test drawn.
 * Renal values come from the plan (renal-values.ts, with the role's overrides); serology, urine
 * sediment and safety labs are drawn here: C3/C4 low and anti-dsDNA high in many at baseline,
 * improving with remission; MMF brings more leukopenia; occasional CTCAE grade ≥ 2 abnormalities
 * (WBC < 3.0, HGB < 100 g/L, PLAT < 75, ALT > 3 × ULN) in both arms (CTCAE v4.0).
 */
import type { LabTestCode } from '../cdisc/terms.ts';
import type { Rng } from './random.ts';
import { formatResult, type FormattedResult } from './lab-format.ts';
import type { PlannedVisit, SubjectPlan } from './subject-plan.ts';

export interface LabResult {
  testcd: LabTestCode;
  result: FormattedResult;
  /** Collection start (day number, minutes after midnight); for PROT also the end. */
  day: number;
  minute: number;
  endDay: number | null;
}

export interface LabPanel {
  visit: PlannedVisit;
  results: LabResult[];
  /** Numeric values used by the questionnaires (SLEDAI lab items); qualified '<' results count as 0. */
  numeric: Partial<Record<LabTestCode, number>>;
}

interface SerologyBaseline {
  c3: number; c4: number; dsdna: number; ana: number; rbc: number; hgb: number; wbc: number; plat: number; alt: number; ast: number;
}

const AnaTitres = [80, 160, 320, 640, 1280] as const;

function drawSerologyBaseline(rng: Rng): SerologyBaseline {
  return {
    c3: Math.max(0.25, rng.normal(0.74, 0.2)),
    c4: Math.max(0.02, rng.lognormal(0.12, 0.45)),
    dsdna: rng.lognormal(170, 1.1),
    ana: rng.weighted(AnaTitres, [0.1, 0.2, 0.35, 0.25, 0.1]),
    rbc: rng.lognormal(14, 0.9),
    hgb: rng.normal(112, 13),
    wbc: Math.max(2.6, rng.normal(6.2, 1.8)),
    plat: Math.max(90, rng.normal(215, 60)),
    alt: rng.lognormal(17, 0.4),
    ast: rng.lognormal(19, 0.35),
  };
}

/** Build every visit's panel for a subject (visits in plan order). */
export function buildLabPanels(plan: SubjectPlan): LabPanel[] {
  const rng = plan.rng;
  const base = drawSerologyBaseline(rng);
  const mmf = plan.profile.armcd === 'MMF';
  return plan.visits.map((visit) => {
    const day = plan.anchorDay + visit.offset;
    const minute = 8 * 60 + rng.int(0, 180);
    const i = visit.valueIndex;
    const state = i === 0 ? 'NR' : plan.latent.states[i - 1];
    const rem = state === 'CR' ? 1 : state === 'PR' ? 0.6 : 0;
    const t = i / 6;
    const results: LabResult[] = [];
    const numeric: Partial<Record<LabTestCode, number>> = {};
    const site = plan.profile.siteid;
    const add = (testcd: LabTestCode, value: number, qualified?: string, urine24h = false): void => {
      const result = formatResult(testcd, value, site, qualified);
      numeric[testcd] = result.stresn ?? 0;
      results.push(urine24h
        ? { testcd, result, day: day - 1, minute: 7 * 60 + (minute % 60), endDay: day }
        : { testcd, result, day, minute, endDay: null });
    };
    const up = visit.up ?? plan.renal.up[i];
    const upcr = visit.up !== undefined ? visit.up * Math.exp(rng.normal(0, 0.1)) : plan.renal.upcr[i];
    if (visit.kind === 'albRetest') {
      add('ALB', plan.renal.alb[i]);
      return { visit, results, numeric };
    }
    add('PROT', up, visit.protText, true);
    add('PROTCRT', visit.protText === '<0.05' ? 0.04 : upcr);
    if (visit.kind === 'protRetest') return { visit, results, numeric };
    add('CREAT', plan.renal.scr[i]);
    if (visit.noAlb !== true) add('ALB', visit.alb ?? plan.renal.alb[i]);
    add('C3', Math.max(0.2, base.c3 + (1.05 - base.c3) * Math.min(1, 0.3 * t + 0.5 * rem) + rng.normal(0, 0.05)));
    add('C4', Math.max(0.02, base.c4 + (0.19 - base.c4) * Math.min(1, 0.3 * t + 0.5 * rem) + rng.normal(0, 0.012)));
    add('DSDNA', base.dsdna * Math.exp(-(0.5 * t + 0.7 * rem) + rng.normal(0, 0.15)));
    if (visit.kind === 'baseline' || visit.scheduledIndex === 2 || visit.scheduledIndex === 5) {
      const steps = visit.kind === 'baseline' ? 0 : rem > 0 && rng.bernoulli(0.5) ? 1 : 0;
      add('ANA', AnaTitres[Math.max(0, AnaTitres.indexOf(base.ana as (typeof AnaTitres)[number]) - steps)]);
    }
    add('RBC', Math.max(0, base.rbc * Math.exp(-(0.4 * t + 1.2 * rem) + rng.normal(0, 0.3))));
    addSafety(rng, add, base, i, mmf);
    return { visit, results, numeric };
  });
}

type AddFn = (testcd: LabTestCode, value: number) => void;

/** Haematology and liver tests, with occasional grade ≥ 2 abnormalities (more leukopenia on MMF). */
function addSafety(rng: Rng, add: AddFn, base: SerologyBaseline, i: number, mmf: boolean): void {
  const post = i > 0;
  let hgb = base.hgb + 1.2 * i + rng.normal(0, 4);
  let wbc = base.wbc * Math.exp(rng.normal(0, 0.12)) * (mmf && post ? 0.9 : 1);
  let plat = base.plat * Math.exp(rng.normal(0, 0.1));
  let alt = base.alt * Math.exp(rng.normal(0, 0.2));
  if (post) {
    if (rng.bernoulli(mmf ? 0.05 : 0.01)) wbc = rng.between(2.1, 2.9);
    else if (rng.bernoulli(mmf ? 0.012 : 0.003)) wbc = rng.between(1.2, 1.9);
    if (rng.bernoulli(0.01)) hgb = rng.between(82, 98);
    if (rng.bernoulli(0.008)) plat = rng.between(55, 74);
    if (rng.bernoulli(mmf ? 0.015 : 0.007)) alt = rng.between(125, 190);
  }
  add('HGB', hgb);
  add('WBC', wbc);
  add('PLAT', plat);
  add('ALT', alt);
  add('AST', Math.max(8, base.ast * Math.exp(rng.normal(0, 0.18)) + (alt > 100 ? 0.6 * alt : 0)));
}
