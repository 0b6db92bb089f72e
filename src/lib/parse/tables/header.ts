/**
 * Recognising a table's header row, whatever the layout: which cell names the
 * age group, which the outcome, which the number of employees. Shared by every
 * table reader so that they agree on what a header is.
 */
import {cleanCell} from "../text.js";

export interface LongRoles {
  kind: "long";
  age: number;
  outcome: number;
  count: number;
}

const AGE = /\bage(?:d|s)?\b/i;
const OUTCOME = /outcome|result|action|sanction|disposal|decision/i;
const COUNT = /\bno\b\.?|\bnos?\.|number|count|employees|staff|total|cases|investigations|people|individuals|#/i;

/** Column roles of a header row with one column each for age, outcome and count; null when the cells are not such a header. */
export function longRoles(cells: string[]): LongRoles | null {
  const texts = cells.map(cleanCell);
  const age = texts.findIndex((t) => AGE.test(t) && t.length <= 40);
  const outcome = texts.findIndex((t, i) => i !== age && OUTCOME.test(t) && t.length <= 60);
  const count = texts.findIndex((t, i) => i !== age && i !== outcome && COUNT.test(t) && t.length <= 60);
  return age >= 0 && outcome >= 0 && count >= 0 ? {kind: "long", age, outcome, count} : null;
}

/** True when a cell reads as a header for the age column. */
export const isAgeHeader = (text: string): boolean => AGE.test(text) && cleanCell(text).length <= 40;
/** True when a cell reads as a header for the outcome column. */
export const isOutcomeHeader = (text: string): boolean => OUTCOME.test(text) && cleanCell(text).length <= 60;
/** True for a "Total" label, in a row or a column. */
export const isTotalLabel = (text: string): boolean => /^(?:grand\s+)?totals?\b/i.test(cleanCell(text));
