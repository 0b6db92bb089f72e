/**
 * The pivot kernel: cross-tabulates a prepared {@link Cube} (cube.ts) by one
 * or two dimensions, with filters, by looping over codes only: no string work
 * and no allocation per record (the loop itself is in accumulate.ts). Each
 * cell gets its number of records, the sum of the known measure, the number
 * of withheld records and the range the true sum can take under the one rule
 * for withheld counts (../core/withheld.ts).
 *
 * This is the engine behind `pivot(records, spec)` (pivot.ts), which pages and
 * components use; the benchmark and the kernel's tests call it directly on
 * cubes built from columns. Pure module: no Node imports, no DOM.
 */
import {accumulate, accumulateOtherRanges, BIN, buildMasks, compact, dimension, type Filters} from "./accumulate.js";
import type {CodeArray, Cube, CubeDimension} from "./cube.js";

export type {ValueSet} from "./accumulate.js";

export interface CubePivotOptions extends Filters {
  /** Dimension whose values become rows. */
  rows: string;
  /** Dimension whose values become columns; null or omitted for a one-dimensional pivot (one column). */
  cols?: string | null;
  /**
   * Per dimension, values to put first, in this order, even when no record has
   * them (they get zero rows/columns). Other values follow in dictionary order.
   */
  order?: Readonly<Record<string, ReadonlyArray<unknown> | null | undefined>>;
  /** Keep every dictionary value as a row/column, even those with no record after filtering. Default false. */
  keepEmpty?: boolean;
}

/** Five figures per cell or margin. */
export interface CubeFigures {
  /** Number of records. */
  readonly records: Uint32Array;
  /** Sum of the known measure values. */
  readonly sum: Float64Array;
  /** Number of records whose measure was withheld. */
  readonly withheld: Uint32Array;
  /** The least the true sum can be: `sum` plus each withheld record's least. */
  readonly min: Float64Array;
  /** The most the true sum can be; Infinity when a withheld record has no upper bound. */
  readonly max: Float64Array;
}

export interface CubeTotals {
  readonly records: number;
  readonly sum: number;
  readonly withheld: number;
  readonly min: number;
  readonly max: number;
}

/** The kernel's output: flat typed arrays (pivot.ts turns them into the kit's PivotResult). */
export interface CubePivot {
  readonly rowDim: string;
  /** Null for a one-dimensional pivot. */
  readonly colDim: string | null;
  readonly rowKeys: ReadonlyArray<unknown>;
  /** `[ALL_KEY]` for a one-dimensional pivot. */
  readonly colKeys: ReadonlyArray<unknown>;
  readonly nRows: number;
  readonly nCols: number;
  /** Flat, indexed `[r * nCols + c]`. */
  readonly cells: CubeFigures;
  /** Per row, over all columns (length nRows). */
  readonly rowTotals: CubeFigures;
  /** Per column, over all rows (length nCols). */
  readonly colTotals: CubeFigures;
  /** Over all records that passed the filters. */
  readonly total: CubeTotals;
}

/** The single column key of a one-dimensional pivot. */
export const ALL_KEY: unique symbol = Symbol.for("foi-evidence-kit.cube.all");

/** Largest accumulation grid (cells) the kernel will allocate. */
const MAX_GRID_CELLS = 1 << 22;

/** Output keys: listed values first (present or not), then the others present, in dictionary order. */
function outputKeys(
  d: CubeDimension,
  present: (code: number) => boolean,
  order: ReadonlyArray<unknown> | null | undefined,
  keepEmpty: boolean
): {keys: unknown[]; codes: number[]} {
  const keys: unknown[] = [];
  const codes: number[] = [];
  const listed = new Set<unknown>();
  for (const v of order ?? []) {
    if (listed.has(v)) continue;
    listed.add(v);
    keys.push(v);
    codes.push(d.index.get(v) ?? -1);
  }
  for (let k = 0; k < d.values.length; k++) {
    const v = d.values[k];
    if (listed.has(v)) continue;
    if (keepEmpty || present(k)) {
      keys.push(v);
      codes.push(k);
    }
  }
  return {keys, codes};
}

function newFigures(size: number): {
  records: Uint32Array;
  sum: Float64Array;
  withheld: Uint32Array;
  min: Float64Array;
  max: Float64Array;
} {
  return {
    records: new Uint32Array(size),
    sum: new Float64Array(size),
    withheld: new Uint32Array(size),
    min: new Float64Array(size),
    max: new Float64Array(size)
  };
}

