/**
 * QS rows of one subject: SLEDAI-2K descriptors (Gladman et al., J Rheumatol 2002;29:288; one row per
 * descriptor, QSSTRESN 1 present / 0 absent), BILAG-2004 domain grades (QSSTRESC A–E), PhGA (0–3, one
 * decimal) and HAQ-DI items (0–3) with aid/device items (Y/N), on the schedule of the conventions.
 * Lab-based SLEDAI descriptors agree with the visit's lab panel (proteinuria > 0.5 g/24h, urine RBC
 * > 5/HPF, C3 < 0.9 or C4 < 0.1 g/L, anti-dsDNA > 100 IU/mL, platelets < 100, WBC < 3 × 10^9/L), so
 * every baseline has the proteinuria item (inclusion UP24 > 1.0) and a baseline score of about 10–16.
 */
import { BilagDomains, HaqCategories, HaqItemsPerCategory, PhgaTestCode, QsCategories, SledaiItems, type SledaiItemCode } from '../cdisc/terms.ts';
import type { Rng } from './random.ts';
import { isoDate } from './dates.ts';
import { QsSchedule, StudyId } from './design.ts';
import type { Row } from './columns.ts';
import type { LabPanel } from './lab-panels.ts';
import type { PlannedVisit, SubjectPlan } from './subject-plan.ts';

export const SledaiLabels: Record<SledaiItemCode, string> = {
  SLSEIZ: 'Seizure', SLPSYCH: 'Psychosis', SLOBS: 'Organic brain syndrome', SLVISUAL: 'Visual disturbance',
  SLCRANN: 'Cranial nerve disorder', SLHEAD: 'Lupus headache', SLCVA: 'Cerebrovascular accident', SLVASC: 'Vasculitis',
  SLARTH: 'Arthritis', SLMYOS: 'Myositis', SLCAST: 'Urinary casts', SLHEMAT: 'Hematuria', SLPROT: 'Proteinuria',
  SLPYUR: 'Pyuria', SLRASH: 'Rash', SLALOP: 'Alopecia', SLMUCO: 'Mucosal ulcers', SLPLEUR: 'Pleurisy',
  SLPERI: 'Pericarditis', SLCOMP: 'Low complement', SLDNA: 'Increased DNA binding', SLFEVER: 'Fever',
  SLTHROM: 'Thrombocytopenia', SLLEUK: 'Leukopenia',
};

/** Baseline prevalence of the clinical (non-lab) SLEDAI descriptors. */
const ClinicalPrevalence: Partial<Record<SledaiItemCode, number>> = {
  SLSEIZ: 0.004, SLPSYCH: 0.004, SLOBS: 0.003, SLVISUAL: 0.004, SLCRANN: 0.003, SLHEAD: 0.005, SLCVA: 0.002,
  SLVASC: 0.03, SLARTH: 0.2, SLMYOS: 0.01, SLCAST: 0.35, SLPYUR: 0.3, SLRASH: 0.35, SLALOP: 0.25, SLMUCO: 0.2,
  SLPLEUR: 0.04, SLPERI: 0.02, SLFEVER: 0.05,
};

const SledaiCodesSorted = (Object.keys(SledaiItems) as SledaiItemCode[]).slice().sort();
const BilagCodesSorted = Object.keys(BilagDomains).slice().sort() as (keyof typeof BilagDomains)[];

/**
 * Build all QS rows of the subject (baseline and scheduled visits only). Rows come out already in
 * the file's order: visits by date, and within a visit by QSTESTCD (BILAG `BL*` < HAQ `HAQ<c>I<k>`
 * < `HAQAID<c>` < `PHGA` < SLEDAI `SL*`), so no sort is needed.
 */
