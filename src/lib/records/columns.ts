/**
 * The explorer's record-level data in a compact columnar form: each
 * dimension a dictionary of its distinct values plus one code per record, the
 * counts (null = withheld), the stated bounds of withheld counts, and where each
 * record stands in its reply (file, line, first line, the row as written) for
 * the drill-down. At 400 replies this is a fraction of responses.json, which
 * carries every answer, check and warning the explorer never shows.
 *
 * Pure: `encodeColumns` runs in the loader (src/lib/report/site-files.ts); the
 * explorer hands the columns to the pivot as they are (`columnCodes`), and makes
 * a record only for the drill-down (`columnRecords`); `decodeColumns` gives every
 * record back (the fields listed in ColumnRecord), for notebooks and tests.
 */
import type {AgeBand, CaseRecord, OutcomeTier} from "../core/types.js";

/** What the columns keep of a record: everything the pivot, the drill-down and the links read. */
export type ColumnRecord = Pick<
  CaseRecord,
  | "authority"
  | "file"
  | "ageBand"
  | "ageRaw"
  | "outcome"
  | "outcomeRaw"
  | "tier"
  | "severity"
  | "upheld"
  | "count"
  | "suppressed"
  | "countBounds"
  | "countRaw"
  | "line"
  | "firstLine"
  | "lineText"
  | "provenance"
>;

/** One dictionary-encoded field: `values[codes[i]]` is record i's value. */
export interface DictColumn<T> {
  values: T[];
  codes: number[];
}

/** The columns another field can be a function of: the reply, and the words the council wrote. */
export type SourceColumn = "file" | "ageRaw" | "outcomeRaw";

/**
 * A field that is a function of a source column (the band of the words a council wrote, the tier
 * of its outcome): `values[map[k]]` is the value of every record whose source code is k. Stored so
 * whenever the records allow it, since it saves a code per record: most of the file's size after
 * the row texts. A correction that gives one wording two outcomes keeps the plain form.
 */
export interface DerivedColumn<T> {
  values: T[];
  of: SourceColumn;
  map: number[];
}

export type Column<T> = DictColumn<T> | DerivedColumn<T>;

/** A reply the records come from. */
export interface ColumnFile {
  file: string;
  authority: string;
  /** The council page's slug (`councils/<slug>.html`), where the drill-down links each line. */
  slug: string;
}

export interface RecordColumns {
  /** Bumped when the shape changes, so a page never misreads an old file. */
  version: 2;
  /** Number of records. */
  size: number;
  /** Orders the pivot follows (see PivotOrders). */
  ageBands: string[];
  outcomes: string[];
  /** The replies, in file-name order; `file.codes[i]` indexes this list. */
  files: ColumnFile[];
  file: number[];
  authority: Column<string>;
  ageBand: Column<AgeBand>;
  ageRaw: DictColumn<string>;
  outcome: Column<string>;
  outcomeRaw: DictColumn<string>;
  tier: Column<OutcomeTier | null>;
  severity: Column<number | null>;
  upheld: Column<boolean | null>;
  /** Count per record; null where the council withheld it (never 0 for withheld). */
  count: (number | null)[];
  /** Suppressed flag per record (1/0). */
  suppressed: number[];
  /** The count as written, only where that is not the count itself ("<5", "five"): record index and text. */
  countRaw: {at: number[]; text: string[]};
  /** Stated bounds of withheld counts, only for the records that have them: record index, least, most. */
  bounds: {at: number[]; min: number[]; max: number[]};
  line: number[];
  /** `line - firstLine` per record: 0 for a one-line row, so it packs small. */
  span: number[];
  lineText: string[];
  /** Who produced each record ("read", "transcribed", "corrected"); null where the record does not say. */
  provenance: DictColumn<"read" | "transcribed" | "corrected" | null>;
}

function dict<T>(records: readonly ColumnRecord[], pick: (r: ColumnRecord) => T): DictColumn<T> {
  const index = new Map<T, number>();
  const values: T[] = [];
  const codes = records.map((r) => {
    const v = pick(r);
    let code = index.get(v);
    if (code === undefined) index.set(v, (code = values.push(v) - 1));
    return code;
  });
  return {values, codes};
}

