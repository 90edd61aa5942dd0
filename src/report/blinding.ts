/**
 * Blinding for the DSMB reports (domain.md §7; FDA guidance "Establishment and Operation of Clinical Trial
 * Data Monitoring Committees", 2006): the OPEN report (sponsor and investigators present) shows pooled data
 * only; the CLOSED report shows data by arm.
 *
 * Safeguards:
 * 1. `openRecords` keeps only pooled ARD records (group null or "Total") that do not name an arm, and strips
 *    every subject-level trace (ArdRecord `subjects`): the open report never contains subject-level data.
 * 2. `findArmLeaks` scans a rendered document for any arm label or code, `findSubjectLeaks` for any subject
 *    identifier (every USUBJID of ADSL); `assertOpenReportBlind` runs both and the report writer treats any
 *    hit as a hard stop and never writes the open report.
 *
 * Matching rule (both functions): case-SENSITIVE, WHOLE-WORD. A word boundary is any character that is not a
 * Unicode letter or digit (so "_", "-", "." and "\"" are boundaries: "MSC_DOSE", "MSC-treated" and "\"MSC\""
 * match; "SMSC", "MSCs", "MMFX" and "msc" do not). Arm codes are often short common words ("MSC"), so
 * substring matching would flag ordinary words. Pass plural or variant spellings as extra labels if they
 * can occur. Each term is searched as written and in its HTML-escaped and JSON-in-HTML-escaped forms, so a
 * label with "&" or quotes is still found in the rendered page and inside embedded spec JSON.
 */
import { withoutSubjects, type ArdRecord } from '../core/ard.ts';
import { InputError } from '../core/errors.ts';
import { escapeHtml } from './escape.ts';

/** What identifies the arms: display labels (DM.ARM, e.g. "UC-MSC") and codes (DM.ARMCD, e.g. "MSC"). */
export interface ArmIdentifiers {
  armLabels: readonly string[];
  armCodes: readonly string[];
  /**
   * Exact phrases that may legitimately contain an arm word (e.g. the registered study title
   * "Umbilical cord MSC versus MMF in lupus nephritis"); their occurrences are masked before scanning.
   */
  allowedPhrases?: readonly string[];
}

/** One occurrence of an arm label or code, or of a subject identifier, in a document. */
export interface ArmLeak {
  /** The label, code or USUBJID that was found (as given, not escaped). */
  term: string;
  /** The text actually matched (the term, or its HTML/JSON-escaped form). */
  matched: string;
  /** 0-based UTF-16 offset of the match in the scanned text. */
  index: number;
  /** Up to 40 characters either side of the match, for the error message. */
  context: string;
}

/** Groups that are pooled over arms. */
const POOLED_GROUPS: ReadonlySet<string | null> = new Set([null, 'Total']);

const CONTEXT_CHARS = 40;

function searchTerms(ids: ArmIdentifiers): string[] {
  if (!Array.isArray(ids.armLabels)) throw new InputError('armLabels', 'expected an array of strings');
  if (!Array.isArray(ids.armCodes)) throw new InputError('armCodes', 'expected an array of strings');
  const terms = [...ids.armLabels, ...ids.armCodes];
  for (const t of terms) {
    if (typeof t !== 'string' || t.trim() === '') throw new InputError('armLabels', `arm labels and codes must be non-empty strings, got ${JSON.stringify(t)}`);
  }
  return terms;
}

/** The forms a term can take in a rendered page: raw, HTML-escaped, JSON-string-escaped then HTML-escaped. */
function variantsOf(term: string): string[] {
  const json = JSON.stringify(term).slice(1, -1);
  return [...new Set([term, escapeHtml(term), escapeHtml(json)])];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWholeWord(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1] : '';
  const after = end < text.length ? text[end] : '';
  return !(before !== '' && WORD_CHAR.test(before)) && !(after !== '' && WORD_CHAR.test(after));
}

function maskAllowed(text: string, phrases: readonly string[]): string {
  let out = text;
  for (const phrase of phrases) {
    if (phrase === '') continue;
    for (const form of variantsOf(phrase)) out = out.split(form).join(' '.repeat(form.length));
  }
  return out;
}

/** True when `text` contains any arm label or code as a whole word (matching rule in the module note). */
export function mentionsArm(text: string, ids: ArmIdentifiers): boolean {
  return findArmLeaks(text, ids).length > 0;
}

