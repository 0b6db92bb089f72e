/**
 * Typed cells: what a table cell holds, read from the cell alone. A table is
 * then recognised from the types of its cells (typed.ts), in any orientation
 * and column order, instead of from the wording of its header. The types:
 *
 * - age: one of the request's bands in any spelling ("25 to 34", "over 55"),
 *   another band ("25-39", "50 and over": kept under the council's label), or
 *   "aged between 35 and 44"; an exact age ("34") is a count-looking cell and
 *   is read as an age only where its column's header says so;
 * - outcome: a label the outcome mapping knows, or one naming a disciplinary
 *   outcome in words (dismissal, warning, no case to answer, resigned...);
 * - count: a whole number in digits or words ("Two (2)"); withheld: "<5", "*",
 *   "fewer than 5"; nil: "-", "—", "nil", "none" (a cross-tab's way to say 0);
 * - total: "Total", "Grand total"; header: a column's name (Age, Outcome, No.);
 * - year, percentage, date; empty; other text.
 */
import {mapAgeBand, mapOutcome, normaliseAgeLabel, type Mappings} from "../mappings.js";
import {NUMBER_WORDS} from "../number-words.js";
import {parseCount} from "../record.js";
import {cleanCell} from "../../core/text.js";
import {columnRole, isTotalLabel} from "./header.js";

export type CellType =
  | "empty"
  | "age"
  | "outcome"
  | "count"
  | "withheld"
  | "nil"
  | "total"
  | "header"
  | "year"
  | "percentage"
  | "date"
  | "text";

export interface TypedCell {
  type: CellType;
  text: string;
  /** For a count: its value (0 for nil); for an exact age written as a number: the number. */
  value: number | null;
}

/** An age band however written: two ages joined ("25-39", "25 to 39"), an open band ("over 55", "50+", "under 25"). */
const AGE_RANGE =
  /^(?:\d{2}\s*-\s*\d{2}|\d{2}\+|\d{2}s?\s+(?:and|or)\s+(?:over|above|older|under|below|younger)|(?:over|under|above|below|older than|younger than)\s+(?:the age of\s+)?\d{2}s?)$/;

/**
 * An age band as it starts a run of text ("25-34 Final written warning 1"), for
 * cells and rows whose columns ran together; the cell's type still decides.
 */
export const AGE_BAND_AT_START =
  /^(\d{2}\s*(?:-|–|—|to)\s*\d{2}|\d{2}\s*\+|(?:over|under|aged)\s+\d{2}|\d{2}\s+(?:and|or)\s+(?:over|above|under|below))\s+(\S.*)$/i;

/** A band of ages: one the mappings know, or two ages of working life joined, or an open band of them. */
function isAgeLabel(text: string, mappings: Mappings): boolean {
  if (mapAgeBand(mappings, text) !== "unknown") return true;
  const key = normaliseAgeLabel(text);
  return AGE_RANGE.test(key) && (key.match(/\d+/g) ?? []).every((n) => Number(n) >= 15 && Number(n) <= 99);
}

/** Words that name a disciplinary outcome, for labels the mapping does not know yet. */
const OUTCOME_WORDS =
  /\b(?:dismiss\w*|sack\w*|terminat\w*|warning|warned|no case|no further action|nfa|not proven|not upheld|unfounded|unsubstantiated|exonerat\w*|cleared|resign\w*|left (?:the|before)|management (?:action|advice)|advice|guidance|counsell?ing|training|informal|no action|gross misconduct|retired|ongoing|on-going|outstanding|suspen\w*|redeploy\w*|demot\w*)\b/i;

/** A phrase with a count of its own or a verb is a sentence, not a label: the prose reader reads those. */
const COUNT_FIRST = new RegExp(`^(?:\\d+|a|an|${NUMBER_WORDS})\\s`, "i");
const isSentence = (text: string): boolean =>
  text.split(/\s+/).length > 8 || COUNT_FIRST.test(text) || /\b(?:was|were|has|have|had|is|are)\b/i.test(text);

/** The type of a cell, from its text alone. */
export function typeCell(raw: string, mappings: Mappings): TypedCell {
  const text = cleanCell(raw);
  const cell = (type: CellType, value: number | null = null): TypedCell => ({type, text, value});
  if (!text) return cell("empty");
  if (/^(?:-|–|—|‒|nil|none|n\/a|na)$/i.test(text)) return cell("nil", 0);
  if (isTotalLabel(text)) return cell("total");
  if (/^(?:19|20)\d{2}(?:\s*[-/]\s*(?:19|20)?\d{2})?$/.test(text)) return cell("year");
  if (/^\d+(?:\.\d+)?\s*%$/.test(text)) return cell("percentage");
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(text)) return cell("date");
  // Ages before counts: "25-34" is an age band, where "1-4" is a withheld count. An exact age ("34") is a count here.
  if (text.length <= 60 && !/^\d+$/.test(text) && isAgeLabel(text, mappings)) return cell("age");
  const count = parseCount(text);
  if (count) return count.suppressed ? cell("withheld") : cell("count", count.count);
  if (text.length <= 60) {
    if (!isSentence(text) && (mapOutcome(mappings, text) || OUTCOME_WORDS.test(text))) return cell("outcome");
    if (columnRole(text)) return cell("header");
  }
  return cell("text");
}

/** True for the cells a cross-tab's interior may hold: counts, withheld counts, a mark for none, or nothing. */
export const isInterior = (c: TypedCell): boolean =>
  c.type === "count" || c.type === "withheld" || c.type === "nil" || c.type === "empty";

/** True for a count a person could have written for employees (a count or a withheld count). */
export const isCountLike = (c: TypedCell): boolean => c.type === "count" || c.type === "withheld";

/** An exact age written as a number (16 to 99), read as an age where its column is headed as one. */
export const exactAge = (c: TypedCell): number | null =>
  c.type === "count" && c.value != null && c.value >= 16 && c.value <= 99 && /^\d{2}$/.test(c.text) ? c.value : null;
