/**
 * A small pivot kernel over dictionary-encoded columns.
 *
 * Records are prepared once into a {@link Cube}: each dimension becomes a typed
 * array of codes plus a dictionary of its distinct values, the measure (by
 * default `count`) becomes a Float64Array (NaN where unknown) and a Uint8Array
 * flags withheld records (measure `null`). {@link pivotCube} then cross-tabulates
 * any one or two dimensions, with filters, by looping over codes only: no string
 * work and no allocation per record.
 *
 * Pure module: no Node imports, no DOM. Display (labels, formatting) is not its
 * job; dictionary values keep their identity (`"true"`, `true` and `null` are
 * three different keys).
 */

/** Codes of one dimension, sized by the dictionary: < 2^8, < 2^16 or more distinct values. */
export type CodeArray = Uint8Array | Uint16Array | Uint32Array;

/** One dictionary-encoded dimension. */
export interface CubeDimension {
  readonly name: string;
  /** `codes[i]` is the index in `values` of record i's value. */
  readonly codes: CodeArray;
  /** Distinct values, in first-seen order (or the order given to {@link cubeFromColumns}). */
  readonly values: ReadonlyArray<unknown>;
  /** Value to code (SameValueZero, like `Map`). */
  readonly index: ReadonlyMap<unknown, number>;
}

/** Records prepared for pivoting. Treat as immutable. */
export interface Cube {
  /** Number of records. */
  readonly size: number;
  /** Dimension names, in the order given. */
  readonly dimensions: ReadonlyArray<string>;
  readonly dims: Readonly<Record<string, CubeDimension>>;
  /** Name of the measure field (default `count`). */
  readonly measureName: string;
  /** Measure per record; NaN when unknown (withheld or not a number). */
  readonly measure: Float64Array;
  /** Measure with NaN replaced by 0, so that sums of known values need no branch. */
  readonly known: Float64Array;
  /** 1 when the record's measure was withheld (`null` or missing), else 0. */
  readonly withheld: Uint8Array;
}

/** Values allowed (filters) or dropped (exclude) for one dimension. */
export type ValueSet = ReadonlySet<unknown> | ReadonlyArray<unknown>;

export interface PivotOptions {
  /** Dimension whose values become rows. */
  rows: string;
  /** Dimension whose values become columns; null or omitted for a one-dimensional pivot (one column). */
  cols?: string | null;
  /** Per dimension, the values a record must have to count. A null/undefined entry means no filter. */
  filters?: Readonly<Record<string, ValueSet | null | undefined>>;
  /** Per dimension, values whose records are left out. */
  exclude?: Readonly<Record<string, ValueSet | null | undefined>>;
  /**
   * Per dimension, values to put first, in this order, even when no record has
   * them (they get zero rows/columns). Other values follow in dictionary order.
   */
  order?: Readonly<Record<string, ReadonlyArray<unknown> | null | undefined>>;
  /** Keep every dictionary value as a row/column, even those with no record after filtering. Default false. */
  keepEmpty?: boolean;
}

/** Three figures per cell or margin. */
export interface PivotFigures {
  /** Number of records. */
  readonly records: Uint32Array;
  /** Sum of the known measure values. */
  readonly sum: Float64Array;
  /** Number of records whose measure was withheld. */
  readonly withheld: Uint32Array;
}

export interface PivotTotals {
  readonly records: number;
  readonly sum: number;
  readonly withheld: number;
}

export interface PivotResult {
  readonly rowDim: string;
  /** Null for a one-dimensional pivot. */
  readonly colDim: string | null;
  readonly rowKeys: ReadonlyArray<unknown>;
  /** `[ALL_KEY]` for a one-dimensional pivot. */
  readonly colKeys: ReadonlyArray<unknown>;
  readonly nRows: number;
  readonly nCols: number;
  /** Flat, indexed `[r * nCols + c]`. */
  readonly cells: PivotFigures;
  /** Per row, over all columns (length nRows). */
  readonly rowTotals: PivotFigures;
  /** Per column, over all rows (length nCols). */
  readonly colTotals: PivotFigures;
  /** Over all records that passed the filters. */
  readonly total: PivotTotals;
}