/**
 * Every occurrence of an arm label or code in `text`, sorted by position (ties by term order given).
 * Masked allowed phrases are skipped. Offsets refer to the original text (masking keeps lengths).
 * @example findArmLeaks('<td>MMF</td> MMFX', { armLabels: [], armCodes: ['MMF'] }).length // => 1
 * @throws InputError when a label or code is empty.
 */
export function findArmLeaks(text: string, ids: ArmIdentifiers): ArmLeak[] {
  const terms = searchTerms(ids);
  return findWholeWords(text, maskAllowed(text, ids.allowedPhrases ?? []), terms);
}

/**
 * Every occurrence of a subject identifier (USUBJID) in `text`, as a whole word (same rule as arm labels:
 * "NCT03580291-01-0001" is found in "(NCT03580291-01-0001)" but not inside "NCT03580291-01-00012"), raw or
 * HTML/JSON-escaped, sorted by position. An identifier that is also an ordinary word or number of the
 * report (e.g. a purely numeric USUBJID "12") is found too: for the open report that is a false alarm the
 * run reports rather than risks.
 * @throws InputError when an identifier is empty.
 */
export function findSubjectLeaks(text: string, subjectIds: readonly string[]): ArmLeak[] {
  if (!Array.isArray(subjectIds)) throw new InputError('subjectIds', 'expected an array of strings');
  for (const id of subjectIds) {
    if (typeof id !== 'string' || id.trim() === '') throw new InputError('subjectIds', `subject identifiers must be non-empty strings, got ${JSON.stringify(id)}`);
  }
  return findWholeWords(text, text, [...new Set(subjectIds)]);
}

/**
 * The open report's run-time gate: throws when `html` names an arm (label or code) or any subject, so the
 * caller writes nothing. The message counts both kinds and shows the first occurrence of each.
 */
export function assertOpenReportBlind(html: string, ids: ArmIdentifiers, subjectIds: readonly string[]): void {
  const arms = findArmLeaks(html, ids);
  const subjects = findSubjectLeaks(html, subjectIds);
  if (arms.length === 0 && subjects.length === 0) return;
  const parts: string[] = [];
  if (arms.length > 0) parts.push(`${arms.length} arm label/code occurrence(s), first: ${JSON.stringify(arms[0])}`);
  if (subjects.length > 0) parts.push(`${subjects.length} subject identifier occurrence(s), first: ${JSON.stringify(subjects[0])}`);
  throw new Error(`the open report would reveal treatment assignment or subject-level data (${parts.join('; ')}); it was not written`);
}

/** Whole-word occurrences of `terms` (and their escaped forms) in `scanned`; contexts from `text`. */
function findWholeWords(text: string, scanned: string, terms: readonly string[]): ArmLeak[] {
  const leaks: ArmLeak[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    for (const form of variantsOf(term)) {
      for (let i = scanned.indexOf(form); i !== -1; i = scanned.indexOf(form, i + 1)) {
        const end = i + form.length;
        const key = `${i}:${end}`;
        if (!isWholeWord(scanned, i, end) || seen.has(key)) continue;
        seen.add(key);
        const context = text.slice(Math.max(0, i - CONTEXT_CHARS), Math.min(text.length, end + CONTEXT_CHARS));
        leaks.push({ term, matched: form, index: i, context });
      }
    }
  }
  return leaks.sort((a, b) => a.index - b.index);
}

function recordNamesArm(r: ArdRecord, ids: ArmIdentifiers): boolean {
  const fields = [r.analysis, r.parameter, r.category, r.visit, typeof r.value === 'string' ? r.value : null];
  return fields.some((f) => f !== null && mentionsArm(f, ids));
}

/**
 * The records allowed in the OPEN report: pooled ones (group null or "Total") whose text fields (analysis,
 * parameter, category, visit, string value) do not name an arm, each WITHOUT its subject trace. By-arm
 * records, contrasts ("MSC - MMF") and pooled records that name an arm (e.g. parameter "ARM", category "MSC":
 * the randomisation split) are dropped. Order is preserved.
 */
export function openRecords(records: readonly ArdRecord[], ids: ArmIdentifiers): ArdRecord[] {
  if (!Array.isArray(records)) throw new InputError('records', 'expected an array of ARD records');
  searchTerms(ids);
  return records.filter((r) => POOLED_GROUPS.has(r.group) && !recordNamesArm(r, ids)).map(withoutSubjects);
}
