/**
 * The kit's one pivot: `pivot(records, spec)` cross-tabulates case records by
 * any two dimensions (or one), with a measure and filters, for every page and
 * component: the report's table and figures, the template, the explorer and
 * the Ofcom comparison's tallies.
 *
 * It reads records, or the explorer's columns (records/columns.ts) as they
 * come, whose codes the cube takes without a record being made. Behind it is
 * the dictionary-encoded kernel (cube.ts, accumulate.ts, kernel.ts), its
 * private core. A record set is prepared into a cube once and cached (keyed by
 * the records array or columns), so a control change only re-runs the kernel's hot loop;
 * the result holds one small object per cell, not the records behind it:
 * `recordsAt(result, selection)` gathers those for the one cell a reader
 * chooses. Withheld counts follow the one rule in ../core/withheld.ts: a
 * cell keeps its known sum, its withheld rows and the range the true number
 * can take, and is never read as 0.
 */
import {AGE_BANDS, OUTCOME_TIERS, type CaseRecord} from "../core/types.js";
import {columnBounds, columnCodes, columnRecords, type RecordColumns} from "../records/columns.js";
import {buildMasks, passes, type Filters} from "./accumulate.js";
import {cubeFromColumns, prepareCube, type Cube} from "./cube.js";
import {pivotCube, type PivotCell, type PivotTable} from "./kernel.js";

export type {PivotCell} from "./kernel.js";

export type Dimension = "ageBand" | "outcome" | "tier" | "upheld" | "authority";
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

/** Shows a dimension's value as text: upheld is a boolean or null in the records, a tier may be null. */
export function dimensionLabel(value: unknown): string {
  if (value === true) return "upheld";
  if (value === false) return "not upheld";
  if (value == null) return "unknown";
  return String(value);
}

/** What a pivot shows. */
export interface PivotSpec {
  rows: Dimension;
  /** Null for one dimension: the table then has its rows and their totals only. */
  cols: Dimension | null;
  measure: Measure;
  /** Authorities to keep; null keeps them all. */
  authorities: readonly string[] | null;
  /** Leave out records whose outcome is "no case to answer". */
  excludeNoCase: boolean;
}

/** The orders the dimensions follow; they travel with the data (see src/lib/report/site-files.ts). */
export interface PivotOrders {
  ageBands: readonly string[];
  /** Canonical outcomes in severity order. */
  outcomes: readonly string[];
}

/** `pivot`'s options: `rows` and whatever differs from the defaults. */
export interface PivotOptions extends Partial<PivotSpec> {
  rows: Dimension;
  /** Default: the request's age bands; outcomes in the order first seen. Pass the loader's data to use its orders. */
  orders?: Partial<PivotOrders>;
}

/** A pivot of case records: the kernel's table of them (kernel.ts), with the spec that made it. */
export interface PivotResult extends PivotTable<string> {
  spec: PivotSpec;
}

/** A chosen cell: null row or column means its total. */
export interface Selection {
  row: string | null;
  col: string | null;
}

const DIMENSION_KEYS = DIMENSIONS.map((d) => d.key);

/** What a pivot reads: case records, or the explorer's columns of them. */
export type PivotSource = readonly CaseRecord[] | RecordColumns;

/** Prepared cubes, by source; the length guards against an array changed since. */
const prepared = new WeakMap<PivotSource, {length: number; cube: Cube}>();
/** The source each result was computed from, for recordsAt. */
const sources = new WeakMap<PivotResult, PivotSource>();
/** Record i of a source: the array's own, or one made from the columns on demand. */
const recordMakers = new WeakMap<RecordColumns, (i: number) => CaseRecord>();

const isColumns = (source: PivotSource): source is RecordColumns => !Array.isArray(source);

/**
 * A source prepared for the kernel, once per records array or columns: every
 * dimension's values as text codes (true is "upheld", null "unknown"), the
 * counts, and each withheld count's range. Treat the source as immutable.
 */
export function recordCube(source: PivotSource): Cube {
  const size = isColumns(source) ? source.size : source.length;
  const hit = prepared.get(source);
  if (hit && hit.length === size) return hit.cube;
  const cube = isColumns(source) ? columnsCube(source) : prepareRecords(source);
  prepared.set(source, {length: size, cube});
  return cube;
}

/** The preparation of records itself, uncached (recordCube caches it). */
function prepareRecords(records: readonly CaseRecord[]): Cube {
  return prepareCube(records, DIMENSION_KEYS, {label: (_, v) => dimensionLabel(v)});
}

/**
 * The columns' codes as the cube's, each value labelled as prepareRecords labels it; two values
 * with one label (null and "unknown") become one key, as they would from records.
 */
function columnsCube(columns: RecordColumns): Cube {
  const dimensions = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, columnCodes(columns, key)]));
  return cubeFromColumns({
    dimensions,
    measure: columns.count,
    bounds: columnBounds(columns),
    label: (_, v) => dimensionLabel(v)
  });
}

function recordMaker(source: PivotSource): (i: number) => CaseRecord {
  if (!isColumns(source)) return (i) => source[i];
  let make = recordMakers.get(source);
  if (!make) recordMakers.set(source, (make = columnRecords(source)));
  return make;
}

