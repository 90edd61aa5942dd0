/**
 * ADAE (ADaM OCCDS; domain.md 6.3, 7): one record per AE.
 * - ASTDT/ASTDTF: AESTDTC imputed with admiral conventions (src/adam/impute-date.ts; not before TRTSDT
 *   when the partial period contains it); AENDT/AENDTF: AEENDTC imputed to the period end, capped at
 *   the death date or the plan's data-cut date when those fall in the period.
 * - TRTEMFL 'Y': ASTDT on or after TRTSDT (subject dosed). An AE with no start date at all is counted as
 *   treatment-emergent when the subject was dosed (conservative; listed in the report).
 * - ATOXGR = AETOXGR (CTCAE version of the plan), AESER, AREL 'Y' when AEREL is Y / RELATED / POSSIBLE /
 *   PROBABLE / DEFINITE (CDISC causality terms), 'N' when N / NOT RELATED / UNLIKELY / REMOTE / NONE.
 * - INFFL 'Y' when AEBODSYS is the plan's infection SOC (case-insensitive).
 * - AOCCFL / AOCCSFL / AOCCPFL: first treatment-emergent occurrence per subject / SOC / PT (order
 *   ASTDT, AESEQ, source line).
 * - TRTA/TRTAN = ADSL TRT01A/TRT01AN (analysed as treated), SAFFL from ADSL.
 */
import type { AeRecord } from '../cdisc/sdtm.ts';
import type { Plan } from '../plan/plan.ts';
import type { AdslRecord, YN } from './adsl.ts';
import { compareText } from './dates.ts';
import { imputeEndDate, imputeStartDate, type DateImputationFlag } from './impute-date.ts';
import { computeStudyDay } from './study-day.ts';

export interface AdaeRecord {
  STUDYID: string;
  USUBJID: string;
  TRT01P: string | null;
  TRTA: string | null;
  TRTAN: number | null;
  SAFFL: YN;
  TRTSDT: string | null;
  TRTEDT: string | null;
  AESEQ: number | null;
  AETERM: string | null;
  AEDECOD: string;
  AEBODSYS: string;
  AESTDTC: string | null;
  AEENDTC: string | null;
  ASTDT: string | null;
  ASTDTF: DateImputationFlag;
  ASTDY: number | null;
  AENDT: string | null;
  AENDTF: DateImputationFlag;
  AENDY: number | null;
  TRTEMFL: YN | null;
  ATOXGR: number | null;
  AESER: string | null;
  AEREL: string | null;
  AREL: YN | null;
  AEACN: string | null;
  AEOUT: string | null;
  AESDTH: string | null;
  INFFL: YN;
  AOCCFL: YN | null;
  AOCCSFL: YN | null;
  AOCCPFL: YN | null;
  SRCDOM: string;
  SRCSEQ: number | null;
  SRCLINE: number;
}

const Related = new Set(['Y', 'RELATED', 'POSSIBLE', 'PROBABLE', 'DEFINITE', 'POSSIBLY RELATED', 'PROBABLY RELATED']);
const NotRelated = new Set(['N', 'NOT RELATED', 'UNLIKELY', 'REMOTE', 'NONE', 'UNLIKELY RELATED']);

/** Analysis relationship from AEREL. @example computeArel('PROBABLE') // => 'Y' */
export function computeArel(aerel: string | null): YN | null {
  if (aerel === null) return null;
  const v = aerel.trim().toUpperCase();
  return Related.has(v) ? 'Y' : NotRelated.has(v) ? 'N' : null;
}