/** The field as a function of a source column's codes when it is one, else as a plain dictionary. */
function derivedOr<T>(column: DictColumn<T>, of: SourceColumn, source: readonly number[]): Column<T> {
  const map: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const was = map[source[i]];
    if (was === undefined) map[source[i]] = column.codes[i];
    else if (was !== column.codes[i]) return column;
  }
  // A source value no record has (a reply with no records) maps to nothing: 0 keeps the array dense.
  return {values: column.values, of, map: Array.from(map, (code) => code ?? 0)};
}

/** A column's codes, one per record, whichever way it is stored. */
function codesOf<T>(name: string, column: Column<T>, columns: RecordColumns): readonly number[] {
  if ("codes" in column) {
    sized(name, column.codes.length, columns.size);
    return column.codes;
  }
  const source = column.of === "file" ? columns.file : columns[column.of]?.codes;
  if (!source)
    throw new Error(`records.columns.json: ${name} is derived from ${String(column.of)}, which is not a column`);
  sized(column.of, source.length, columns.size);
  return source.map((k) => column.map[k]);
}

/**
 * Encodes records (in reply order) with the pivot's orders. `files` lists
 * every reply read, even one with no records, so a file index is stable.
 */
export function encodeColumns(
  records: readonly ColumnRecord[],
  {ageBands, outcomes, files}: {ageBands: readonly string[]; outcomes: readonly string[]; files: readonly ColumnFile[]}
): RecordColumns {
  const fileIndex = new Map(files.map((f, i) => [f.file, i]));
  const file = records.map((r) => {
    const i = fileIndex.get(r.file);
    if (i === undefined) throw new Error(`columns: record of ${r.file}:${r.line} names a file not in the list`);
    return i;
  });
  const bounds: RecordColumns["bounds"] = {at: [], min: [], max: []};
  records.forEach((r, i) => {
    if (r.countBounds) {
      bounds.at.push(i);
      bounds.min.push(r.countBounds[0]);
      bounds.max.push(r.countBounds[1]);
    }
  });
  const countRaw: RecordColumns["countRaw"] = {at: [], text: []};
  records.forEach((r, i) => {
    if (r.countRaw !== String(r.count)) {
      countRaw.at.push(i);
      countRaw.text.push(r.countRaw);
    }
  });
  const ageRaw = dict(records, (r) => r.ageRaw);
  const outcomeRaw = dict(records, (r) => r.outcomeRaw);
  return {
    version: 2,
    size: records.length,
    ageBands: [...ageBands],
    outcomes: [...outcomes],
    files: files.map(({file, authority, slug}) => ({file, authority, slug})),
    file,
    authority: derivedOr(
      dict(records, (r) => r.authority),
      "file",
      file
    ),
    ageBand: derivedOr(
      dict(records, (r) => r.ageBand),
      "ageRaw",
      ageRaw.codes
    ),
    ageRaw,
    outcome: derivedOr(
      dict(records, (r) => r.outcome),
      "outcomeRaw",
      outcomeRaw.codes
    ),
    outcomeRaw,
    tier: derivedOr(
      dict(records, (r) => r.tier),
      "outcomeRaw",
      outcomeRaw.codes
    ),
    severity: derivedOr(
      dict(records, (r) => r.severity),
      "outcomeRaw",
      outcomeRaw.codes
    ),
    upheld: derivedOr(
      dict(records, (r) => r.upheld),
      "outcomeRaw",
      outcomeRaw.codes
    ),
    count: records.map((r) => r.count),
    suppressed: records.map((r) => (r.suppressed ? 1 : 0)),
    countRaw,
    bounds,
    line: records.map((r) => r.line),
    span: records.map((r) => r.line - (r.firstLine ?? r.line)),
    lineText: records.map((r) => r.lineText),
    provenance: dict(records, (r) => r.provenance ?? null)
  };
}

