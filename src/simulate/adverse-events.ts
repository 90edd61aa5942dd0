/**
 * Adverse events (AE) of one subject: MedDRA-style preferred terms and system organ classes, CTCAE
 * v4.0 grades. Arm profiles follow the known safety of each treatment: MMF brings more infections,
 * gastrointestinal intolerance and leukopenia; the UC-MSC infusion brings grade 1–2 infusion-related
 * reactions and fever on the infusion days. A few AEs start before Day 1 (not treatment-emergent) and
 * a few have partial start dates (`YYYY-MM`, rarely `YYYY`). Deaths get a fatal AE (AETOXGR 5,
 * AESDTH Y, AEOUT FATAL); discontinuations for an AE get one with AEACN `DRUG WITHDRAWN`.
 */
import type { Rng } from './random.ts';
import { isoDate, isoPartial } from './dates.ts';
import { StudyId } from './design.ts';
import { sequenceRows, type KeyedRow, type Row } from './columns.ts';
import type { SubjectPlan } from './subject-plan.ts';

interface AeTerm {
  decod: string;
  soc: string;
  /** Expected events per subject over 24 weeks: [MSC, MMF]. */
  rate: readonly [number, number];
  /** Grade weights for grades 1–4. */
  grades: readonly number[];
  /** Probability the investigator judges it related: [MSC, MMF]. */
  related: readonly [number, number];
  /** Happens on the infusion day (offset 0–1). */
  infusion?: boolean;
  /** MMF dose is reduced for it (MMF arm) with this probability. */
  reduce?: number;
}

const Infections = 'Infections and infestations';
const Gi = 'Gastrointestinal disorders';
const General = 'General disorders and administration site conditions';
const Mild = [0.6, 0.32, 0.07, 0.01] as const;

export const AeCatalogue: readonly AeTerm[] = [
  { decod: 'Infusion related reaction', soc: 'Injury, poisoning and procedural complications', rate: [0.13, 0.02], grades: [0.7, 0.3, 0, 0], related: [0.9, 0.5], infusion: true },
  { decod: 'Pyrexia', soc: General, rate: [0.08, 0.03], grades: [0.75, 0.25, 0, 0], related: [0.6, 0.2], infusion: true },
  { decod: 'Upper respiratory tract infection', soc: Infections, rate: [0.22, 0.34], grades: [0.6, 0.37, 0.03, 0], related: [0.2, 0.4] },
  { decod: 'Urinary tract infection', soc: Infections, rate: [0.09, 0.15], grades: [0.45, 0.5, 0.05, 0], related: [0.1, 0.3] },
  { decod: 'Herpes zoster', soc: Infections, rate: [0.03, 0.08], grades: [0.2, 0.7, 0.1, 0], related: [0.3, 0.6] },
  { decod: 'Pneumonia', soc: Infections, rate: [0.02, 0.05], grades: [0, 0.3, 0.6, 0.1], related: [0.3, 0.5] },
  { decod: 'Diarrhoea', soc: Gi, rate: [0.06, 0.18], grades: Mild, related: [0.2, 0.7], reduce: 0.3 },
  { decod: 'Nausea', soc: Gi, rate: [0.07, 0.14], grades: Mild, related: [0.2, 0.6], reduce: 0.15 },
  { decod: 'Vomiting', soc: Gi, rate: [0.03, 0.08], grades: Mild, related: [0.2, 0.6] },
  { decod: 'Abdominal pain', soc: Gi, rate: [0.04, 0.09], grades: Mild, related: [0.1, 0.5] },
  { decod: 'Leukopenia', soc: 'Blood and lymphatic system disorders', rate: [0.02, 0.09], grades: [0.3, 0.5, 0.2, 0], related: [0.4, 0.8], reduce: 0.5 },
  { decod: 'Anaemia', soc: 'Blood and lymphatic system disorders', rate: [0.05, 0.07], grades: [0.5, 0.4, 0.1, 0], related: [0.1, 0.3] },
  { decod: 'Headache', soc: 'Nervous system disorders', rate: [0.1, 0.09], grades: Mild, related: [0.2, 0.1] },
  { decod: 'Hypertension', soc: 'Vascular disorders', rate: [0.06, 0.06], grades: [0.4, 0.5, 0.1, 0], related: [0.05, 0.05] },
  { decod: 'Arthralgia', soc: 'Musculoskeletal and connective tissue disorders', rate: [0.05, 0.05], grades: Mild, related: [0.05, 0.05] },
  { decod: 'Insomnia', soc: 'Psychiatric disorders', rate: [0.04, 0.04], grades: Mild, related: [0.05, 0.05] },
  { decod: 'Cushingoid', soc: 'Endocrine disorders', rate: [0.05, 0.05], grades: [0.8, 0.2, 0, 0], related: [0, 0] },
  { decod: 'Alanine aminotransferase increased', soc: 'Investigations', rate: [0.02, 0.04], grades: [0.6, 0.3, 0.1, 0], related: [0.3, 0.5] },
  { decod: 'Oedema peripheral', soc: General, rate: [0.04, 0.04], grades: Mild, related: [0.05, 0.05] },
];

const FatalTerms = [
  { decod: 'Pneumonia', soc: Infections },
  { decod: 'Sepsis', soc: Infections },
  { decod: 'Cerebral haemorrhage', soc: 'Nervous system disorders' },
  { decod: 'Pulmonary embolism', soc: 'Respiratory, thoracic and mediastinal disorders' },
] as const;