/** Authorities in the records, in order of first appearance. */
export function authoritiesOf(records: PivotSource): string[] {
  return [...recordCube(records).dims.authority.values] as string[];
}

function filtersOf(spec: PivotSpec): Filters {
  return {
    filters: spec.authorities ? {authority: spec.authorities} : undefined,
    exclude: spec.excludeNoCase ? {outcome: [NO_CASE_TO_ANSWER]} : undefined
  };
}

/** Keys of a dimension listed in their natural order; they stay even when empty (16-24 with no case is a finding). */
function orderOf(dimension: Dimension, spec: PivotSpec, orders: Partial<PivotOrders>, cube: Cube): readonly unknown[] {
  switch (dimension) {
    case "ageBand":
      return orders.ageBands ?? AGE_BANDS;
    case "outcome":
      return (orders.outcomes ?? []).filter((o) => !(spec.excludeNoCase && o === NO_CASE_TO_ANSWER));
    case "tier":
      return OUTCOME_TIERS;
    case "upheld":
      return ["upheld", "not upheld"];
    case "authority":
      return spec.authorities ?? cube.dims.authority.values;
  }
}

/**
 * Cross-tabulates records: rows by `rows`, columns by `cols` (none when null),
 * over the records the filters keep. Rows and columns list the values of
 * `orders` first (even when empty), then any others present. Every cell and
 * total carries its known sum, withheld rows, range and measure.
 */
export function pivot(source: PivotSource, options: PivotOptions): PivotResult {
  const {orders = {}} = options;
  const spec: PivotSpec = {
    rows: options.rows,
    cols: options.cols ?? null,
    measure: options.measure ?? "count",
    authorities: options.authorities ?? null,
    excludeNoCase: options.excludeNoCase ?? false
  };
  for (const d of [spec.rows, spec.cols]) {
    if (d !== null && !DIMENSION_KEYS.includes(d))
      throw new Error(`pivot: no dimension "${d}" (have ${DIMENSION_KEYS.join(", ")})`);
  }
  if (spec.rows === spec.cols) throw new Error(`pivot: rows and columns are both "${spec.rows}"`);
  const cube = recordCube(source);
  const order: Record<string, readonly unknown[]> = {[spec.rows]: orderOf(spec.rows, spec, orders, cube)};
  if (spec.cols) order[spec.cols] = orderOf(spec.cols, spec, orders, cube);
  // The kernel's keys are the labels the cube was prepared with: text, as the dimensions are.
  const table = pivotCube(cube, {rows: spec.rows, cols: spec.cols, order, ...filtersOf(spec)}) as PivotTable<string>;
  const {cells, rowTotals, colTotals, total} = table;
  const share = (n: number, of: number) => (of > 0 ? (100 * n) / of : null);
  const measureOf = (c: PivotCell, r: number, j: number): number | null => {
    switch (spec.measure) {
      case "count":
        return c.known;
      case "pctTotal":
        return share(c.known, total.known);
      case "pctRow":
        return share(c.known, r < 0 ? total.known : rowTotals[r].known);
      case "pctCol":
        return share(c.known, j < 0 ? total.known : colTotals[j].known);
    }
  };
  cells.forEach((row, r) => row.forEach((c, j) => (c.value = measureOf(c, r, j))));
  rowTotals.forEach((c, r) => (c.value = measureOf(c, r, -1)));
  colTotals.forEach((c, j) => (c.value = measureOf(c, -1, j)));
  total.value = measureOf(total, -1, -1);
  const result: PivotResult = {spec, ...table};
  sources.set(result, source);
  return result;
}

/** The cell (or total) a selection names, or null when the table has no such row or column. */
export function cellAt(result: PivotResult, selection: Selection): PivotCell | null {
  const i = selection.row == null ? -1 : result.rowKeys.indexOf(selection.row);
  const j = selection.col == null ? -1 : result.colKeys.indexOf(selection.col);
  if ((selection.row != null && i < 0) || (selection.col != null && j < 0)) return null;
  if (i >= 0 && j >= 0) return result.cells[i][j];
  if (i >= 0) return result.rowTotals[i];
  if (j >= 0) return result.colTotals[j];
  return result.total;
}

/**
 * The records behind one cell (or total) of a pivot, in the order of the
 * records: one scan over the cube's codes, for the cell a reader chose. Empty
 * when the table has no such row or column.
 */
export function recordsAt(result: PivotResult, selection: Selection): CaseRecord[] {
  const source = sources.get(result);
  if (!source) throw new Error("recordsAt: the result was not made by pivot()");
  if (!cellAt(result, selection)) return [];
  const cube = recordCube(source);
  const masks = buildMasks(cube, filtersOf(result.spec));
  if (masks === null) return [];
  for (const [dimension, key] of [
    [result.spec.rows, selection.row],
    [result.spec.cols, selection.col]
  ] as const) {
    if (dimension === null || key === null) continue;
    const d = cube.dims[dimension];
    const code = d.index.get(key);
    if (code === undefined) return [];
    const allowed = new Uint8Array(d.values.length);
    allowed[code] = 1;
    masks.push({codes: d.codes, allowed});
  }
  const recordAt = recordMaker(source);
  const out: CaseRecord[] = [];
  for (let i = 0; i < cube.size; i++) if (passes(masks, i)) out.push(recordAt(i));
  return out;
}
