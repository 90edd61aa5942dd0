/**
 * Event-level rules shared by the safety tables (generic over any ADaM ADAE; domain.md §6.3, §7.7):
 * - treatment-emergent: TRTEMFL = 'Y';
 * - related: AREL = 'Y', else AEREL mapped by src/adam/adae.ts `computeArel` (RELATED, POSSIBLE, PROBABLE,
 *   DEFINITE, Y → related; the CDISC pilot's POSSIBLE/PROBABLE vs REMOTE/NONE);
 * - serious: AESER = 'Y'; leading to discontinuation: AEACN = 'DRUG WITHDRAWN' (CDISC CT, case-insensitive);
 * - fatal: AESDTH = 'Y', AEOUT = 'FATAL' or CTCAE grade 5;
 * - infection: INFFL = 'Y', else (no INFFL) AEBODSYS equal to the plan's infection SOC (case-insensitive);
 * - grade scale: CTCAE grade (ATOXGR 1–5) when any event of the data has one, else severity AESEV
 *   (MILD < MODERATE < SEVERE) — the CDISC pilot has AESEV only; "grade ≥ 3" then means SEVERE.
 */
import { computeArel } from '../../src/adam/adae.ts';
import type { GenericAdaeRecord } from '../../src/adam/read-adam.ts';

export interface GradeScale {
  kind: 'ctcae' | 'severity';
  /** Levels mildest first (ARD categories). */
  levels: readonly string[];
  /** Display label of a level. */
  label: (level: string) => string;
  /** ARD method label. */
  method: string;
  /** Level of one event, or null when unknown. */
  levelOf: (e: GenericAdaeRecord) => string | null;
  /** True for grade ≥ 3 (CTCAE) or SEVERE (severity). */
  isSevere: (e: GenericAdaeRecord) => boolean;
}

const Severity = ['MILD', 'MODERATE', 'SEVERE'] as const;

/** The grade scale of a set of events (see the module note). */
export function gradeScale(events: readonly GenericAdaeRecord[], ctcaeVersion: string): GradeScale {
  const hasGrade = events.some((e) => e.ATOXGR !== null);
  const hasSeverity = events.some((e) => e.AESEV !== null && e.AESEV !== undefined);
  if (!hasGrade && hasSeverity) {
    const levelOf = (e: GenericAdaeRecord) => {
      const v = e.AESEV?.trim().toUpperCase() ?? null;
      return v !== null && (Severity as readonly string[]).includes(v) ? v : null;
    };
    return { kind: 'severity', levels: Severity, label: (l) => l.charAt(0) + l.slice(1).toLowerCase(), method: 'severity-aesev', levelOf, isSevere: (e) => levelOf(e) === 'SEVERE' };
  }
  const levelOf = (e: GenericAdaeRecord) => (e.ATOXGR !== null && Number.isInteger(e.ATOXGR) && e.ATOXGR >= 1 && e.ATOXGR <= 5 ? String(e.ATOXGR) : null);
  return { kind: 'ctcae', levels: ['1', '2', '3', '4', '5'], label: (l) => `Grade ${l}`, method: `ctcae-v${ctcaeVersion}`, levelOf, isSevere: (e) => e.ATOXGR !== null && e.ATOXGR >= 3 };
}

export const isTeae = (e: GenericAdaeRecord): boolean => e.TRTEMFL === 'Y';
export const isRelated = (e: GenericAdaeRecord): boolean => (e.AREL ?? computeArel(e.AEREL)) === 'Y';
export const isSerious = (e: GenericAdaeRecord): boolean => e.AESER === 'Y';
export const leadsToDiscontinuation = (e: GenericAdaeRecord): boolean => (e.AEACN ?? '').trim().toUpperCase() === 'DRUG WITHDRAWN';
export const isFatal = (e: GenericAdaeRecord): boolean => e.AESDTH === 'Y' || (e.AEOUT ?? '').trim().toUpperCase() === 'FATAL' || e.ATOXGR === 5;
export function isInfection(infectionSoc: string): (e: GenericAdaeRecord) => boolean {
  const soc = infectionSoc.trim().toUpperCase();
  return (e) => (e.INFFL !== null && e.INFFL !== undefined ? e.INFFL === 'Y' : e.AEBODSYS.trim().toUpperCase() === soc);
}