export function qsRows(plan: SubjectPlan, panels: readonly LabPanel[]): Row[] {
  const rng = plan.rng;
  const rows: Row[] = [];
  const usubjid = plan.profile.usubjid;
  const haqLevel = rng.between(0.1, 0.9);
  for (const panel of panels) {
    const v = panel.visit;
    if (v.kind !== 'baseline' && v.kind !== 'scheduled') continue;
    const idx = v.kind === 'baseline' ? -1 : (v.scheduledIndex as number);
    const qsdtc = isoDate(plan.anchorDay + v.offset);
    const state = idx < 0 ? 'NR' : plan.latent.states[idx];
    const rem = state === 'CR' ? 1 : state === 'PR' ? 0.6 : 0;
    const fade = Math.max(0.05, 1 - 0.12 * (idx + 1) - 0.45 * rem);
    const add: AddFn = (cat, testcd, test, orres, stresn) => {
      rows.push({
        STUDYID: StudyId, DOMAIN: 'QS', USUBJID: usubjid, QSSEQ: rows.length + 1, QSCAT: cat, QSTESTCD: testcd, QSTEST: test,
        QSORRES: orres, QSSTRESC: stresn === null ? orres : String(stresn), QSSTRESN: stresn, VISITNUM: v.visitnum, VISIT: v.visit, QSDTC: qsdtc,
      });
    };
    const present = sledaiPresent(rng, panel, fade);
    if ((QsSchedule.bilag as readonly number[]).includes(idx)) {
      for (const code of BilagCodesSorted) add(QsCategories.BILAG, code, BilagDomains[code], bilagGrade(rng, code, plan, idx, present), null);
    }
    if ((QsSchedule.haq as readonly number[]).includes(idx)) addHaq(rng, add, haqLevel * (idx < 0 ? 1 : 0.5 + 0.5 * fade));
    if ((QsSchedule.phga as readonly number[]).includes(idx)) {
      const phga = Math.min(3, Math.max(0, Math.round((2.1 * fade + rng.normal(0, 0.25)) * 10) / 10));
      add(QsCategories.PHGA, PhgaTestCode, 'Physician Global Assessment', phga.toFixed(1), phga);
    }
    if ((QsSchedule.sledai as readonly number[]).includes(idx)) {
      for (const code of SledaiCodesSorted) {
        const p = present.has(code);
        add(QsCategories.SLEDAI, code, SledaiLabels[code], p ? 'PRESENT' : 'ABSENT', p ? 1 : 0);
      }
    }
  }
  return rows;
}

function sledaiPresent(rng: Rng, panel: LabPanel, fade: number): Set<SledaiItemCode> {
  const n = panel.numeric;
  const out = new Set<SledaiItemCode>();
  if ((n.PROT ?? 0) > 0.5) out.add('SLPROT');
  if ((n.RBC ?? 0) > 5) out.add('SLHEMAT');
  if ((n.C3 ?? 9) < 0.9 || (n.C4 ?? 9) < 0.1) out.add('SLCOMP');
  if ((n.DSDNA ?? 0) > 100) out.add('SLDNA');
  if ((n.PLAT ?? 999) < 100) out.add('SLTHROM');
  if ((n.WBC ?? 99) < 3) out.add('SLLEUK');
  for (const [code, p] of Object.entries(ClinicalPrevalence) as [SledaiItemCode, number][]) {
    if (rng.bernoulli(p * fade)) out.add(code);
  }
  return out;
}

function bilagGrade(rng: Rng, code: string, plan: SubjectPlan, idx: number, present: Set<SledaiItemCode>): string {
  if (code === 'BLRENA') {
    if (idx < 0) return plan.profile.baselineUp >= 3.5 ? (rng.bernoulli(0.85) ? 'A' : 'B') : rng.bernoulli(0.35) ? 'A' : 'B';
    const s = plan.latent.states[idx];
    return s === 'CR' ? 'D' : s === 'PR' ? 'C' : rng.bernoulli(0.2) ? 'A' : 'B';
  }
  const active = (code === 'BLMUCO' && (present.has('SLRASH') || present.has('SLALOP') || present.has('SLMUCO')))
    || (code === 'BLMUSC' && present.has('SLARTH'))
    || (code === 'BLHAEM' && (present.has('SLTHROM') || present.has('SLLEUK')))
    || (code === 'BLCONS' && present.has('SLFEVER'))
    || (code === 'BLCARD' && (present.has('SLPLEUR') || present.has('SLPERI')));
  if (active) return rng.bernoulli(0.4) ? 'B' : 'C';
  return idx < 0 ? (rng.bernoulli(0.7) ? 'E' : 'D') : rng.bernoulli(0.6) ? 'E' : 'D';
}

type AddFn = (cat: string, testcd: string, test: string, orres: string, stresn: number | null) => void;

function addHaq(rng: Rng, add: AddFn, level: number): void {
  const cats = Object.entries(HaqCategories);
  for (const [cat, label] of cats) {
    const c = cat.slice(3);
    const k = HaqItemsPerCategory[cat as keyof typeof HaqItemsPerCategory];
    for (let i = 1; i <= k; i++) {
      const u = rng.uniform() * level;
      const score = u < 0.3 ? 0 : u < 0.6 ? 1 : u < 0.8 ? 2 : 3;
      add(QsCategories.HAQ, `HAQ${c}I${i}`, `${label} item ${i}`, String(score), score);
    }
  }
  for (const [cat, label] of cats) {
    const aid = rng.bernoulli(0.08 * level) ? 'Y' : 'N';
    add(QsCategories.HAQ, `HAQAID${cat.slice(3)}`, `${label}: aids or devices`, aid, null);
  }
}
