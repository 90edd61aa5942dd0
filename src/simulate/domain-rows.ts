/**
 * Rows of the subject-level and exposure/finding domains (DM, SUPPDM, DS, EX, VS, LB, CM) of one
 * simulated subject, exactly as the trial conventions define them (arms, NOTTRT, RANDDT, STRATUM,
 * PPEXCL, the double-dummy EX records, the DS milestone and end-of-study records, rescue therapy).
 */
import { LabTests, RescueCmCat, SuppdmQnam, type LabTestCode } from '../cdisc/terms.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { Arms, NotTreated, StudyId } from './design.ts';
import { sequenceRows, type KeyedRow, type Row } from './columns.ts';
import type { LabPanel } from './lab-panels.ts';
import type { SubjectPlan } from './subject-plan.ts';

/** DM: one row. RFSTDTC = Day 1 (first dose); empty for a subject never dosed. */
export function dmRow(plan: SubjectPlan): Row {
  const p = plan.profile;
  const arm = Arms[p.armcd];
  const a = plan.anchorDay;
  return {
    STUDYID: StudyId, DOMAIN: 'DM', USUBJID: p.usubjid, SUBJID: p.subjid,
    RFSTDTC: plan.dosed ? isoDate(a) : null,
    RFENDTC: plan.lastDoseOffset === null ? null : isoDate(a + plan.lastDoseOffset),
    RFICDTC: isoDate(plan.consentDay),
    DTHDTC: plan.deathOffset === null ? null : isoDate(a + plan.deathOffset),
    DTHFL: plan.deathOffset === null ? null : 'Y',
    SITEID: p.siteid, AGE: p.age, AGEU: 'YEARS', SEX: p.sex, RACE: 'ASIAN', ETHNIC: 'NOT HISPANIC OR LATINO',
    ARMCD: arm.armcd, ARM: arm.arm,
    ACTARMCD: plan.dosed ? arm.armcd : NotTreated.actarmcd,
    ACTARM: plan.dosed ? arm.arm : NotTreated.actarm,
    COUNTRY: 'CHN',
  };
}

/** SUPPDM: LNCLASS, PPEXCL (only when Y), RANDDT, STRATUM (sorted by QNAM). */
export function suppdmRows(plan: SubjectPlan): Row[] {
  const p = plan.profile;
  const q = (qnam: string, qlabel: string, qval: string): Row => ({
    STUDYID: StudyId, RDOMAIN: 'DM', USUBJID: p.usubjid, IDVAR: null, IDVARVAL: null, QNAM: qnam, QLABEL: qlabel, QVAL: qval,
  });
  const rows = [q(SuppdmQnam.lnClass, 'ISN/RPS Lupus Nephritis Class', p.lnClass)];
  if (plan.ppExcluded) rows.push(q(SuppdmQnam.perProtocolExclusion, 'Excluded from Per-Protocol Set', 'Y'));
  rows.push(q(SuppdmQnam.randomizationDate, 'Randomization Date', isoDate(p.randDay)));
  rows.push(q(SuppdmQnam.stratum, 'Randomization Stratum', p.stratum));
  return rows;
}

const DsTerms: Record<SubjectPlan['endReason'], string> = {
  COMPLETED: 'COMPLETED WEEK 24',
  'ADVERSE EVENT': 'DISCONTINUED DUE TO ADVERSE EVENT',
  'LACK OF EFFICACY': 'DISCONTINUED: NO RENAL RESPONSE',
  'WITHDRAWAL BY SUBJECT': 'SUBJECT WITHDREW CONSENT',
  'LOST TO FOLLOW-UP': 'LOST TO FOLLOW-UP',
  'PHYSICIAN DECISION': 'INVESTIGATOR DECISION',
  DEATH: 'DEATH',
};

/** DS: the RANDOMIZED milestone and the end-of-study disposition event. */
export function dsRows(plan: SubjectPlan): Row[] {
  const p = plan.profile;
  const endDay = plan.anchorDay + plan.endOffset;
  const base = { STUDYID: StudyId, DOMAIN: 'DS', USUBJID: p.usubjid, DSSEQ: null };
  return sequenceRows([
    { order: p.randDay, tie: '0', row: { ...base, DSTERM: 'RANDOMIZED', DSDECOD: 'RANDOMIZED', DSCAT: 'PROTOCOL MILESTONE', EPOCH: 'SCREENING', DSSTDTC: isoDate(p.randDay) } },
    { order: endDay, tie: '1', row: { ...base, DSTERM: DsTerms[plan.endReason], DSDECOD: plan.endReason, DSCAT: 'DISPOSITION EVENT', EPOCH: 'TREATMENT', DSSTDTC: isoDate(endDay) } },
  ], 'DSSEQ');
}