/**
 * Cross-tabulate the cube: rows by `options.rows`, columns by `options.cols`
 * (one column when null), over the records that pass `filters` and `exclude`.
 *
 * Rows and columns are the values that occur among the passing records, in
 * dictionary order (first seen in the prepared data, so stable as filters
 * change), after any values listed in `options.order` (always present, even
 * with zero records). Sums add known measure values only; withheld records
 * count in `records` and `withheld`, and widen `min`..`max`.
 */
export function pivotCube(cube: Cube, options: CubePivotOptions): CubePivot {
  const n = cube.size;
  const rowDim = dimension(cube, options.rows);
  const colName = options.cols ?? null;
  const colDim = colName === null ? null : dimension(cube, colName);
  const keepEmpty = options.keepEmpty ?? false;

  const masks = buildMasks(cube, options);
  const none = masks === null;
  const activeMasks = masks ?? [];

  // Accumulate in code space when small enough, else in compacted slot space.
  let rc: CodeArray = rowDim.codes;
  let cc: CodeArray | null = colDim ? colDim.codes : null;
  let rowSlots = rowDim.values.length;
  let colSlots = colDim ? colDim.values.length : 1;
  let rowSlotCode: number[] | null = null;
  let colSlotCode: number[] | null = null;
  if (!none && rowSlots * colSlots > MAX_GRID_CELLS) {
    const r = compact(rowDim.codes, rowDim.values.length, n, activeMasks);
    rc = r.codes;
    rowSlotCode = r.slotCode;
    rowSlots = r.slotCode.length;
    if (colDim) {
      const c = compact(colDim.codes, colDim.values.length, n, activeMasks);
      cc = c.codes;
      colSlotCode = c.slotCode;
      colSlots = c.slotCode.length;
    }
    if (rowSlots * colSlots > MAX_GRID_CELLS) {
      throw new RangeError(`cube: a ${rowSlots} × ${colSlots} pivot is too large`);
    }
  }
  // Slots 0..BIN-1 are bins for filtered-out records; see accumulate().
  const slots = none ? 0 : rowSlots * colSlots + BIN;
  const grid = new Float64Array(slots * 3);
  const others = new Float64Array(slots * 3);
  if (!none && n > 0) {
    accumulate(grid, n, rc, cc, colSlots, cube.known, cube.withheld, activeMasks);
    accumulateOtherRanges(others, rc, cc, colSlots, cube.otherRanges, activeMasks);
  }
  const usual = cube.usualRange;

  // Which codes occur, and where each code's slot is.
  const rowSlotOf = new Int32Array(rowDim.values.length).fill(-1);
  if (rowSlotCode) rowSlotCode.forEach((code, s) => (rowSlotOf[code] = s));
  else if (!none) for (let k = 0; k < rowSlots; k++) rowSlotOf[k] = k;
  const colSlotOf = new Int32Array(colDim ? colDim.values.length : 1).fill(-1);
  if (colSlotCode) colSlotCode.forEach((code, s) => (colSlotOf[code] = s));
  else if (!none) for (let k = 0; k < colSlots; k++) colSlotOf[k] = k;

  const rowPresent = new Uint8Array(rowSlots);
  const colPresent = new Uint8Array(colSlots);
  if (!none) {
    for (let r = 0; r < rowSlots; r++) {
      for (let c = 0; c < colSlots; c++) {
        const g = (r * colSlots + c + BIN) * 3;
        if (grid[g] !== 0 || grid[g + 1] !== 0) {
          rowPresent[r] = 1;
          colPresent[c] = 1;
        }
      }
    }
  }
  const rowOut = outputKeys(
    rowDim,
    (code) => rowSlotOf[code] >= 0 && rowPresent[rowSlotOf[code]] === 1,
    options.order?.[rowDim.name],
    keepEmpty
  );
  const colOut = colDim
    ? outputKeys(
        colDim,
        (code) => colSlotOf[code] >= 0 && colPresent[colSlotOf[code]] === 1,
        options.order?.[colDim.name],
        keepEmpty
      )
    : {keys: [ALL_KEY] as unknown[], codes: [0]};

  const nRows = rowOut.keys.length;
  const nCols = colOut.keys.length;
  const cells = newFigures(nRows * nCols);
  const rowTotals = newFigures(nRows);
  const colTotals = newFigures(nCols);
  const total = {records: 0, sum: 0, withheld: 0, min: 0, max: 0};
  const colSlot = colOut.codes.map((code) => (code >= 0 ? colSlotOf[code] : -1));
  for (let r = 0; r < nRows; r++) {
    const rcode = rowOut.codes[r];
    const rs = rcode >= 0 ? rowSlotOf[rcode] : -1;
    if (rs < 0) continue;
    for (let c = 0; c < nCols; c++) {
      const cs = colSlot[c];
      if (cs < 0) continue;
      const s = rs * colSlots + cs + BIN;
      const withheld = grid[s * 3 + 1];
      const records = grid[s * 3] + withheld;
      if (records === 0) continue;
      const sum = grid[s * 3 + 2];
      // Withheld records with the usual range, then the others one by one (no 0 × Infinity).
      const usualCount = withheld - others[s * 3];
      const min = sum + usualCount * usual.min + others[s * 3 + 1];
      const max = sum + (usualCount === 0 ? 0 : usualCount * usual.max) + others[s * 3 + 2];
      const k = r * nCols + c;
      cells.records[k] = records;
      cells.sum[k] = sum;
      cells.withheld[k] = withheld;
      cells.min[k] = min;
      cells.max[k] = max;
      rowTotals.records[r] += records;
      rowTotals.sum[r] += sum;
      rowTotals.withheld[r] += withheld;
      rowTotals.min[r] += min;
      rowTotals.max[r] += max;
      colTotals.records[c] += records;
      colTotals.sum[c] += sum;
      colTotals.withheld[c] += withheld;
      colTotals.min[c] += min;
      colTotals.max[c] += max;
      total.records += records;
      total.sum += sum;
      total.withheld += withheld;
      total.min += min;
      total.max += max;
    }
  }
  return {
    rowDim: rowDim.name,
    colDim: colDim ? colDim.name : null,
    rowKeys: rowOut.keys,
    colKeys: colOut.keys,
    nRows,
    nCols,
    cells,
    rowTotals,
    colTotals,
    total
  };
}