/** The single column key of a one-dimensional pivot. */
export const ALL_KEY: unique symbol = Symbol.for("foi-evidence-kit.cube.all");

/** Largest accumulation grid (cells) the kernel will allocate. */
const MAX_GRID_CELLS = 1 << 22;

// ---------------------------------------------------------------------------
// Preparing

function codeArrayFor(dictionarySize: number, length: number): CodeArray {
  return dictionarySize <= 0x100
    ? new Uint8Array(length)
    : dictionarySize <= 0x10000
      ? new Uint16Array(length)
      : new Uint32Array(length);
}

function narrow(codes: Uint32Array, dictionarySize: number): CodeArray {
  if (dictionarySize > 0x10000) return codes;
  const out = codeArrayFor(dictionarySize, codes.length);
  out.set(codes);
  return out;
}

function makeIndex(name: string, values: ReadonlyArray<unknown>): Map<unknown, number> {
  const index = new Map<unknown, number>();
  for (let k = 0; k < values.length; k++) {
    if (index.has(values[k])) throw new Error(`cube: dimension "${name}" lists the value ${String(values[k])} twice`);
    index.set(values[k], k);
  }
  return index;
}

function knownOf(measure: Float64Array): Float64Array {
  const known = new Float64Array(measure.length);
  for (let i = 0; i < measure.length; i++) {
    const v = measure[i];
    known[i] = v === v ? v : 0;
  }
  return known;
}

/**
 * Encode records for pivoting.
 *
 * Each dimension's dictionary lists its distinct values in first-seen order; a
 * missing field is the value `undefined`. The measure is the record's
 * `measure` field when it is a number (NaN otherwise); `null` or a missing
 * measure marks the record withheld. Accepts any record objects (e.g.
 * `CaseRecord[]`); only the named fields are read.
 */
export function prepareCube<T extends object = Record<string, unknown>>(
  records: ReadonlyArray<T>,
  dimensions: ReadonlyArray<string>,
  measure = "count",
): Cube {
  const rows = records as ReadonlyArray<Record<string, unknown>>;
  const n = records.length;
  const dims: Record<string, CubeDimension> = {};
  for (const name of dimensions) {
    if (Object.hasOwn(dims, name)) throw new Error(`cube: dimension "${name}" given twice`);
    const index = new Map<unknown, number>();
    const values: unknown[] = [];
    const wide = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][name];
      let code = index.get(v);
      if (code === undefined) {
        code = values.push(v) - 1;
        index.set(v, code);
      }
      wide[i] = code;
    }
    dims[name] = { name, codes: narrow(wide, values.length), values, index };
  }
  const m = new Float64Array(n);
  const withheld = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = rows[i][measure];
    if (typeof v === "number") m[i] = v;
    else {
      m[i] = NaN;
      if (v == null) withheld[i] = 1;
    }
  }
  return { size: n, dimensions: [...dimensions], dims, measureName: measure, measure: m, known: knownOf(m), withheld };
}

/** One already-encoded dimension for {@link cubeFromColumns}. */
export interface ColumnInput {
  /** Index into `values` per record. Reused without copy when it is a Uint8/16/32Array. */
  codes: ArrayLike<number>;
  /** Distinct values (no duplicates); their order is the dimension's dictionary order. */
  values: ReadonlyArray<unknown>;
}

export interface ColumnsInput {
  dimensions: Readonly<Record<string, ColumnInput>>;
  /** Measure per record; null/undefined/NaN = unknown. Reused without copy when it is a Float64Array. */
  measure: ArrayLike<number | null | undefined>;
  /**
   * Withheld flag per record (non-zero/true = withheld). When omitted, a record
   * is withheld when its measure is null, undefined or NaN.
   */
  withheld?: ArrayLike<number | boolean>;
  measureName?: string;
}

