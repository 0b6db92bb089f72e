/**
 * Cross-tabulating records: the number of employees in each pair of values of
 * two dimensions (age band x outcome, say), with row, column and grand totals.
 * Withheld counts are tallied apart from known ones and never added as 0.
 */
import {aq} from "../records/aq.js";
import {OUTCOME_TIERS, type CaseRecord} from "../types.js";

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

// ---------------------------------------------------------------------------
// The pivot explorer's model: any two dimensions, a measure, filters, and for
// every cell (totals included) the records behind it, so a reader can drill
// down to the line of the reply. Shared by the /explore page, its components
// and the unit tests.

export type Measure = "count" | "pctTotal" | "pctRow" | "pctCol";

export const DIMENSIONS: readonly {key: Dimension; label: string}[] = [
  {key: "ageBand", label: "Age band"},
  {key: "outcome", label: "Outcome"},
  {key: "tier", label: "Outcome tier"},
  {key: "upheld", label: "Upheld or not"},
  {key: "authority", label: "Authority"}
];

export const MEASURES: readonly {key: Measure; label: string}[] = [
  {key: "count", label: "Number of employees"},
  {key: "pctTotal", label: "% of total"},
  {key: "pctRow", label: "% of row"},
  {key: "pctCol", label: "% of column"}
];

/** The outcome a reader may leave out: cases where the allegation fell at the first hurdle. */
export const NO_CASE_TO_ANSWER = "no case to answer";

export const dimensionName = (key: Dimension) => DIMENSIONS.find((d) => d.key === key)?.label ?? key;
export const measureName = (key: Measure) => MEASURES.find((m) => m.key === key)?.label ?? key;

export interface PivotSpec {
  rows: Dimension;
  cols: Dimension;
  measure: Measure;
  /** Authorities to keep; null keeps them all. */
  authorities: readonly string[] | null;
  /** Leave out records whose outcome is "no case to answer". */
  excludeNoCase: boolean;
}

/** The orders the dimensions follow; they travel with the data (see src/data/responses.json.ts). */
export interface PivotOrders {
  ageBands: readonly string[];
  /** Canonical outcomes in severity order. */
  outcomes: readonly string[];
}

export interface PivotCell {
  /** Row key, or null in the row of column totals. */
  row: string | null;
  /** Column key, or null in the column of row totals. */
  col: string | null;
  /** Sum of the counts the replies give. */
  known: number;
  /** Records with a count. */
  knownRows: number;
  /** Records whose count was withheld: never added as 0. */
  withheldRows: number;
  /** Range of the true number when every withheld record states bounds (e.g. "<5"); null when some do not. */
  bounds: [number, number] | null;
  /** The measure, from known counts only; null when its denominator is 0. */
  value: number | null;
  /** The records behind the cell, in the order of the replies. */
  records: CaseRecord[];
}

export interface PivotResult {
  spec: PivotSpec;
  rowKeys: string[];
  colKeys: string[];
  /** cells[i][j] is row rowKeys[i], column colKeys[j]. */
  cells: PivotCell[][];
  rowTotals: PivotCell[];
  colTotals: PivotCell[];
  total: PivotCell;
  /** Records after the filters. */
  records: CaseRecord[];
  /** Records the filters left out. */
  leftOut: number;
}

/** A record's value on a dimension, as text. */
export function dimensionValue(record: CaseRecord, dimension: Dimension): string {
  return dimensionLabel(record[dimension]);
}

/** Keys of a dimension in their natural order; the listed ones stay even when empty (16-24 with no case is a finding). */
export function dimensionOrder(dimension: Dimension, orders: PivotOrders, spec: Pick<PivotSpec, "authorities" | "excludeNoCase">): string[] {
  switch (dimension) {
    case "ageBand":
      return [...orders.ageBands];
    case "outcome":
      return orders.outcomes.filter((o) => !(spec.excludeNoCase && o === NO_CASE_TO_ANSWER));
    case "tier":
      return [...OUTCOME_TIERS];
    case "upheld":
      return ["upheld", "not upheld"];
    case "authority":
      return spec.authorities ? [...spec.authorities] : [];
  }
}