export type PercentBase = "total" | "row" | "col";

/**
 * Share of the known sum, in percent (0-100): cell (r, c) over the grand total,
 * its row's total or its column's total. `c = -1` means the row-total margin,
 * `r = -1` the column-total margin (both -1: the grand total). Null when the
 * base is zero.
 */
export function percent(result: CubePivot, r: number, c: number, base: PercentBase): number | null {
  const {nRows, nCols} = result;
  if (r < -1 || r >= nRows || c < -1 || c >= nCols || !Number.isInteger(r) || !Number.isInteger(c)) {
    throw new RangeError(`cube: no cell (${r}, ${c}) in a ${nRows} × ${nCols} pivot`);
  }
  const value =
    r >= 0 && c >= 0
      ? result.cells.sum[r * nCols + c]
      : r >= 0
        ? result.rowTotals.sum[r]
        : c >= 0
          ? result.colTotals.sum[c]
          : result.total.sum;
  const denominator =
    base === "total"
      ? result.total.sum
      : base === "row"
        ? r >= 0
          ? result.rowTotals.sum[r]
          : result.total.sum
        : c >= 0
          ? result.colTotals.sum[c]
          : result.total.sum;
  return denominator === 0 ? null : (100 * value) / denominator;
}

/** One cell of a pivot in long form. */
export interface CubeEntry {
  row: unknown;
  col: unknown;
  records: number;
  sum: number;
  withheld: number;
  min: number;
  max: number;
}

/** The pivot's cells as objects, row by row; cells with no record are skipped unless `includeEmpty`. */
export function pivotEntries(result: CubePivot, includeEmpty = false): CubeEntry[] {
  const out: CubeEntry[] = [];
  for (let r = 0; r < result.nRows; r++) {
    for (let c = 0; c < result.nCols; c++) {
      const k = r * result.nCols + c;
      const records = result.cells.records[k];
      if (records === 0 && !includeEmpty) continue;
      const {sum, withheld, min, max} = result.cells;
      out.push({
        row: result.rowKeys[r],
        col: result.colKeys[c],
        records,
        sum: sum[k],
        withheld: withheld[k],
        min: min[k],
        max: max[k]
      });
    }
  }
  return out;
}