/** EX: double-dummy records; a dose reduction starts a new tablet record. Empty when never dosed. */
export function exRows(plan: SubjectPlan, doseReductionOffset: number | null): Row[] {
  if (!plan.dosed || plan.lastDoseOffset === null) return [];
  const a = plan.anchorDay;
  const msc = plan.profile.armcd === 'MSC';
  const row = (trt: string, dose: number, unit: string, freq: string, route: string, from: number, to: number): KeyedRow => ({
    order: from,
    tie: trt,
    row: {
      STUDYID: StudyId, DOMAIN: 'EX', USUBJID: plan.profile.usubjid, EXSEQ: null, EXTRT: trt, EXDOSE: dose, EXDOSU: unit,
      EXDOSFRQ: freq, EXROUTE: route, EXSTDTC: isoDate(a + from), EXENDTC: isoDate(a + to),
    },
  });
  const items = [msc
    ? row('UC-MSC', 2, '10^6 cells/kg', 'ONCE', 'INTRAVENOUS', 0, 0)
    : row('PLACEBO INFUSION', 0, 'mL', 'ONCE', 'INTRAVENOUS', 0, 0)];
  const tablet = msc ? 'PLACEBO TABLETS' : 'MMF';
  const full = msc ? 0 : 2000;
  const reduced = msc ? 0 : 1500;
  const last = plan.lastDoseOffset;
  if (doseReductionOffset !== null && doseReductionOffset > 0 && doseReductionOffset < last) {
    items.push(row(tablet, full, 'mg/day', 'QD', 'ORAL', 0, doseReductionOffset - 1));
    items.push(row(tablet, reduced, 'mg/day', 'QD', 'ORAL', doseReductionOffset, last));
  } else {
    items.push(row(tablet, full, 'mg/day', 'QD', 'ORAL', 0, last));
  }
  return sequenceRows(items, 'EXSEQ');
}

const LabCategory: Record<LabTestCode, string> = {
  PROT: 'URINALYSIS', PROTCRT: 'URINALYSIS', RBC: 'URINALYSIS', CREAT: 'CHEMISTRY', ALB: 'CHEMISTRY', ALT: 'CHEMISTRY', AST: 'CHEMISTRY',
  C3: 'IMMUNOLOGY', C4: 'IMMUNOLOGY', DSDNA: 'IMMUNOLOGY', ANA: 'IMMUNOLOGY', HGB: 'HEMATOLOGY', WBC: 'HEMATOLOGY', PLAT: 'HEMATOLOGY',
};

/** LB: one row per result; the 24-h urine protein carries LBDTC = start and LBENDTC = end of collection. */
export function lbRows(plan: SubjectPlan, panels: readonly LabPanel[]): Row[] {
  const items: KeyedRow[] = [];
  for (const panel of panels) {
    for (const r of panel.results) {
      const f = r.result;
      items.push({
        order: (r.day * 1440 + r.minute) * 100 + panel.visit.visitnum,
        tie: r.testcd,
        row: {
          STUDYID: StudyId, DOMAIN: 'LB', USUBJID: plan.profile.usubjid, LBSEQ: null, LBTESTCD: r.testcd,
          LBTEST: LabTests[r.testcd].label, LBCAT: LabCategory[r.testcd], LBSPEC: LabTests[r.testcd].spec,
          LBORRES: f.orres, LBORRESU: f.orresu, LBORNRLO: f.ornrlo, LBORNRHI: f.ornrhi,
          LBSTRESC: f.stresc, LBSTRESN: f.stresn, LBSTRESU: f.stresu, LBSTNRLO: f.stnrlo, LBSTNRHI: f.stnrhi, LBNRIND: f.nrind,
          VISITNUM: panel.visit.visitnum, VISIT: panel.visit.visit,
          LBDTC: isoDateTime(r.day, r.minute), LBENDTC: r.endDay === null ? null : isoDateTime(r.endDay, r.minute),
        },
      });
    }
  }
  return sequenceRows(items, 'LBSEQ');
}

