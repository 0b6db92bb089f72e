/**
 * The explorer's record-level data in a compact columnar form: each
 * dimension a dictionary of its distinct values plus one code per record, the
 * counts (null = withheld), the stated bounds of withheld counts, and where each
 * record stands in its reply (file, line, first line, the row as written) for
 * the drill-down. At 400 replies this is a fraction of responses.json, which
 * carries every answer, check and warning the explorer never shows.
 *
 * Pure: `encodeColumns` runs in the loader (src/data/records.columns.json.ts),
 * `decodeColumns` in the page and the tests; a round trip gives the records
 * back (the fields listed in ColumnRecord).
 */
import type {AgeBand, CaseRecord, OutcomeTier} from "../types.js";

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

/** A reply the records come from. */
export interface ColumnFile {
  file: string;
  authority: string;
  /** The council page's slug (`councils/<slug>.html`), where the drill-down links each line. */
  slug: string;
}

export interface RecordColumns {
  /** Bumped when the shape changes, so a page never misreads an old file. */
  version: 1;
  /** Number of records. */
  size: number;
  /** Orders the pivot follows (see PivotOrders). */
  ageBands: string[];
  outcomes: string[];
  /** The replies, in file-name order; `file.codes[i]` indexes this list. */
  files: ColumnFile[];
  file: number[];
  authority: DictColumn<string>;
  ageBand: DictColumn<AgeBand>;
  ageRaw: DictColumn<string>;
  outcome: DictColumn<string>;
  outcomeRaw: DictColumn<string>;
  tier: DictColumn<OutcomeTier | null>;
  severity: DictColumn<number | null>;
  upheld: DictColumn<boolean | null>;
  /** Count per record; null where the council withheld it (never 0 for withheld). */
  count: (number | null)[];
  /** Suppressed flag per record (1/0). */
  suppressed: number[];
  countRaw: DictColumn<string>;
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
  return {
    version: 1,
    size: records.length,
    ageBands: [...ageBands],
    outcomes: [...outcomes],
    files: files.map(({file, authority, slug}) => ({file, authority, slug})),
    file,
    authority: dict(records, (r) => r.authority),
    ageBand: dict(records, (r) => r.ageBand),
    ageRaw: dict(records, (r) => r.ageRaw),
    outcome: dict(records, (r) => r.outcome),
    outcomeRaw: dict(records, (r) => r.outcomeRaw),
    tier: dict(records, (r) => r.tier),
    severity: dict(records, (r) => r.severity),
    upheld: dict(records, (r) => r.upheld),
    count: records.map((r) => r.count),
    suppressed: records.map((r) => (r.suppressed ? 1 : 0)),
    countRaw: dict(records, (r) => r.countRaw),
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

/** The records back, as the pivot and the drill-down read them. Throws a one-line error on a malformed file. */
export function decodeColumns(columns: RecordColumns): CaseRecord[] {
  if (columns?.version !== 1) throw new Error(`records.columns.json: unknown version ${String(columns?.version)}`);
  const n = columns.size;
  const dicts = {
    authority: columns.authority,
    ageBand: columns.ageBand,
    ageRaw: columns.ageRaw,
    outcome: columns.outcome,
    outcomeRaw: columns.outcomeRaw,
    tier: columns.tier,
    severity: columns.severity,
    upheld: columns.upheld,
    countRaw: columns.countRaw,
    provenance: columns.provenance
  };
  for (const [name, d] of Object.entries(dicts)) sized(name, d.codes.length, n);
  for (const name of ["file", "count", "suppressed", "line", "span", "lineText"] as const)
    sized(name, columns[name].length, n);
  const bounds = new Map<number, [number, number]>();
  columns.bounds.at.forEach((i, k) => bounds.set(i, [columns.bounds.min[k], columns.bounds.max[k]]));
  const records: CaseRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const line = columns.line[i];
    const record: CaseRecord = {
      authority: dicts.authority.values[dicts.authority.codes[i]],
      file: columns.files[columns.file[i]].file,
      ageBand: dicts.ageBand.values[dicts.ageBand.codes[i]],
      ageRaw: dicts.ageRaw.values[dicts.ageRaw.codes[i]],
      outcome: dicts.outcome.values[dicts.outcome.codes[i]],
      outcomeRaw: dicts.outcomeRaw.values[dicts.outcomeRaw.codes[i]],
      tier: dicts.tier.values[dicts.tier.codes[i]],
      severity: dicts.severity.values[dicts.severity.codes[i]],
      upheld: dicts.upheld.values[dicts.upheld.codes[i]],
      count: columns.count[i],
      suppressed: columns.suppressed[i] === 1,
      countBounds: bounds.get(i) ?? null,
      countRaw: dicts.countRaw.values[dicts.countRaw.codes[i]],
      line,
      firstLine: line - columns.span[i],
      lineText: columns.lineText[i]
    };
    const provenance = dicts.provenance.values[dicts.provenance.codes[i]];
    if (provenance != null) record.provenance = provenance;
    records[i] = record;
  }
  return records;
}

/** Each reply's council-page slug, by file. */
export function slugsOfColumns(columns: RecordColumns): Map<string, string> {
  return new Map(columns.files.map((f) => [f.file, f.slug]));
}

/** Every reply's authority, in file order, once each: the explorer's filter lists these. */
export function authoritiesOfColumns(columns: RecordColumns): string[] {
  return [...new Set(columns.files.map((f) => f.authority))];
}