function deriveOne(ae: AeRecord, s: AdslRecord | undefined, plan: Plan): AdaeRecord {
  const trtsdt = s?.TRTSDT ?? null;
  const st = imputeStartDate(ae.AESTDTC, trtsdt);
  const caps = [s?.DTHDT ?? null, plan.study.dataCutDate].filter((d): d is string => d !== null).sort(compareText);
  const en = imputeEndDate(ae.AEENDTC, caps[0] ?? null);
  const temf: YN | null = trtsdt === null ? null : st.date === null || st.date >= trtsdt ? 'Y' : 'N';
  return {
    STUDYID: s?.STUDYID ?? '',
    USUBJID: ae.USUBJID,
    TRT01P: s?.TRT01P ?? null,
    TRTA: s?.TRT01A ?? null,
    TRTAN: s?.TRT01AN ?? null,
    SAFFL: s?.SAFFL ?? 'N',
    TRTSDT: trtsdt,
    TRTEDT: s?.TRTEDT ?? null,
    AESEQ: ae.AESEQ,
    AETERM: ae.AETERM,
    AEDECOD: ae.AEDECOD,
    AEBODSYS: ae.AEBODSYS,
    AESTDTC: ae.AESTDTC?.text ?? null,
    AEENDTC: ae.AEENDTC?.text ?? null,
    ASTDT: st.date,
    ASTDTF: st.flag,
    ASTDY: computeStudyDay(st.date, trtsdt),
    AENDT: en.date,
    AENDTF: en.flag,
    AENDY: computeStudyDay(en.date, trtsdt),
    TRTEMFL: temf,
    ATOXGR: ae.AETOXGR,
    AESER: ae.AESER,
    AEREL: ae.AEREL,
    AREL: computeArel(ae.AEREL),
    AEACN: ae.AEACN,
    AEOUT: ae.AEOUT,
    AESDTH: ae.AESDTH,
    INFFL: ae.AEBODSYS.trim().toUpperCase() === plan.safety.infectionSoc.toUpperCase() ? 'Y' : 'N',
    AOCCFL: null,
    AOCCSFL: null,
    AOCCPFL: null,
    SRCDOM: 'AE',
    SRCSEQ: ae.AESEQ,
    SRCLINE: ae.source.line,
  };
}

/** First-occurrence flags among treatment-emergent records (per subject, SOC, PT). */
function flagFirstOccurrences(rows: AdaeRecord[]): AdaeRecord[] {
  const order = rows
    .map((r, i) => i)
    .filter((i) => rows[i].TRTEMFL === 'Y')
    .sort((a, b) => compareText(rows[a].ASTDT ?? '', rows[b].ASTDT ?? '') || (rows[a].AESEQ ?? 0) - (rows[b].AESEQ ?? 0) || rows[a].SRCLINE - rows[b].SRCLINE);
  const seen = { s: new Set<string>(), soc: new Set<string>(), pt: new Set<string>() };
  const out = rows.map((r) => ({ ...r }));
  for (const i of order) {
    const r = out[i];
    const ks = r.USUBJID, ksoc = `${ks}\u0000${r.AEBODSYS}`, kpt = `${ksoc}\u0000${r.AEDECOD}`;
    r.AOCCFL = seen.s.has(ks) ? null : 'Y';
    r.AOCCSFL = seen.soc.has(ksoc) ? null : 'Y';
    r.AOCCPFL = seen.pt.has(kpt) ? null : 'Y';
    seen.s.add(ks);
    seen.soc.add(ksoc);
    seen.pt.add(kpt);
  }
  return out;
}

/**
 * Derive ADAE.
 * @example deriveAdae(ae, adsl, plan).filter((r) => r.TRTEMFL === 'Y' && r.SAFFL === 'Y')
 */
export function deriveAdae(ae: readonly AeRecord[], adsl: readonly AdslRecord[], plan: Plan): AdaeRecord[] {
  const bySubject = new Map(adsl.map((s) => [s.USUBJID, s]));
  return flagFirstOccurrences(ae.map((r) => deriveOne(r, bySubject.get(r.USUBJID), plan)));
}

export const AdaeColumns: readonly (keyof AdaeRecord)[] = [
  'STUDYID', 'USUBJID', 'TRT01P', 'TRTA', 'TRTAN', 'SAFFL', 'TRTSDT', 'TRTEDT', 'AESEQ', 'AETERM', 'AEDECOD', 'AEBODSYS', 'AESTDTC', 'AEENDTC',
  'ASTDT', 'ASTDTF', 'ASTDY', 'AENDT', 'AENDTF', 'AENDY', 'TRTEMFL', 'ATOXGR', 'AESER', 'AEREL', 'AREL', 'AEACN', 'AEOUT', 'AESDTH',
  'INFFL', 'AOCCFL', 'AOCCSFL', 'AOCCPFL', 'SRCDOM', 'SRCSEQ', 'SRCLINE',
];