/** Authorities in the records, in order of first appearance. */
export function authoritiesOf(records: readonly CaseRecord[]): string[] {
  return [...new Set(records.map((r) => r.authority))];
}

interface Aggregate {
  known: number | null;
  knownRows: number;
  withheldRows: number;
  lo: number | null;
  hi: number | null;
  unbounded: number;
  ids: number[];
}

export function pivot(records: readonly CaseRecord[], spec: PivotSpec, orders: PivotOrders): PivotResult {
  const keepAuthorities = spec.authorities ? new Set(spec.authorities) : null;
  // Built column by column so that no records still gives a table with these columns.
  const base = aq.table({
    i: records.map((_, i) => i),
    row: records.map((r) => dimensionValue(r, spec.rows)),
    col: records.map((r) => dimensionValue(r, spec.cols)),
    authority: records.map((r) => r.authority),
    outcome: records.map((r) => r.outcome),
    count: records.map((r) => r.count),
    withheld: records.map((r) => (r.count == null ? 1 : 0)),
    lo: records.map((r) => r.count ?? r.countBounds?.[0] ?? null),
    hi: records.map((r) => r.count ?? r.countBounds?.[1] ?? null),
    unbounded: records.map((r) => (r.count == null && !r.countBounds ? 1 : 0))
  });
  const kept = base.filter(
    aq.escape((d: {authority: string; outcome: string}) => (!keepAuthorities || keepAuthorities.has(d.authority)) && !(spec.excludeNoCase && d.outcome === NO_CASE_TO_ANSWER))
  );
  const measures = {
    known: aq.op.sum("count"),
    knownRows: aq.op.valid("count"),
    withheldRows: aq.op.sum("withheld"),
    lo: aq.op.sum("lo"),
    hi: aq.op.sum("hi"),
    unbounded: aq.op.sum("unbounded"),
    ids: aq.op.array_agg("i")
  };
  const rollup = (groups: string[]) => (groups.length ? kept.groupby(...groups) : kept).rollup(measures).objects() as (Aggregate & {row?: string; col?: string})[];

  const toCell = (row: string | null, col: string | null, a: Aggregate | undefined): PivotCell => {
    const ids = [...(a?.ids ?? [])].sort((x, y) => x - y);
    const known = a?.known ?? 0;
    const withheldRows = a?.withheldRows ?? 0;
    return {
      row,
      col,
      known,
      knownRows: a?.knownRows ?? 0,
      withheldRows,
      bounds: withheldRows === 0 ? [known, known] : a && a.unbounded === 0 ? [a.lo ?? 0, a.hi ?? 0] : null,
      value: null,
      records: ids.map((i) => records[i])
    };
  };

  const keptRecords = (kept.array("i") as number[]).map((i) => records[i]);
  const seenRows = [...new Set(keptRecords.map((r) => dimensionValue(r, spec.rows)))];
  const seenCols = [...new Set(keptRecords.map((r) => dimensionValue(r, spec.cols)))];
  const authorities = spec.authorities ?? authoritiesOf(records);
  const rowKeys = orderKeys(seenRows, dimensionOrder(spec.rows, orders, {...spec, authorities}));
  const colKeys = orderKeys(seenCols, dimensionOrder(spec.cols, orders, {...spec, authorities}));

  const byCell = new Map(rollup(["row", "col"]).map((a) => [cellKey(a.row!, a.col!), a]));
  const byRow = new Map(rollup(["row"]).map((a) => [a.row!, a]));
  const byCol = new Map(rollup(["col"]).map((a) => [a.col!, a]));
  const total = toCell(null, null, kept.numRows() ? rollup([])[0] : undefined);
  const rowTotals = rowKeys.map((r) => toCell(r, null, byRow.get(r)));
  const colTotals = colKeys.map((c) => toCell(null, c, byCol.get(c)));
  const cells = rowKeys.map((r) => colKeys.map((c) => toCell(r, c, byCell.get(cellKey(r, c)))));

  const share = (n: number, of: number) => (of > 0 ? (100 * n) / of : null);
  const rowTotal = new Map(rowTotals.map((t) => [t.row!, t.known]));
  const colTotal = new Map(colTotals.map((t) => [t.col!, t.known]));
  const measureOf = (c: PivotCell): number | null => {
    switch (spec.measure) {
      case "count":
        return c.known;
      case "pctTotal":
        return share(c.known, total.known);
      case "pctRow":
        return share(c.known, c.row == null ? total.known : rowTotal.get(c.row)!);
      case "pctCol":
        return share(c.known, c.col == null ? total.known : colTotal.get(c.col)!);
    }
  };
  for (const c of [...cells.flat(), ...rowTotals, ...colTotals, total]) c.value = measureOf(c);

  return {spec, rowKeys, colKeys, cells, rowTotals, colTotals, total, records: keptRecords, leftOut: records.length - keptRecords.length};
}