/** Build a cube directly from encoded columns (e.g. for a million synthetic records without objects). */
export function cubeFromColumns(input: ColumnsInput): Cube {
  const n = input.measure.length;
  const dims: Record<string, CubeDimension> = {};
  const names = Object.keys(input.dimensions);
  for (const name of names) {
    const { codes, values } = input.dimensions[name];
    if (codes.length !== n) throw new Error(`cube: dimension "${name}" has ${codes.length} codes for ${n} records`);
    const index = makeIndex(name, values);
    const size = values.length;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (!(c >= 0 && c < size && c === Math.floor(c))) {
        throw new Error(`cube: dimension "${name}" has code ${c} at record ${i}, outside 0..${size - 1}`);
      }
    }
    let out: CodeArray;
    if (codes instanceof Uint8Array || codes instanceof Uint16Array || codes instanceof Uint32Array) out = codes;
    else {
      out = codeArrayFor(size, n);
      for (let i = 0; i < n; i++) out[i] = codes[i];
    }
    dims[name] = { name, codes: out, values: [...values], index };
  }
  let m: Float64Array;
  if (input.measure instanceof Float64Array) m = input.measure;
  else {
    m = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = input.measure[i];
      m[i] = typeof v === "number" ? v : NaN;
    }
  }
  let withheld: Uint8Array;
  if (input.withheld) {
    const w = input.withheld;
    if (w.length !== n) throw new Error(`cube: ${w.length} withheld flags for ${n} records`);
    let binary = w instanceof Uint8Array;
    for (let i = 0; binary && i < n; i++) if ((w[i] as number) > 1) binary = false;
    if (binary) withheld = w as Uint8Array;
    else {
      withheld = new Uint8Array(n);
      for (let i = 0; i < n; i++) withheld[i] = w[i] ? 1 : 0;
    }
  } else {
    withheld = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = input.measure[i];
      if (v == null || v !== v) withheld[i] = 1;
    }
  }
  return {
    size: n,
    dimensions: names,
    dims,
    measureName: input.measureName ?? "count",
    measure: m,
    known: knownOf(m),
    withheld,
  };
}

// ---------------------------------------------------------------------------
// Pivoting

function dimension(cube: Cube, name: string): CubeDimension {
  const d = Object.hasOwn(cube.dims, name) ? cube.dims[name] : undefined;
  if (!d) throw new Error(`cube: unknown dimension "${name}" (have ${cube.dimensions.join(", ")})`);
  return d;
}

function valuesOf(set: ValueSet): Iterable<unknown> {
  return set as Iterable<unknown>;
}

interface Mask {
  codes: CodeArray;
  allowed: Uint8Array;
}

/** Per filtered dimension, a mask over its codes. Returns null when no record can pass. */
function buildMasks(cube: Cube, options: PivotOptions): Mask[] | null {
  const byDim = new Map<string, Uint8Array>();
  const get = (name: string): Uint8Array => {
    let mask = byDim.get(name);
    if (!mask) {
      mask = new Uint8Array(dimension(cube, name).values.length).fill(1);
      byDim.set(name, mask);
    }
    return mask;
  };
  for (const [name, set] of Object.entries(options.filters ?? {})) {
    if (set == null) continue;
    const d = dimension(cube, name);
    const mask = get(name);
    const keep = new Uint8Array(mask.length);
    for (const v of valuesOf(set)) {
      const code = d.index.get(v);
      if (code !== undefined) keep[code] = 1;
    }
    for (let k = 0; k < mask.length; k++) mask[k] &= keep[k];
  }
  for (const [name, set] of Object.entries(options.exclude ?? {})) {
    if (set == null) continue;
    const d = dimension(cube, name);
    const mask = get(name);
    for (const v of valuesOf(set)) {
      const code = d.index.get(v);
      if (code !== undefined) mask[code] = 0;
    }
  }
  const masks: Mask[] = [];
  for (const [name, allowed] of byDim) {
    let all = true;
    let any = false;
    for (let k = 0; k < allowed.length; k++) {
      if (allowed[k]) any = true;
      else all = false;
    }
    if (!any) return null;
    if (!all) masks.push({ codes: cube.dims[name].codes, allowed });
  }
  return masks;
}

