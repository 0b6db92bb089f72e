/**
 * Cross-tabulating records: the number of employees in each pair of values of
 * two dimensions (age band x outcome, say), with row, column and grand totals.
 * Withheld counts are tallied apart from known ones and never added as 0.
 */
import {aq} from "./aq.js";
import type {CaseRecord} from "./types.js";

export type Dimension = "ageBand" | "outcome" | "tier" | "upheld" | "authority";

export interface CrossTab {
  rowKeys: string[];
  colKeys: string[];
  /** Known employees per cell, keyed `${row}\u0000${col}`. */
  cells: Map<string, number>;
  /** Rows with a withheld count per cell, keyed like `cells`. */
  withheld: Map<string, number>;
  rowTotals: Map<string, number>;
  colTotals: Map<string, number>;
  total: number;
  withheldTotal: number;
}

export const cellKey = (row: string, col: string) => `${row}\u0000${col}`;

/** Shows a dimension's value as text: upheld is a boolean or null in the records. */
export function dimensionLabel(value: unknown): string {
  if (value === true) return "upheld";
  if (value === false) return "not upheld";
  if (value == null) return "unknown";
  return String(value);
}

/** Puts listed keys first in the given order (kept even when absent), then any others as first seen. */
export function orderKeys(seen: string[], order: readonly string[] = []): string[] {
  return [...order, ...seen.filter((k) => !order.includes(k))];
}

export function crossTab(
  records: readonly CaseRecord[],
  rows: Dimension,
  cols: Dimension,
  options: {rowOrder?: readonly string[]; colOrder?: readonly string[]} = {}
): CrossTab {
  const table = aq
    .from(records.map((r) => ({row: dimensionLabel(r[rows]), col: dimensionLabel(r[cols]), count: r.count, withheld: r.count == null ? 1 : 0})))
    .groupby("row", "col")
    .rollup({known: aq.op.sum("count"), withheld: aq.op.sum("withheld")});
  const result: CrossTab = {rowKeys: [], colKeys: [], cells: new Map(), withheld: new Map(), rowTotals: new Map(), colTotals: new Map(), total: 0, withheldTotal: 0};
  const seenRows: string[] = [], seenCols: string[] = [];
  for (const {row, col, known, withheld} of table.objects() as {row: string; col: string; known: number | null; withheld: number}[]) {
    if (!seenRows.includes(row)) seenRows.push(row);
    if (!seenCols.includes(col)) seenCols.push(col);
    const n = known ?? 0;
    result.cells.set(cellKey(row, col), n);
    result.withheld.set(cellKey(row, col), withheld);
    result.rowTotals.set(row, (result.rowTotals.get(row) ?? 0) + n);
    result.colTotals.set(col, (result.colTotals.get(col) ?? 0) + n);
    result.total += n;
    result.withheldTotal += withheld;
  }
  result.rowKeys = orderKeys(seenRows, options.rowOrder);
  result.colKeys = orderKeys(seenCols, options.colOrder);
  return result;
}