const countFormat = new Intl.NumberFormat("en-GB");
const percentFormat = new Intl.NumberFormat("en-GB", {minimumFractionDigits: 1, maximumFractionDigits: 1});

/** A measure value as text: "12", "38.7%"; "–" when there is nothing to divide by. */
export function formatMeasure(value: number | null, measure: Measure): string {
  if (value == null) return "–";
  return measure === "count" ? countFormat.format(value) : `${percentFormat.format(value)}%`;
}

/**
 * A cell as a reader should read it. A withheld count is never shown as 0:
 * a cell of withheld records only reads "withheld" (with the stated bounds,
 * if any); a cell mixing known and withheld reads "5 + withheld".
 */
export function formatCell(cell: PivotCell, measure: Measure): string {
  if (cell.withheldRows > 0 && cell.knownRows === 0) {
    const b = cell.bounds;
    return measure === "count" && b ? `withheld (${b[0] === b[1] ? b[0] : `${b[0]}–${b[1]}`})` : "withheld";
  }
  // A count reads the known number whatever measure the pivot was computed for.
  const text = formatMeasure(measure === "count" ? cell.known : cell.value, measure);
  return cell.withheldRows > 0 ? `${text} + withheld` : text;
}

/** Where a record's count stands: "responses/x.txt:49". */
export function recordSource(record: CaseRecord): string {
  return `${record.file}:${record.line}`;
}

/** The lines the record's row spans: "47–49", or "49" for a one-line row. */
export function recordLines(record: CaseRecord): string {
  return record.firstLine && record.firstLine !== record.line ? `${record.firstLine}–${record.line}` : String(record.line);
}

/** The cell (or total) a selection names, or null when the table has no such row or column. */
export function cellAt(result: PivotResult, selection: {row: string | null; col: string | null}): PivotCell | null {
  const i = selection.row == null ? -1 : result.rowKeys.indexOf(selection.row);
  const j = selection.col == null ? -1 : result.colKeys.indexOf(selection.col);
  if ((selection.row != null && i < 0) || (selection.col != null && j < 0)) return null;
  if (i >= 0 && j >= 0) return result.cells[i][j];
  if (i >= 0) return result.rowTotals[i];
  if (j >= 0) return result.colTotals[j];
  return result.total;
}

/** Words for a filtered view, for captions: "Leicester City Council; leaving out no case to answer". */
export function describeFilters(result: PivotResult): string {
  const parts: string[] = [];
  if (result.spec.authorities) parts.push(result.spec.authorities.join(", "));
  if (result.spec.excludeNoCase) parts.push(`leaving out "${NO_CASE_TO_ANSWER}"`);
  return parts.join("; ");
}
