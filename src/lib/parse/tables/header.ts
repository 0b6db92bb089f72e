/**
 * Recognising a table's header row, whatever the layout: which cell names the
 * age group, which the outcome, which the number of employees, and which are
 * other columns (a year, a gender, a department) to keep beside the record but
 * never read as an age, an outcome or a count. Shared by every table reader so
 * that they agree on what a header is.
 */
import {cleanCell} from "../../core/text.js";

export type ColumnRole = "age" | "outcome" | "count" | "extra";

/** A column other than age, outcome and count: its index and the key it is kept under in `CaseRecord.extra`. */
export interface ExtraColumn {
  index: number;
  key: string;
}

export interface LongRoles {
  kind: "long";
  age: number;
  outcome: number;
  count: number;
  extras: ExtraColumn[];
}

/** A table of employees by age alone, or by outcome alone (the reply gives the two apart). */
export interface MarginRoles {
  kind: "margin";
  by: "age" | "outcome";
  label: number;
  count: number;
  extras: ExtraColumn[];
}

// Welsh too: bilingual replies give each table in both languages (oedran, canlyniad, nifer, cyfanswm).
const AGE_WORD = /^(?:age[ds]?|oedran)$/;
const OUTCOME_WORD =
  /^(?:canlyniad(?:au)?|outcomes?|results?|actions?|sanctions?|disposals?|decisions?|penalt(?:y|ies))$/;
const COUNT_WORD =
  /^(?:nifer|no|nos|number|numbers|count|counts|employees|staff|total|totals|cases|investigations|people|individuals|#|headcount|frequency)$/;
/** Words that make a column something else, when they begin or end its header ("Year", "Outcome date", "Date of action", "Gender"). */
const EXTRA_WORD =
  /^(?:years?|date|dates|month|months|period|quarter|gender|sex|department|departments|directorate|directorates|service|services|division|team|grade|job|post|role|title|nature|allegations?|platforms?|sites?|reason|location|ethnicity|reference|ref|id|fy)$/;
/** Prepositions after which a header's words qualify its head ("Number of employees", "Age at date of hearing"). */
const PREPOSITION = /^(?:of|at|in|for|by|per|when|on|following)$/;

const words = (text: string): string[] =>
  cleanCell(text)
    .toLowerCase()
    .match(/#|[a-z0-9]+/g) ?? [];

/**
 * What a header cell names: "age", "outcome", "count", or "extra" for a column
 * named by one of the other words (year, gender, department...); null when it
 * names none of these (in a cross-tab such a column is an outcome or an age
 * band; in a long table it is kept as an extra column).
 */
export function columnRole(text: string): ColumnRole | null {
  const cell = cleanCell(text);
  if (!cell || cell.length > 60) return null;
  const ws = words(cell);
  if (!ws.length) return null;
  if (/\bstaff group|\bjob family|\bservice area/i.test(cell)) return "extra";
  if (EXTRA_WORD.test(ws[0]) || EXTRA_WORD.test(ws[ws.length - 1])) return "extra";
  // The head of the header is before its first preposition; the last role word there decides.
  const cut = ws.findIndex((w, i) => i > 0 && PREPOSITION.test(w));
  const head = cut > 0 ? ws.slice(0, cut) : ws;
  for (const part of [head, ws]) {
    for (let i = part.length - 1; i >= 0; i--) {
      const w = part[i];
      if (AGE_WORD.test(w)) return cell.length <= 40 ? "age" : null;
      if (OUTCOME_WORD.test(w)) return "outcome";
      if (COUNT_WORD.test(w)) return "count";
    }
  }
  return null;
}

/** The key an extra column's values are kept under: "year", "gender", "department", else its header in lower case. */
export function extraKey(header: string): string {
  const ws = words(header);
  if (ws.some((w) => /^(?:years?|fy)$/.test(w))) return "year";
  if (ws.some((w) => /^(?:gender|sex)$/.test(w))) return "gender";
  if (
    ws.some((w) => /^(?:departments?|directorates?|services?|division|team)$/.test(w)) ||
    /\bservice area/i.test(header)
  )
    return "department";
  return cleanCell(header).toLowerCase();
}

/** Every other named column, keyed; a second column with the same key keeps its own header as key. */
function extrasOf(cells: string[], taken: number[]): ExtraColumn[] {
  const out: ExtraColumn[] = [];
  cells.forEach((c, index) => {
    if (taken.includes(index) || cleanCell(c) === "") return;
    const key = extraKey(c);
    out.push({index, key: out.some((e) => e.key === key) ? cleanCell(c).toLowerCase() : key});
  });
  return out;
}

/**
 * Column roles of a header row with one column each for age, outcome and count
 * (and any others, kept as extras); null when the cells are not such a header.
 */
export function longRoles(cells: string[]): LongRoles | null {
  const roles = cells.map(columnRole);
  const age = roles.indexOf("age");
  const outcome = roles.indexOf("outcome");
  const count = roles.indexOf("count");
  if (age < 0 || outcome < 0 || count < 0) return null;
  return {kind: "long", age, outcome, count, extras: extrasOf(cells, [age, outcome, count])};
}

/**
 * Column roles of a header naming age or outcome (not both) and a count, every
 * other cell being a named extra column: the table of one margin. Stricter than
 * longRoles, since two short cells are easily met in prose.
 */
export function marginRoles(cells: string[]): MarginRoles | null {
  const roles = cells.map(columnRole);
  const age = roles.indexOf("age");
  const outcome = roles.indexOf("outcome");
  const count = roles.indexOf("count");
  if (age < 0 === outcome < 0 || count < 0) return null;
  if (roles.some((r, i) => r == null && cleanCell(cells[i]) !== "")) return null;
  const label = age >= 0 ? age : outcome;
  return {kind: "margin", by: age >= 0 ? "age" : "outcome", label, count, extras: extrasOf(cells, [label, count])};
}

/** The extra columns' values of a row, keyed; undefined when there are none. */
export function extraValues(
  cells: readonly string[],
  extras: readonly ExtraColumn[]
): Record<string, string> | undefined {
  if (!extras.length) return undefined;
  const out: Record<string, string> = {};
  for (const {index, key} of extras) out[key] = cleanCell(cells[index] ?? "");
  return out;
}

/** True when a cell reads as a header for the age column. */
export const isAgeHeader = (text: string): boolean => columnRole(text) === "age";
/** True when a cell reads as a header for the outcome column. */
export const isOutcomeHeader = (text: string): boolean => columnRole(text) === "outcome";
/** True when a cell names another column (year, gender, department...). */
export const isExtraHeader = (text: string): boolean => columnRole(text) === "extra";
/** True for a "Total" label, in a row or a column. */
/**
 * A subtotal's label: "Subtotal", "Sub-total", "25-34 total", "Dismissal total", "Total for 25-34".
 * A label naming the whole ("Grand total", "Overall total", "Total") is the table's total, not this.
 */
export const isSubtotalLabel = (text: string): boolean => {
  const cell = cleanCell(text);
  if (/^sub-?\s?totals?\b/i.test(cell) || /^totals?\s+(?:for|of)\s+\S/i.test(cell)) return true;
  const part = /^(.+?)\s+totals?:?$/i.exec(cell)?.[1];
  return part != null && !/^(?:grand|overall|final|full|whole|all|the|sum|combined|council|authority)\b/i.test(part);
};

export const isTotalLabel = (text: string): boolean =>
  /^(?:(?:grand\s+|overall\s+)?totals?|cyfanswm(?:\s+cyffredinol)?)\b/i.test(cleanCell(text));
