/**
 * Reading the CSV files a person writes beside a reply (a transcription, or
 * corrections): named columns, every bad value an error naming the file and
 * line, and the values (age band, outcome, count) read the same way in both.
 * Pure: the caller reads the files.
 */
import {mapOutcome, type Mappings, type OutcomeMapping} from "./mappings.js";
import {parseCount, type ParsedCount} from "./record.js";
import {parseCsvRows} from "./tables/delimited.js";
import {cleanCell} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import {unguardFormula} from "../core/csv.js";
import {AGE_BANDS, OUTCOME_NOT_STATED, type AgeBand, type CaseRecord} from "../core/types.js";

/** One data row of a person's CSV: its line (where it starts), its text, and its cells by column name. */
export interface HumanRow {
  line: number;
  text: string;
  get(column: string): string;
  /** Every named cell that is not empty, for keeping unlisted columns. */
  cells: Record<string, string>;
}

/**
 * Reads a CSV text with a header row. Column names are matched without regard
 * to case; a column not in `allowed` (nor starting with one of `prefixes`) is
 * an error, so a misspelt column is never ignored.
 */
export function readHumanCsv(
  text: string,
  file: string,
  allowed: readonly string[],
  prefixes: readonly string[] = []
): {columns: string[]; rows: HumanRow[]} {
  const {rows, unclosed} = parseCsvRows(text);
  if (unclosed != null) throw new ReplyError(file, unclosed, "a quoted cell opens here and never closes");
  if (!rows.length) throw new ReplyError(file, null, "the file is empty (expected a header row)");
  const [header, ...data] = rows;
  const canonical = new Map(allowed.map((c) => [c.toLowerCase(), c]));
  const columns = header.cells.map((c, i) => {
    const name = cleanCell(c);
    if (!name) throw new ReplyError(file, header.line, `column ${i + 1} of the header has no name`);
    const known = canonical.get(name.toLowerCase());
    if (known) return known;
    if (prefixes.some((p) => name.toLowerCase().startsWith(p))) return name;
    throw new ReplyError(
      file,
      header.line,
      `unknown column "${name}" (expected ${allowed.join(", ")}${prefixes.length ? `, or a column named ${prefixes.map((p) => `${p}<name>`).join(" or ")}` : ""})`
    );
  });
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice) throw new ReplyError(file, header.line, `column "${twice}" is named twice`);
  return {
    columns,
    rows: data.map((row) => {
      if (row.cells.length > columns.length && row.cells.slice(columns.length).some((c) => cleanCell(c) !== "")) {
        throw new ReplyError(file, row.line, `row of ${row.cells.length} cells where the header has ${columns.length}`);
      }
      const cells: Record<string, string> = {};
      columns.forEach((c, i) => {
        // A template the kit wrote guards formula-like text with a quote (formulaSafe): read it as written.
        const v = unguardFormula(cleanCell(row.cells[i] ?? ""));
        if (v) cells[c] = v;
      });
      return {line: row.line, text: row.text, get: (column: string) => cells[column] ?? "", cells};
    })
  };
}

/** A whole number of at least `min` from a cell, or null when empty. */
export function wholeNumber(row: HumanRow, column: string, file: string, min = 0): number | null {
  const v = row.get(column);
  if (!v) return null;
  if (!/^\d+$/.test(v) || Number(v) < min)
    throw new ReplyError(file, row.line, `${column} "${v}" is not a whole number${min ? ` of at least ${min}` : ""}`);
  return Number(v);
}

/** An age band a person wrote: one of the request's bands, or "unknown". */
export function ageBandCell(row: HumanRow, file: string): AgeBand | null {
  const v = row.get("ageBand");
  if (!v) return null;
  if (v === "unknown" || (AGE_BANDS as readonly string[]).includes(v)) return v as AgeBand;
  throw new ReplyError(file, row.line, `ageBand "${v}" is not one of ${AGE_BANDS.join(", ")} or unknown`);
}

export interface ResolvedOutcome {
  outcome: string;
  mapping: OutcomeMapping | null;
}

/**
 * An outcome a person wrote: a canonical outcome of the mapping ("dismissal"),
 * any label the mapping knows ("Dismissed"), or "not stated"; anything else is
 * kept as written in lower case with no tier (and reported by the caller).
 */
export function resolveOutcome(mappings: Mappings, written: string): ResolvedOutcome {
  const key = cleanCell(written).toLowerCase();
  if (key === OUTCOME_NOT_STATED) return {outcome: OUTCOME_NOT_STATED, mapping: null};
  for (const m of mappings.outcomes.values()) if (m.outcome === key) return {outcome: m.outcome, mapping: m};
  const mapped = mapOutcome(mappings, written);
  return mapped ? {outcome: mapped.outcome, mapping: mapped} : {outcome: key, mapping: null};
}

/** The fields of a record a person's row settles: its outcome through the mappings, and its count. */
export function recordFieldsOf(
  resolved: ResolvedOutcome,
  count: ParsedCount,
  row: HumanRow
): Pick<CaseRecord, "outcome" | "tier" | "severity" | "upheld" | "count" | "suppressed" | "countBounds" | "countRaw"> {
  return {
    outcome: resolved.outcome,
    tier: resolved.mapping?.tier ?? null,
    severity: resolved.mapping?.severity ?? null,
    upheld: resolved.mapping?.upheld ?? null,
    count: count.count,
    suppressed: count.suppressed,
    countBounds: count.bounds,
    countRaw: row.get("countRaw") || (count.count != null ? String(count.count) : "")
  };
}

/**
 * The count a row gives: `count` (a whole number), or `countRaw` read as a
 * reply's cell ("<5", "*"), with `countLower`/`countUpper` giving a withheld
 * count's bounds. Null when the row gives none of these.
 */
export function countCells(row: HumanRow, file: string): ParsedCount | null {
  const count = wholeNumber(row, "count", file);
  const lower = wholeNumber(row, "countLower", file);
  const upper = wholeNumber(row, "countUpper", file);
  const raw = row.get("countRaw");
  const fromRaw = raw ? parseCount(raw) : null;
  if (raw && !fromRaw && count == null && lower == null && upper == null) {
    throw new ReplyError(
      file,
      row.line,
      `countRaw "${raw}" is not a count; give count, or countLower and countUpper for a withheld count`
    );
  }
  if (count != null) {
    if (lower != null || upper != null)
      throw new ReplyError(
        file,
        row.line,
        "a row gives count and also countLower or countUpper; a count is either known or withheld"
      );
    if (fromRaw && fromRaw.count !== count)
      throw new ReplyError(file, row.line, `count ${count} disagrees with countRaw "${raw}"`);
    return {count, suppressed: false, bounds: null};
  }
  if (lower != null || upper != null) {
    if (lower == null || upper == null)
      throw new ReplyError(
        file,
        row.line,
        "a withheld count needs both countLower and countUpper (leave both empty when the reply states no bounds)"
      );
    if (lower > upper) throw new ReplyError(file, row.line, `countLower ${lower} is more than countUpper ${upper}`);
    if (fromRaw?.count != null)
      throw new ReplyError(
        file,
        row.line,
        `countRaw "${raw}" is a known count, yet countLower and countUpper are given`
      );
    return {count: null, suppressed: true, bounds: [lower, upper]};
  }
  return fromRaw;
}
