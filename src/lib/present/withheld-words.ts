/**
 * The words for counts a council withheld. The rule itself (what a withheld count can be) is
 * src/lib/core/withheld.ts; this file only says it, and never shows a withheld count as 0.
 */
import type {CountFields, CountSum} from "../core/withheld.js";
import {countNoun} from "./lists.js";
import {formatCount, formatRange} from "./numbers.js";

export const WITHHELD = "withheld";

/** A withheld count, with the bounds the reply stated: "withheld", "withheld (1 to 4)". */
export function formatWithheld(bounds: readonly [number, number] | null): string {
  return bounds ? `${WITHHELD} (${formatRange(bounds[0], bounds[1])})` : WITHHELD;
}

/**
 * A known part with withheld counts beside it, where only the known part can be shown: a count
 * (5 → "5 + withheld") or a value already formatted ("38.7%" → "38.7% + withheld").
 */
export function formatPartlyWithheld(known: number | string): string {
  return `${typeof known === "number" ? formatCount(known) : known} + ${WITHHELD}`;
}

/** One record's count: "12", or "withheld (1 to 4)" / "withheld". */
export function formatRecordCount(record: CountFields): string {
  return record.count != null ? formatCount(record.count) : formatWithheld(record.countBounds);
}

/** "1 row withheld", "2 rows withheld". */
export function formatWithheldRows(rows: number): string {
  return `${countNoun(rows, "row")} ${WITHHELD}`;
}

/**
 * Counts summed (core/withheld.ts sumCounts): "31" when nothing was withheld, else the range
 * the whole can take and why: "5 to 8 (1 row withheld)", "at least 4 (1 row withheld)".
 */
export function formatCountSum(sum: CountSum): string {
  if (sum.withheldRows === 0) return formatCount(sum.known);
  return `${formatRange(sum.min, sum.max)} (${formatWithheldRows(sum.withheldRows)})`;
}
