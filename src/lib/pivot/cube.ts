/**
 * Preparing records for the pivot kernel: each dimension becomes a typed array
 * of codes plus a dictionary of its distinct values, the measure (by default
 * `count`) a Float64Array, and withheld records a flag plus the range of their
 * true count under the one rule in ../core/withheld.ts. This is done once
 * per record set; every pivot afterwards loops over codes only (accumulate.ts).
 *
 * Pure module: no Node imports, no DOM. Dictionary values keep their identity
 * (`"true"`, `true` and `null` are three keys) unless a `label` maps them.
 */
import {countRange} from "../core/withheld.js";

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
  /**
   * The range most withheld records share (1 to 4 when replies write "<5"):
   * the kernel multiplies it by each cell's withheld count, with no extra loop.
   * Max is Infinity when nothing caps it.
   */
  readonly usualRange: CountSpan;
  /** The withheld records whose range is another one, and their ranges: the kernel adds these one by one. */
  readonly otherRanges: RangeList;
}

/** Least and most a count can be; max Infinity when nothing caps it. */
export interface CountSpan {
  readonly min: number;
  readonly max: number;
}

export interface RangeList {
  /** Indices of the records, ascending. */
  readonly at: Uint32Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/** Options of {@link prepareCube}. */
export interface PrepareOptions {
  /** The measure field (default `count`): a number, or null/missing when withheld. */
  measure?: string;
  /** The field holding a withheld measure's stated bounds `[min, max]` (default `countBounds`). */
  bounds?: string;
  /**
   * Maps a dimension's raw value to the value the cube keeps (e.g. `true` to
   * "upheld"); called once per distinct raw value. Raw values with the same
   * label share one code.
   */
  label?: (dimension: string, value: unknown) => unknown;
}

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

const isBounds = (b: unknown): b is readonly [number, number] =>
  Array.isArray(b) && b.length === 2 && typeof b[0] === "number" && typeof b[1] === "number";

/**
 * The ranges of the withheld records, by the one rule (stated bounds, else at
 * least 1 with no upper bound): the one most of them share, and the others.
 */
function withheldRanges(
  withheld: Uint8Array,
  boundsOf: (i: number) => unknown
): Pick<Cube, "usualRange" | "otherRanges"> {
  const ranges = new Map<string, {span: CountSpan; records: number[]}>();
  for (let i = 0; i < withheld.length; i++) {
    if (!withheld[i]) continue;
    const b = boundsOf(i);
    const range = countRange({count: null, countBounds: isBounds(b) ? [b[0], b[1]] : null});
    const span = {min: range.min, max: range.max ?? Infinity};
    const key = `${span.min}:${span.max}`;
    let group = ranges.get(key);
    if (!group) ranges.set(key, (group = {span, records: []}));
    group.records.push(i);
  }
  let usual: {span: CountSpan; records: number[]} = {span: {min: 0, max: 0}, records: []};
  for (const group of ranges.values()) if (group.records.length > usual.records.length) usual = group;
  const others = [...ranges.values()]
    .filter((g) => g !== usual)
    .flatMap((g) => g.records.map((i) => ({i, span: g.span})))
    .sort((a, b) => a.i - b.i);
  return {
    usualRange: usual.span,
    otherRanges: {
      at: Uint32Array.from(others, (o) => o.i),
      min: Float64Array.from(others, (o) => o.span.min),
      max: Float64Array.from(others, (o) => o.span.max)
    }
  };
}

/**
 * Encode records for pivoting.
 *
 * Each dimension's dictionary lists its distinct values (after `label`) in
 * first-seen order; a missing field is the value `undefined`. The measure is
 * the record's measure field when it is a number (NaN otherwise); `null` or a
 * missing measure marks the record withheld, and its range comes from its
 * bounds field. Accepts any record objects (e.g. `CaseRecord[]`); only the
 * named fields are read.
 */
export function prepareCube<T extends object = Record<string, unknown>>(
  records: ReadonlyArray<T>,
  dimensions: ReadonlyArray<string>,
  options: PrepareOptions = {}
): Cube {
  const {measure = "count", bounds = "countBounds", label} = options;
  const rows = records as ReadonlyArray<Record<string, unknown>>;
  const n = records.length;
  const dims: Record<string, CubeDimension> = {};
  for (const name of dimensions) {
    if (Object.hasOwn(dims, name)) throw new Error(`cube: dimension "${name}" given twice`);
    // Raw value to code; with a label, several raw values may share a code.
    const byRaw = new Map<unknown, number>();
    const index = new Map<unknown, number>();
    const values: unknown[] = [];
    const wide = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][name];
      let code = byRaw.get(v);
      if (code === undefined) {
        const key = label ? label(name, v) : v;
        code = index.get(key);
        if (code === undefined) {
          code = values.push(key) - 1;
          index.set(key, code);
        }
        byRaw.set(v, code);
      }
      wide[i] = code;
    }
    dims[name] = {name, codes: narrow(wide, values.length), values, index};
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
  return {
    size: n,
    dimensions: [...dimensions],
    dims,
    measureName: measure,
    measure: m,
    known: knownOf(m),
    withheld,
    ...withheldRanges(withheld, (i) => rows[i][bounds])
  };
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
  /** Stated bounds of each withheld record's measure, `[min, max]`; null or omitted where none are stated. */
  bounds?: ArrayLike<readonly [number, number] | null | undefined>;
  measureName?: string;
  /** As prepareCube's: maps a dictionary value to the value the cube keeps; values with the same label share one code. */
  label?: PrepareOptions["label"];
}

