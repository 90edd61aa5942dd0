/**
 * ADQS (BDS; domain.md 4, 6.3): derived questionnaire parameters per assessment, then analysis visits,
 * baseline and change as in ADLB (src/adam/bds.ts). Items stay in SDTM QS.
 * - `SLEDAI` SLEDAI-2K total and `SLEDAIR` renal SLEDAI (src/clinical/sledai.ts; null when a descriptor
 *   is missing, RSNDTL lists them);
 * - BILAG-2004: one record per domain (PARAMCD = QSTESTCD, AVALC grade, AVAL numeric A12/B8/C1/D0/E0)
 *   and `BILAGTOT` (src/clinical/bilag.ts);
 * - `PHGA` physician global assessment (0–3);
 * - `HAQDI` HAQ-DI (src/clinical/haq.ts; null when < 6 categories answered);
 * - `SRI4` at the plan's SRI visits (src/clinical/sri.ts): AVALC 'Y'/'N', treatment failure = an
 *   intercurrent event (rescue, death, any discontinuation) on or before the SLEDAI assessment date (or the
 *   visit's target day); RSNDTL lists failed and missing components.
 * An assessment = the QS records of one subject, category and QSDTC date. SRCDOM 'QS', SRCLINE = first
 * source line of the assessment.
 */
import type { QsRecord } from '../cdisc/sdtm.ts';
import { BilagDomains, HaqCategories, HaqItemsPerCategory, PhgaTestCode, QsCategories, SledaiItems } from '../cdisc/terms.ts';
import { bilagGradeScore, computeBilagTotal, isBilagGrade } from '../clinical/bilag.ts';
import { computeHaqDi, type HaqCategoryInput } from '../clinical/haq.ts';
import { computeSledai } from '../clinical/sledai.ts';
import { computeSri } from '../clinical/sri.ts';
import type { Plan } from '../plan/plan.ts';
import type { AdslRecord, YN } from './adsl.ts';
import { addDays, toDate } from './dates.ts';
import { computeBdsFlags, type BdsIdentity } from './bds.ts';
import { computeStudyDay } from './study-day.ts';

export interface AdqsRecord extends BdsIdentity {
  PARCAT1: string;
  AVISIT: string | null;
  AVISITN: number | null;
  ADT: string | null;
  ADY: number | null;
  AVAL: number | null;
  AVALC: string | null;
  BASE: number | null;
  CHG: number | null;
  PCHG: number | null;
  ABLFL: YN | null;
  ANL01FL: YN | null;
  RSNDTL: string | null;
  SRCDOM: string;
  SRCLINE: number | null;
}

type Draft = Omit<AdqsRecord, 'AVISIT' | 'AVISITN' | 'BASE' | 'CHG' | 'PCHG' | 'ABLFL' | 'ANL01FL'> & { windowDay: number | null; ADTM: string | null };

interface Assessment {
  usubjid: string;
  cat: string;
  date: string | null;
  dtm: string | null;
  line: number;
  rows: QsRecord[];
}

function groupAssessments(qs: readonly QsRecord[]): Assessment[] {
  const m = new Map<string, Assessment>();
  for (const r of qs) {
    const date = toDate(r.QSDTC);
    const k = `${r.USUBJID}\u0000${r.QSCAT}\u0000${date ?? `#${r.VISITNUM}`}`;
    let a = m.get(k);
    if (a === undefined) m.set(k, (a = { usubjid: r.USUBJID, cat: r.QSCAT, date, dtm: r.QSDTC?.text ?? null, line: r.source.line, rows: [] }));
    a.rows.push(r);
  }
  return [...m.values()];
}