function newFigures(size: number): { records: Uint32Array; sum: Float64Array; withheld: Uint32Array } {
  return { records: new Uint32Array(size), sum: new Float64Array(size), withheld: new Uint32Array(size) };
}

/** Per record, 1 when it passes every mask (used for three or more filtered dimensions). */
function passMask(n: number, masks: Mask[]): Uint8Array {
  const pass = new Uint8Array(n);
  const c0 = masks[0].codes;
  const a0 = masks[0].allowed;
  for (let i = 0; i < n; i++) pass[i] = a0[c0[i]];
  for (let j = 1; j < masks.length; j++) {
    const cj = masks[j].codes;
    const aj = masks[j].allowed;
    for (let i = 0; i < n; i++) pass[i] &= aj[cj[i]];
  }
  return pass;
}

/** Grid slots 0..BIN-1 are bins for filtered-out records; cells start at BIN. */
const BIN = 16;

/**
 * The hot loop. The grid holds three float64 per slot: records whose measure
 * is not withheld, withheld records, and the sum of known measure values. The
 * cell of row slot r and column slot c is slot `BIN + r * stride + c`
 * (`BIN + r` when `cc` is null).
 *
 * Branch-free on purpose: the withheld flag (0/1) picks the counter, and a
 * filter's 0/1 mask m picks between the cell and a bin, `t + m * (cell - t)`,
 * instead of skipping the record (an unpredictable branch costs more than the
 * work). The bin rotates over BIN slots (`t = i & 15`) so that consecutive
 * filtered-out records do not queue up on one memory location.
 */
