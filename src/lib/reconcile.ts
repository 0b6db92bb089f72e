/**
 * Reconciliation: a reply states its total three ways (the rows of its table,
 * the table's totals row, the number investigated in answer 5). Each check
 * compares two of them and says so with the numbers, so a reader sees at a
 * glance whether the reply adds up.
 */
import type {CaseRecord, Check, ReplyFields} from "./types.js";

/** Sum of known counts, and the range the withheld ones allow. */
export function rowTotals(records: CaseRecord[]): {known: number; withheld: number; min: number; max: number | null} {
  let known = 0, withheld = 0, min = 0, max: number | null = 0;
  for (const r of records) {
    if (r.count != null) {
      known += r.count;
    } else {
      withheld++;
      min += r.countBounds?.[0] ?? 0;
      max = max == null || r.countBounds == null ? null : max + r.countBounds[1];
    }
  }
  return {known, withheld, min: known + min, max: max == null ? null : known + max};
}

function compare(name: string, what: string, actual: {min: number; max: number | null; known: number; withheld: number} | null, expected: number | null, expectedWhat: string): Check {
  if (actual == null || expected == null) {
    return {name, status: "not available", detail: `${what} or ${expectedWhat} is not in the reply`, expected, actual: actual?.known ?? null};
  }
  if (actual.withheld === 0) {
    const ok = actual.known === expected;
    return {name, status: ok ? "pass" : "fail", detail: `${what} = ${actual.known}; ${expectedWhat} = ${expected}`, expected, actual: actual.known};
  }
  const ok = expected >= actual.min && (actual.max == null || expected <= actual.max);
  const range = actual.max == null ? `at least ${actual.min}` : `between ${actual.min} and ${actual.max}`;
  return {
    name,
    status: ok ? "pass" : "fail",
    detail: `${what} = ${actual.known} known + ${actual.withheld} withheld (${range}); ${expectedWhat} = ${expected}`,
    expected,
    actual: actual.known
  };
}

export function reconcile(records: CaseRecord[], fields: ReplyFields): Check[] {
  const rows = records.length ? rowTotals(records) : null;
  const totalsRow = fields.tableTotal == null ? null : {known: fields.tableTotal, withheld: 0, min: fields.tableTotal, max: fields.tableTotal};
  return [
    compare("rows = totals row", "sum of the table's rows", rows, fields.tableTotal, "the totals row"),
    compare("rows = answer 5", "sum of the table's rows", rows, fields.investigated, "employees investigated (answer 5)"),
    compare("totals row = answer 5", "the totals row", totalsRow, fields.investigated, "employees investigated (answer 5)")
  ];
}