/** A dictionary labelled: the labels, once each in first-seen order, and each value's new code. */
function labelled(name: string, values: ReadonlyArray<unknown>, label: NonNullable<PrepareOptions["label"]>) {
  const index = new Map<unknown, number>();
  const labels: unknown[] = [];
  const remap = values.map((v) => {
    const key = label(name, v);
    let code = index.get(key);
    if (code === undefined) index.set(key, (code = labels.push(key) - 1));
    return code;
  });
  return {labels, remap};
}

/** Build a cube directly from encoded columns (e.g. for a million synthetic records without objects). */
export function cubeFromColumns(input: ColumnsInput): Cube {
  const n = input.measure.length;
  const dims: Record<string, CubeDimension> = {};
  const names = Object.keys(input.dimensions);
  for (const name of names) {
    const given = input.dimensions[name];
    const {codes} = given;
    if (codes.length !== n) throw new Error(`cube: dimension "${name}" has ${codes.length} codes for ${n} records`);
    const size = given.values.length;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (!(c >= 0 && c < size && c === Math.floor(c))) {
        throw new Error(`cube: dimension "${name}" has code ${c} at record ${i}, outside 0..${size - 1}`);
      }
    }
    // Refuses a value listed twice; labels that coincide, by contrast, share a code.
    const index = makeIndex(name, given.values);
    const {labels: values, remap} = input.label
      ? labelled(name, given.values, input.label)
      : {labels: [...given.values], remap: null};
    let out: CodeArray;
    if (!remap && (codes instanceof Uint8Array || codes instanceof Uint16Array || codes instanceof Uint32Array))
      out = codes;
    else {
      out = codeArrayFor(values.length, n);
      for (let i = 0; i < n; i++) out[i] = remap ? remap[codes[i]] : codes[i];
    }
    dims[name] = {name, codes: out, values, index: remap ? makeIndex(name, values) : index};
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
  if (input.bounds && input.bounds.length !== n)
    throw new Error(`cube: ${input.bounds.length} bounds for ${n} records`);
  const bounds = input.bounds;
  return {
    size: n,
    dimensions: names,
    dims,
    measureName: input.measureName ?? "count",
    measure: m,
    known: knownOf(m),
    withheld,
    ...withheldRanges(withheld, (i) => bounds?.[i])
  };
}
