/**
 * The one rule for a count a council withheld, used by reconciliation, the
 * Ofcom comparison and the pivot.
 *
 * Councils withhold a count (usually under section 40, personal data) because
 * it is small enough to identify someone. So:
 * - when the reply states bounds ("<5" is 1 to 4, "1-4", "5 or fewer"), they are the range;
 * - when it states none ("*", "withheld", "s.40"), the count is at least 1 (a
 *   row of nobody identifies no one and would not need withholding) and has no
 *   known upper bound.
 * A withheld count is never read as 0, and its range is never narrowed by a guess.
 */

/** The fields of a record this rule reads. */
export interface CountFields {
  count: number | null;
  countBounds: [number, number] | null;
}

/** Least and most a count can be: both the count itself when known; max null when nothing caps it. */
export interface CountRange {
  min: number;
  max: number | null;
}

/** The least a withheld count with no stated bounds can be. */
export const WITHHELD_MIN_UNSTATED = 1;

export function countRange(record: CountFields): CountRange {
  if (record.count != null) return {min: record.count, max: record.count};
  if (record.countBounds) return {min: record.countBounds[0], max: record.countBounds[1]};
  return {min: WITHHELD_MIN_UNSTATED, max: null};
}

/** Counts summed: the known part, how many rows were withheld, and the range the whole can take. */
export interface CountSum {
  known: number;
  withheldRows: number;
  min: number;
  max: number | null;
}

export function sumCounts(records: Iterable<CountFields>): CountSum {
  let known = 0,
    withheldRows = 0,
    min = 0;
  let max: number | null = 0;
  for (const r of records) {
    const range = countRange(r);
    if (r.count != null) known += r.count;
    else withheldRows++;
    min += range.min;
    max = max == null || range.max == null ? null : max + range.max;
  }
  return {known, withheldRows, min, max};
}