/** VS: height at baseline, weight at baseline/weeks 12/24, blood pressure at every scheduled visit. */
export function vsRows(plan: SubjectPlan): Row[] {
  const rng = plan.rng;
  const female = plan.profile.sex === 'F';
  const height = Math.round(rng.normal(female ? 159 : 170, 6));
  const weight0 = Math.max(40, rng.normal(female ? 56 : 66, 8));
  const sbp0 = rng.normal(128, 13);
  const items: KeyedRow[] = [];
  const add = (day: number, visitnum: number, visit: string, testcd: string, test: string, value: number, unit: string): void => {
    const text = String(value);
    items.push({
      order: day * 100 + visitnum,
      tie: testcd,
      row: {
        STUDYID: StudyId, DOMAIN: 'VS', USUBJID: plan.profile.usubjid, VSSEQ: null, VSTESTCD: testcd, VSTEST: test,
        VSORRES: text, VSORRESU: unit, VSSTRESC: text, VSSTRESN: value, VSSTRESU: unit, VISITNUM: visitnum, VISIT: visit, VSDTC: isoDate(day),
      },
    });
  };
  for (const v of plan.visits) {
    if (v.kind !== 'baseline' && v.kind !== 'scheduled') continue;
    const day = plan.anchorDay + v.offset;
    if (v.kind === 'baseline') add(day, v.visitnum, v.visit, 'HEIGHT', 'Height', height, 'cm');
    if (v.kind === 'baseline' || v.scheduledIndex === 2 || v.scheduledIndex === 5) {
      add(day, v.visitnum, v.visit, 'WEIGHT', 'Weight', Math.round((weight0 + rng.normal(0, 1.2)) * 10) / 10, 'kg');
    }
    const sbp = Math.round(sbp0 - 1.5 * v.valueIndex + rng.normal(0, 8));
    add(day, v.visitnum, v.visit, 'SYSBP', 'Systolic Blood Pressure', sbp, 'mmHg');
    add(day, v.visitnum, v.visit, 'DIABP', 'Diastolic Blood Pressure', Math.round(sbp * 0.62 + rng.normal(0, 5)), 'mmHg');
  }
  return sequenceRows(items, 'VSSEQ');
}

const RescueDrugs = [
  { decod: 'CYCLOPHOSPHAMIDE', trt: 'Cyclophosphamide IV', dose: 500, unit: 'mg', freq: 'ONCE', route: 'INTRAVENOUS', days: 0 },
  { decod: 'RITUXIMAB', trt: 'Rituximab', dose: 1000, unit: 'mg', freq: 'ONCE', route: 'INTRAVENOUS', days: 0 },
  { decod: 'TACROLIMUS', trt: 'Tacrolimus', dose: 2, unit: 'mg', freq: 'BID', route: 'ORAL', days: null },
  { decod: 'METHYLPREDNISOLONE', trt: 'Methylprednisolone pulse', dose: 500, unit: 'mg', freq: 'QD', route: 'INTRAVENOUS', days: 2 },
] as const;

/** CM: background prednisone (all), hydroxychloroquine and losartan (many), and rescue therapy. */
export function cmRows(plan: SubjectPlan): Row[] {
  const rng = plan.rng;
  const a = plan.anchorDay;
  const items: KeyedRow[] = [];
  const add = (start: number, end: number | null, trt: string, decod: string, cat: string, dose: number, unit: string, freq: string, route: string): void => {
    items.push({
      order: start,
      tie: decod,
      row: {
        STUDYID: StudyId, DOMAIN: 'CM', USUBJID: plan.profile.usubjid, CMSEQ: null, CMTRT: trt, CMDECOD: decod, CMCAT: cat,
        CMDOSE: dose, CMDOSU: unit, CMDOSFRQ: freq, CMROUTE: route, CMSTDTC: isoDate(a + start), CMENDTC: end === null ? null : isoDate(a + end),
      },
    });
  };
  add(-rng.int(14, 120), null, 'Prednisone', 'PREDNISONE', 'CONCOMITANT', rng.pick([20, 30, 40]), 'mg', 'QD', 'ORAL');
  if (rng.bernoulli(0.7)) add(-rng.int(30, 700), null, 'Hydroxychloroquine', 'HYDROXYCHLOROQUINE', 'CONCOMITANT', 200, 'mg', 'BID', 'ORAL');
  if (rng.bernoulli(0.35)) add(-rng.int(10, 300), null, 'Losartan', 'LOSARTAN', 'CONCOMITANT', 50, 'mg', 'QD', 'ORAL');
  if (plan.rescue !== null) {
    const d = rng.pick(RescueDrugs);
    const s = plan.rescue.offset;
    add(s, d.days === null ? null : s + d.days, d.trt, d.decod, RescueCmCat, d.dose, d.unit, d.freq, d.route);
  }
  return sequenceRows(items, 'CMSEQ');
}