/** Checks a column has one entry per record, naming it when not (a truncated or hand-edited file). */
function sized(name: string, length: number, size: number): void {
  if (length !== size) throw new Error(`records.columns.json: ${name} has ${length} entries for ${size} records`);
}

/** Checks the columns are a version this code reads and one entry per record. Throws a one-line error when not. */
function checkColumns(columns: RecordColumns): void {
  if (columns?.version !== 2) throw new Error(`records.columns.json: unknown version ${String(columns?.version)}`);
  for (const name of ["file", "count", "suppressed", "line", "span", "lineText"] as const)
    sized(name, columns[name].length, columns.size);
}

/** A dimension of the columns as one code per record and its dictionary, without making a record. */
export function columnCodes<K extends "authority" | "ageBand" | "outcome" | "tier" | "upheld">(
  columns: RecordColumns,
  name: K
): {codes: readonly number[]; values: RecordColumns[K]["values"]} {
  checkColumns(columns);
  const column: Column<unknown> = columns[name];
  return {codes: codesOf(name, column, columns), values: columns[name].values};
}

/** Each record's stated bounds of a withheld count, `[least, most]`, or null where none are stated. */
export function columnBounds(columns: RecordColumns): ([number, number] | null)[] {
  const bounds: ([number, number] | null)[] = new Array(columns.size).fill(null);
  columns.bounds.at.forEach((i, k) => (bounds[i] = [columns.bounds.min[k], columns.bounds.max[k]]));
  return bounds;
}

/**
 * Record i of the columns, made on demand: what the drill-down asks for, a cell's few records,
 * without decoding the rest. Throws a one-line error on a malformed file.
 */
export function columnRecords(columns: RecordColumns): (i: number) => CaseRecord {
  checkColumns(columns);
  const field = <T>(name: string, column: Column<T>) => {
    const codes = codesOf(name, column, columns);
    return (i: number) => column.values[codes[i]];
  };
  const authority = field("authority", columns.authority);
  const ageBand = field("ageBand", columns.ageBand);
  const ageRaw = field("ageRaw", columns.ageRaw);
  const outcome = field("outcome", columns.outcome);
  const outcomeRaw = field("outcomeRaw", columns.outcomeRaw);
  const tier = field("tier", columns.tier);
  const severity = field("severity", columns.severity);
  const upheld = field("upheld", columns.upheld);
  const provenanceOf = field("provenance", columns.provenance);
  const bounds = columnBounds(columns);
  const countRaw = new Map(columns.countRaw.at.map((i, k) => [i, columns.countRaw.text[k]]));
  return (i) => {
    const line = columns.line[i];
    const count = columns.count[i];
    const record: CaseRecord = {
      authority: authority(i),
      file: columns.files[columns.file[i]].file,
      ageBand: ageBand(i),
      ageRaw: ageRaw(i),
      outcome: outcome(i),
      outcomeRaw: outcomeRaw(i),
      tier: tier(i),
      severity: severity(i),
      upheld: upheld(i),
      count,
      suppressed: columns.suppressed[i] === 1,
      countBounds: bounds[i],
      countRaw: countRaw.get(i) ?? String(count),
      line,
      firstLine: line - columns.span[i],
      lineText: columns.lineText[i]
    };
    const provenance = provenanceOf(i);
    if (provenance != null) record.provenance = provenance;
    return record;
  };
}

/** The records back, every one. Throws a one-line error on a malformed file. */
export function decodeColumns(columns: RecordColumns): CaseRecord[] {
  const recordAt = columnRecords(columns);
  return Array.from({length: columns.size}, (_, i) => recordAt(i));
}

/** Each reply's council-page slug, by file. */
export function slugsOfColumns(columns: RecordColumns): Map<string, string> {
  return new Map(columns.files.map((f) => [f.file, f.slug]));
}

/** Every reply's authority, in file order, once each: the explorer's filter lists these. */
export function authoritiesOfColumns(columns: RecordColumns): string[] {
  return [...new Set(columns.files.map((f) => f.authority))];
}
