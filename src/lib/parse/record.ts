/**
 * Turning one table row, whatever format it came from, into a CaseRecord:
 * mapping the age label and outcome, reading the count (withheld counts
 * included) and reporting what did not map, with its line.
 */
import {mapAgeBand, mapOutcome, normaliseOutcomeLabel, type Mappings} from "./mappings.js";
import {cleanCell} from "./text.js";
import type {CaseRecord, TextSource, Warning} from "../types.js";

export interface ParsedCount {
  count: number | null;
  suppressed: boolean;
  bounds: [number, number] | null;
}

/**
 * Reads a count cell. Whole numbers are counts; the ways councils withhold
 * small numbers under section 40 ("<5", "*", "fewer than 5", "less than 5",
 * "5 or fewer") become withheld counts with bounds where the text gives them.
 * Returns null when the text is neither.
 */
export function parseCount(raw: string): ParsedCount | null {
  // Footnote markers and explanations in brackets ("<5 (s.40)", "3 employees") carry no number of their own.
  const text = cleanCell(raw)
    .toLowerCase()
    .replace(/\s*\((?:[^()]*)\)$/, "")
    .replace(/\s+(?:employees?|staff|cases?|people|individuals)$/, "")
    .replace(/[\u2264]/g, "<=")
    .trim();
  if (/^\d{1,3}(,\d{3})*$|^\d+$/.test(text))
    return {count: Number(text.replace(/,/g, "")), suppressed: false, bounds: null};
  if (/^\d+\.0+$/.test(text)) return {count: Number(text), suppressed: false, bounds: null}; // spreadsheets write 3 as 3.0
  if (/^(?:none|nil|zero)$/.test(text)) return {count: 0, suppressed: false, bounds: null};
  let m = /^(?:<|fewer than|less than|under|below)\s*(\d+)$/.exec(text);
  if (m) return {count: null, suppressed: true, bounds: [1, Math.max(1, Number(m[1]) - 1)]};
  m = /^(?:<=|(\d+)\s+or\s+(?:fewer|less|under|below)|up to)\s*(\d+)?$/.exec(text);
  if (m && (m[1] ?? m[2])) return {count: null, suppressed: true, bounds: [1, Number(m[1] ?? m[2])]};
  m = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/.exec(text);
  if (m && Number(m[1]) < Number(m[2])) return {count: null, suppressed: true, bounds: [Number(m[1]), Number(m[2])]};
  if (/^(\*+|x|c|~|-?\s*withheld\s*-?|redacted|suppressed|s\.?\s?40|section 40)$/.test(text)) {
    return {count: null, suppressed: true, bounds: null};
  }
  return null;
}

export interface RowInput {
  ageRaw: string;
  outcomeRaw: string;
  countRaw: string;
  /** 1-based line of the count in the reply's text. */
  line: number;
  /** 1-based line where the row starts. */
  firstLine: number;
  /** The row's source text as written. */
  lineText: string;
}

export interface RecordContext {
  file: string;
  authority: string;
  mappings: Mappings;
  /** Where the text the lines count in came from (the file itself, or text extracted from a Word or PDF file). */
  textSource?: TextSource;
}

/** Builds a record from a row; anything that does not map is kept in the record and reported. */
export function buildRecord(row: RowInput, ctx: RecordContext): {record: CaseRecord; warnings: Warning[]} {
  const warnings: Warning[] = [];
  const ageRaw = cleanCell(row.ageRaw);
  const outcomeRaw = cleanCell(row.outcomeRaw);
  const ageBand = mapAgeBand(ctx.mappings, ageRaw);
  if (ageBand === "unknown") {
    warnings.push({
      file: ctx.file,
      line: row.line,
      message: `age group "${ageRaw}" maps to no age band; kept as "unknown"`,
      text: row.lineText
    });
  }
  const outcome = mapOutcome(ctx.mappings, outcomeRaw);
  if (!outcome) {
    warnings.push({
      file: ctx.file,
      line: row.line,
      message: `outcome "${outcomeRaw}" maps to no known outcome; kept as written`,
      text: row.lineText
    });
  }
  let parsed = parseCount(row.countRaw);
  if (!parsed) {
    warnings.push({
      file: ctx.file,
      line: row.line,
      message: `number of employees "${cleanCell(row.countRaw)}" is not a number; kept with no count`,
      text: row.lineText
    });
    parsed = {count: null, suppressed: false, bounds: null};
  }
  const record: CaseRecord = {
    authority: ctx.authority,
    file: ctx.file,
    ageBand,
    ageRaw,
    outcome: outcome?.outcome ?? normaliseOutcomeLabel(outcomeRaw),
    outcomeRaw,
    tier: outcome?.tier ?? null,
    severity: outcome?.severity ?? null,
    upheld: outcome?.upheld ?? null,
    count: parsed.count,
    suppressed: parsed.suppressed,
    countBounds: parsed.bounds,
    countRaw: cleanCell(row.countRaw),
    line: row.line,
    firstLine: row.firstLine,
    lineText: row.lineText,
    textSource: ctx.textSource ?? "as received"
  };
  return {record, warnings};
}