const DiscontinuationTerms = ['Diarrhoea', 'Herpes zoster', 'Leukopenia', 'Alanine aminotransferase increased', 'Urinary tract infection'] as const;

export interface AeResult {
  rows: Row[];
  /** Offset from which the MMF / placebo-tablet dose was reduced, or null. */
  doseReductionOffset: number | null;
}

interface AeEvent {
  decod: string;
  soc: string;
  start: number;
  end: number | null;
  grade: number;
  serious: boolean;
  related: boolean;
  action: string;
  outcome: string;
  death: boolean;
  partial: 'month' | 'year' | null;
}

/** Generate the subject's AEs. */
export function buildAdverseEvents(plan: SubjectPlan): AeResult {
  const rng = plan.rng;
  const events: AeEvent[] = [];
  const armIdx = plan.profile.armcd === 'MSC' ? 0 : 1;
  const lastDay = plan.endOffset;
  let doseReductionOffset: number | null = null;
  for (const term of AeCatalogue) {
    const count = rng.poisson(term.rate[armIdx]);
    for (let k = 0; k < count; k++) {
      if (!plan.dosed && !rng.bernoulli(0.1)) continue;
      const pre = !plan.dosed || (!term.infusion && rng.bernoulli(0.04));
      const start = pre ? -rng.int(1, 12) : term.infusion ? rng.int(0, 1) : rng.int(1, Math.max(1, lastDay));
      const ev = baseEvent(rng, term.decod, term.soc, start, drawGrade(rng, term.grades), rng.bernoulli(term.related[armIdx]));
      if (pre) ev.action = 'NOT APPLICABLE';
      else if (term.reduce !== undefined && doseReductionOffset === null && plan.lastDoseOffset !== null
        && start + 3 < plan.lastDoseOffset && rng.bernoulli(armIdx === 1 ? term.reduce : term.reduce / 3)) {
        ev.action = 'DOSE REDUCED';
        doseReductionOffset = start + 2;
      }
      events.push(ev);
    }
  }
  addDispositionEvents(plan, rng, events);
  for (const ev of events) {
    if (plan.deathOffset !== null && !ev.death && ev.end !== null && ev.end > plan.deathOffset) {
      ev.end = null;
      ev.outcome = 'NOT RECOVERED/NOT RESOLVED';
    }
    if (ev.death || ev.action === 'DRUG WITHDRAWN') continue;
    const u = rng.uniform();
    ev.partial = u < 0.025 ? 'month' : u < 0.03 ? 'year' : null;
  }
  return { rows: toRows(plan, events), doseReductionOffset };
}

function drawGrade(rng: Rng, weights: readonly number[]): number {
  return rng.weighted([1, 2, 3, 4], weights);
}

function baseEvent(rng: Rng, decod: string, soc: string, start: number, grade: number, related: boolean): AeEvent {
  const o = rng.uniform();
  const outcome = o < 0.85 ? 'RECOVERED/RESOLVED' : o < 0.93 ? 'RECOVERING/RESOLVING' : 'NOT RECOVERED/NOT RESOLVED';
  return {
    decod, soc, start, grade, related,
    end: outcome === 'RECOVERED/RESOLVED' ? start + rng.int(1, 21) : null,
    serious: grade >= 3 && (decod === 'Pneumonia' || rng.bernoulli(0.6)),
    action: 'DOSE NOT CHANGED',
    outcome,
    death: false,
    partial: null,
  };
}

/** The fatal AE of a death and the AE leading to an AE discontinuation. */
function addDispositionEvents(plan: SubjectPlan, rng: Rng, events: AeEvent[]): void {
  if (plan.deathOffset !== null) {
    const t = rng.pick(FatalTerms);
    events.push({
      decod: t.decod, soc: t.soc, start: plan.deathOffset - rng.int(2, 8), end: plan.deathOffset, grade: 5, serious: true,
      related: false, action: 'DRUG WITHDRAWN', outcome: 'FATAL', death: true, partial: null,
    });
  }
  if (plan.endReason === 'ADVERSE EVENT' && plan.lastDoseOffset !== null) {
    const decod = rng.pick(DiscontinuationTerms);
    const term = AeCatalogue.find((a) => a.decod === decod) as AeTerm;
    const ev = baseEvent(rng, decod, term.soc, plan.lastDoseOffset - rng.int(0, 3), rng.int(2, 3), true);
    ev.action = 'DRUG WITHDRAWN';
    events.push(ev);
  }
}

function toRows(plan: SubjectPlan, events: AeEvent[]): Row[] {
  const a = plan.anchorDay;
  const items: KeyedRow[] = events.map((ev) => ({
    order: ev.start,
    tie: ev.decod,
    row: {
      STUDYID: StudyId, DOMAIN: 'AE', USUBJID: plan.profile.usubjid, AESEQ: null,
      AETERM: ev.decod.toUpperCase(), AEDECOD: ev.decod, AEBODSYS: ev.soc,
      AESTDTC: ev.partial === null ? isoDate(a + ev.start) : isoPartial(a + ev.start, ev.partial),
      AEENDTC: ev.end === null ? null : isoDate(a + ev.end),
      AESER: ev.serious ? 'Y' : 'N', AEREL: ev.related ? 'Y' : 'N', AETOXGR: ev.grade,
      AEACN: ev.action, AEOUT: ev.outcome, AESDTH: ev.death ? 'Y' : 'N',
    },
  }));
  return sequenceRows(items, 'AESEQ');
}