function accumulate(
  g: Float64Array,
  n: number,
  rc: CodeArray,
  cc: CodeArray | null,
  stride: number,
  known: Float64Array,
  wf: Uint8Array,
  masks: Mask[],
): void {
  if (masks.length > 2) {
    const pass = passMask(n, masks);
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + pass[i] * (rc[i] * stride + cc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + pass[i] * (rc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  } else if (masks.length === 2) {
    const fc = masks[0].codes;
    const fa = masks[0].allowed;
    const hc = masks[1].codes;
    const ha = masks[1].allowed;
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + (fa[fc[i]] & ha[hc[i]]) * (rc[i] * stride + cc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + (fa[fc[i]] & ha[hc[i]]) * (rc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  } else if (masks.length === 1) {
    const fc = masks[0].codes;
    const fa = masks[0].allowed;
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + fa[fc[i]] * (rc[i] * stride + cc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + fa[fc[i]] * (rc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  } else {
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const k = (rc[i] * stride + cc[i] + BIN) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const k = (rc[i] + BIN) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  }
}

/** Per record, 1 when it passes every mask, for the rare compaction path. */
function passes(masks: Mask[], i: number): boolean {
  for (const m of masks) if (m.allowed[m.codes[i]] === 0) return false;
  return true;
}

/**
 * Remap codes to dense slots for the values that occur among passing records
 * (used only when the code-space grid would be too large).
 */
function compact(
  codes: CodeArray,
  dictSize: number,
  n: number,
  masks: Mask[],
): { codes: Uint32Array; slotCode: number[] } {
  const slotOf = new Int32Array(dictSize).fill(-1);
  const slotCode: number[] = [];
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (!passes(masks, i)) continue;
    const c = codes[i];
    let s = slotOf[c];
    if (s < 0) {
      s = slotOf[c] = slotCode.length;
      slotCode.push(c);
    }
    out[i] = s;
  }
  return { codes: out, slotCode };
}

/** Output keys: listed values first (present or not), then the others present, in dictionary order. */
function outputKeys(
  d: CubeDimension,
  present: (code: number) => boolean,
  order: ReadonlyArray<unknown> | null | undefined,
  keepEmpty: boolean,
): { keys: unknown[]; codes: number[] } {
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
  return { keys, codes };
}

/**
 * Cross-tabulate the cube: rows by `options.rows`, columns by `options.cols`
 * (one column when null), over the records that pass `filters` and `exclude`.
 *
 * Rows and columns are the values that occur among the passing records, in
 * dictionary order (first seen in the prepared data, so stable as filters
 * change), after any values listed in `options.order` (always present, even
 * with zero records). Sums add known measure values only; withheld records
 * count in `records` and `withheld`.
 */
export function pivotCube(cube: Cube, options: PivotOptions): PivotResult {
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
  const grid = new Float64Array(none ? 0 : (rowSlots * colSlots + BIN) * 3);
  if (!none && n > 0) accumulate(grid, n, rc, cc, colSlots, cube.known, cube.withheld, activeMasks);

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
    keepEmpty,
  );
  const colOut = colDim
    ? outputKeys(
        colDim,
        (code) => colSlotOf[code] >= 0 && colPresent[colSlotOf[code]] === 1,
        options.order?.[colDim.name],
        keepEmpty,
      )
    : { keys: [ALL_KEY] as unknown[], codes: [0] };

  const nRows = rowOut.keys.length;
  const nCols = colOut.keys.length;
  const cells = newFigures(nRows * nCols);
  const rowTotals = newFigures(nRows);
  const colTotals = newFigures(nCols);
  let totalRecords = 0;
  let totalSum = 0;
  let totalWithheld = 0;
  const colSlot = colOut.codes.map((code) => (code >= 0 ? colSlotOf[code] : -1));
  for (let r = 0; r < nRows; r++) {
    const rcode = rowOut.codes[r];
    const rs = rcode >= 0 ? rowSlotOf[rcode] : -1;
    if (rs < 0) continue;
    for (let c = 0; c < nCols; c++) {
      const cs = colSlot[c];
      if (cs < 0) continue;
      const g = (rs * colSlots + cs + BIN) * 3;
      const withheld = grid[g + 1];
      const records = grid[g] + withheld;
      if (records === 0) continue;
      const sum = grid[g + 2];
      const k = r * nCols + c;
      cells.records[k] = records;
      cells.sum[k] = sum;
      cells.withheld[k] = withheld;
      rowTotals.records[r] += records;
      rowTotals.sum[r] += sum;
      rowTotals.withheld[r] += withheld;
      colTotals.records[c] += records;
      colTotals.sum[c] += sum;
      colTotals.withheld[c] += withheld;
      totalRecords += records;
      totalSum += sum;
      totalWithheld += withheld;
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
    total: { records: totalRecords, sum: totalSum, withheld: totalWithheld },
  };
}

export type PercentBase = "total" | "row" | "col";

/**
 * Share of the known sum, in percent (0-100): cell (r, c) over the grand total,
 * its row's total or its column's total. `c = -1` means the row-total margin,
 * `r = -1` the column-total margin (both -1: the grand total). Null when the
 * base is zero.
 */
export function percent(result: PivotResult, r: number, c: number, base: PercentBase): number | null {
  const { nRows, nCols } = result;
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
export interface PivotEntry {
  row: unknown;
  col: unknown;
  records: number;
  sum: number;
  withheld: number;
}

/** The pivot's cells as objects, row by row; cells with no record are skipped unless `includeEmpty`. */
export function pivotEntries(result: PivotResult, includeEmpty = false): PivotEntry[] {
  const out: PivotEntry[] = [];
  for (let r = 0; r < result.nRows; r++) {
    for (let c = 0; c < result.nCols; c++) {
      const k = r * result.nCols + c;
      const records = result.cells.records[k];
      if (records === 0 && !includeEmpty) continue;
      out.push({
        row: result.rowKeys[r],
        col: result.colKeys[c],
        records,
        sum: result.cells.sum[k],
        withheld: result.cells.withheld[k],
      });
    }
  }
  return out;
}