function scoreAssessment(a: Assessment): { paramcd: string; param: string; aval: number | null; avalc: string | null; detail: string | null }[] {
  const num = (code: string) => a.rows.find((r) => r.QSTESTCD === code)?.QSSTRESN ?? null;
  const chr = (code: string) => a.rows.find((r) => r.QSTESTCD === code)?.QSSTRESC?.trim().toUpperCase() ?? null;
  if (a.cat === QsCategories.SLEDAI) {
    const items = Object.fromEntries(Object.keys(SledaiItems).map((c) => [c, num(c)]));
    const r = computeSledai(items);
    const detail = r.missing.length > 0 ? `missing: ${r.missing.join(', ')}` : null;
    return [
      { paramcd: 'SLEDAI', param: 'SLEDAI-2K total score', aval: r.total, avalc: r.total === null ? null : String(r.total), detail },
      { paramcd: 'SLEDAIR', param: 'Renal SLEDAI-2K score', aval: r.renal, avalc: r.renal === null ? null : String(r.renal), detail },
    ];
  }
  if (a.cat === QsCategories.BILAG) {
    const grades = Object.fromEntries(Object.keys(BilagDomains).map((c) => [c, chr(c)]));
    const out = Object.entries(BilagDomains).map(([code, label]) => {
      const g = grades[code];
      const ok = g !== null && isBilagGrade(g);
      return { paramcd: code, param: `BILAG-2004 ${label} grade`, aval: ok ? bilagGradeScore(g!) : null, avalc: g, detail: g !== null && !ok ? `invalid grade "${g}"` : null };
    });
    const clean = Object.fromEntries(Object.entries(grades).map(([k, g]) => [k, g !== null && isBilagGrade(g) ? g : null]));
    const t = computeBilagTotal(clean);
    out.push({ paramcd: 'BILAGTOT', param: 'BILAG-2004 numeric total (Yee 2010)', aval: t.total, avalc: t.total === null ? null : String(t.total), detail: t.missing.length > 0 ? `missing: ${t.missing.join(', ')}` : null });
    return out;
  }
  if (a.cat === QsCategories.PHGA) {
    const v = num(PhgaTestCode);
    return [{ paramcd: 'PHGA', param: 'Physician global assessment (0-3)', aval: v, avalc: v === null ? null : String(v), detail: null }];
  }
  if (a.cat === QsCategories.HAQ) {
    const cats: Record<string, HaqCategoryInput> = {};
    for (const [c, n] of Object.entries(HaqItemsPerCategory)) {
      const k = c.slice(3);
      cats[c] = { items: Array.from({ length: n }, (_, i) => num(`HAQ${k}I${i + 1}`)), aid: chr(`HAQAID${k}`) === 'Y' };
    }
    const r = computeHaqDi(cats);
    return [{ paramcd: 'HAQDI', param: 'HAQ Disability Index', aval: r.score, avalc: r.score === null ? null : String(r.score), detail: r.score === null ? `${r.categoriesAnswered} of ${Object.keys(HaqCategories).length} categories answered (< 6)` : null }];
  }
  return [];
}

