/**
 * The pivot kernel: cross-tabulates a prepared {@link Cube} (cube.ts) by one
 * or two dimensions, with filters, by looping over codes only: no string work
 * and no allocation per record (the loop itself is in accumulate.ts). Each
 * cell gets its number of records, the sum of the known measure, the number
 * of withheld records and the range the true sum can take under the one rule
 * for withheld counts (../core/withheld.ts).
 *
 * This is the engine behind `pivot(source, spec)` (pivot.ts), which pages and
 * components use, and it gives the same table (PivotTable; pivot() adds its
 * spec and measure); the kernel's tests call it directly on cubes of any
 * dimensions. Pure module: no Node imports, no DOM.
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

/** One cell of a pivot, or one of its totals. */
export interface PivotCell<K = string> {
  /** Row key, or null in the row of column totals. */
  row: K | null;
  /** Column key, or null in the column of row totals. */
  col: K | null;
  /** Sum of the known measure (the counts the replies give). */
  known: number;
  /** Records (lines of the replies) behind the cell. */
  lines: number;
  /** Records with a known measure. */
  knownRows: number;
  /** Records whose measure was withheld: never added as 0. */
  withheldRows: number;
  /** The least the true sum can be (`known` plus each withheld record's least, by the one rule). */
  min: number;
  /** The most it can be; null when a withheld record states no upper bound. */
  max: number | null;
  /** The measure: the kernel's is `known`; pivot() puts the reader's (a share) in its place. Null when its denominator is 0. */
  value: number | null;
}

/**
 * A cross-tabulation: what the kernel computes, and (with its spec) what `pivot()` returns
 * (PivotResult, pivot.ts), so a table has one shape from the engine to the page.
 */
export interface PivotTable<K = unknown> {
  rowKeys: K[];
  /** Empty for a one-dimensional pivot. */
  colKeys: K[];
  /** cells[i][j] is row rowKeys[i], column colKeys[j]; rows of no cells for a one-dimensional pivot. */
  cells: PivotCell<K>[][];
  rowTotals: PivotCell<K>[];
  colTotals: PivotCell<K>[];
  total: PivotCell<K>;
  /** Records the filters left out. */
  leftOut: number;
}

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

function emptyCell(row: unknown, col: unknown): PivotCell<unknown> {
  return {row, col, known: 0, lines: 0, knownRows: 0, withheldRows: 0, min: 0, max: 0, value: 0};
}

/** Adds a cell's figures to a total (max stays Infinity while unbounded; null only at the end). */
function addTo(cell: PivotCell<unknown>, lines: number, known: number, withheld: number, min: number, max: number) {
  cell.lines += lines;
  cell.known += known;
  cell.withheldRows += withheld;
  cell.min += min;
  cell.max = (cell.max as number) + max;
}

/** The figures a cell reads when done: known rows, an unbounded most as null, the count as its measure. */
function finish(cell: PivotCell<unknown>): void {
  cell.knownRows = cell.lines - cell.withheldRows;
  if (cell.max === Infinity) cell.max = null;
  cell.value = cell.known;
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
export function pivotCube(cube: Cube, options: CubePivotOptions): PivotTable {
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
    : {keys: [null] as unknown[], codes: [0]};

  // A one-dimensional pivot runs over one column internally; its figures are the rows' totals.
  const rowKeys = rowOut.keys;
  const colKeys = colDim ? colOut.keys : [];
  const cells = rowKeys.map((row) => colKeys.map((col) => emptyCell(row, col)));
  const rowTotals = rowKeys.map((row) => emptyCell(row, null));
  const colTotals = colKeys.map((col) => emptyCell(null, col));
  const total = emptyCell(null, null);
  const colSlot = colOut.codes.map((code) => (code >= 0 ? colSlotOf[code] : -1));
  for (let r = 0; r < rowKeys.length; r++) {
    const rcode = rowOut.codes[r];
    const rs = rcode >= 0 ? rowSlotOf[rcode] : -1;
    if (rs < 0) continue;
    for (let c = 0; c < colOut.keys.length; c++) {
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
      if (colDim) {
        addTo(cells[r][c], records, sum, withheld, min, max);
        addTo(colTotals[c], records, sum, withheld, min, max);
      }
      addTo(rowTotals[r], records, sum, withheld, min, max);
      addTo(total, records, sum, withheld, min, max);
    }
  }
  for (const cell of [...cells.flat(), ...rowTotals, ...colTotals, total]) finish(cell);
  return {rowKeys, colKeys, cells, rowTotals, colTotals, total, leftOut: n - total.lines};
}