function sriRecords(rows: AdqsRecord[], s: AdslRecord, plan: Plan): AdqsRecord[] {
  const pick = (paramcd: string, visit: string | null) => rows.find((r) => r.PARAMCD === paramcd && r.ANL01FL === 'Y' && (visit === null ? r.ABLFL === 'Y' : r.AVISIT === visit && r.ABLFL !== 'Y'));
  const grades = (visit: string | null) => Object.fromEntries(Object.keys(BilagDomains).map((c) => [c, pick(c, visit)?.AVALC ?? null]));
  const out: AdqsRecord[] = [];
  const ref = s.TRTSDT ?? s.RANDDT;
  for (const visitName of plan.secondary.sri.visits) {
    const v = plan.visits.find((x) => x.avisit === visitName)!;
    const sled = pick('SLEDAI', visitName);
    const date = sled?.ADT ?? (ref === null ? null : addDays(ref, v.targetDay - 1));
    const failure = date !== null && ((s.RESCDT !== null && s.RESCDT <= date) || (s.DTHDT !== null && s.DTHDT <= date) || (s.EOSSTT === 'DISCONTINUED' && s.EOSDT !== null && s.EOSDT < date));
    const r = computeSri(
      { sledaiBase: pick('SLEDAI', null)?.AVAL ?? null, sledai: sled?.AVAL ?? null, bilagBase: grades(null), bilag: grades(visitName), phgaBase: pick('PHGA', null)?.AVAL ?? null, phga: pick('PHGA', visitName)?.AVAL ?? null, treatmentFailure: failure },
      { threshold: plan.secondary.sri.threshold, phgaWorseningMin: plan.secondary.sri.phgaWorseningMin },
    );
    const detail = [...(r.failed.length ? [`failed: ${r.failed.join('; ')}`] : []), ...(r.missing.length ? [`missing: ${r.missing.join('; ')}`] : [])].join(' | ') || null;
    out.push({
      STUDYID: s.STUDYID, USUBJID: s.USUBJID, TRT01P: s.TRT01P, TRT01A: s.TRT01A,
      PARAMCD: `SRI${plan.secondary.sri.threshold}`, PARAM: `SLE Responder Index ${plan.secondary.sri.threshold}`, PARCAT1: 'SRI',
      AVISIT: v.avisit, AVISITN: v.avisitn, ADT: sled?.ADT ?? null, ADY: sled?.ADY ?? null,
      AVAL: r.responder ? 1 : 0, AVALC: r.responder ? 'Y' : 'N', BASE: null, CHG: null, PCHG: null, ABLFL: null, ANL01FL: 'Y',
      RSNDTL: detail, SRCDOM: 'ADQS', SRCLINE: null,
    });
  }
  return out;
}

/** Derive ADQS (scores, then SRI for ITT subjects). */
export function deriveAdqs(qs: readonly QsRecord[], adsl: readonly AdslRecord[], plan: Plan): AdqsRecord[] {
  const bySubject = new Map(adsl.map((s) => [s.USUBJID, s]));
  const drafts: Draft[] = [];
  for (const a of groupAssessments(qs)) {
    const s = bySubject.get(a.usubjid);
    const ady = computeStudyDay(a.date, s?.TRTSDT ?? null);
    for (const p of scoreAssessment(a)) {
      drafts.push({
        STUDYID: s?.STUDYID ?? '', USUBJID: a.usubjid, TRT01P: s?.TRT01P ?? null, TRT01A: s?.TRT01A ?? null,
        PARAMCD: p.paramcd, PARAM: p.param, PARCAT1: a.cat, ADT: a.date, ADY: ady, AVAL: p.aval, AVALC: p.avalc, RSNDTL: p.detail,
        SRCDOM: 'QS', SRCLINE: a.line, windowDay: ady ?? computeStudyDay(a.date, s?.RANDDT ?? null), ADTM: a.dtm,
      });
    }
  }
  const flags = computeBdsFlags(drafts, plan);
  const rows: AdqsRecord[] = drafts.map((d, i) => {
    const { windowDay: _w, ADTM: _t, ...rest } = d;
    const { baseIndex: _b, ...f } = flags[i];
    return { ...rest, ...f };
  });
  const bySubj = new Map<string, AdqsRecord[]>();
  for (const r of rows) (bySubj.get(r.USUBJID) ?? bySubj.set(r.USUBJID, []).get(r.USUBJID)!).push(r);
  const sri = adsl.filter((s) => s.ITTFL === 'Y').flatMap((s) => sriRecords(bySubj.get(s.USUBJID) ?? [], s, plan));
  return [...rows, ...sri];
}

export const AdqsColumns: readonly (keyof AdqsRecord)[] = [
  'STUDYID', 'USUBJID', 'TRT01P', 'TRT01A', 'PARAMCD', 'PARAM', 'PARCAT1', 'AVISIT', 'AVISITN', 'ADT', 'ADY', 'AVAL', 'AVALC',
  'BASE', 'CHG', 'PCHG', 'ABLFL', 'ANL01FL', 'RSNDTL', 'SRCDOM', 'SRCLINE',
];
