/**
 * Turning one table row, whatever format it came from, into a CaseRecord:
 * mapping the age label and outcome, reading the count (withheld counts
 * included) and reporting what did not map, with its line.
 */
import {mapAgeBand, mapOutcome, normaliseOutcomeLabel, type Mappings} from "./mappings.js";
import {digitsForWords} from "./number-words.js";
import {cleanCell} from "../core/text.js";
import {OUTCOME_NOT_STATED, type CaseRecord, type TextSource, type Warning} from "../core/types.js";

export interface ParsedCount {
  count: number | null;
  suppressed: boolean;
  bounds: [number, number] | null;
}

const withheldBelow = (n: number): [number, number] => [1, Math.max(1, n - 1)];

/**
 * The bounds a phrase gives a withheld count: "fewer than 5", "less than 6",
 * "under 5", "below 5", "<5" (1 to one less); "5 or fewer", "up to 5", "no more
 * than 5", "≤5" (1 to 5); "between 1 and 4", "1-4", "1 to 4". With `anchored`
 * the phrase must be the whole text; otherwise it is looked for inside (a
 * footnote: "* fewer than 5, withheld under section 40(2)"). Number words
 * must already be digits. Null when no bounds are stated.
 */
export function boundsIn(text: string, anchored = true): [number, number] | null {
  const [below, upTo, range] = anchored ? BOUNDS_WHOLE : BOUNDS_INSIDE;
  let m = below.exec(text);
  if (m) return withheldBelow(Number(m[1]));
  m = upTo.exec(text);
  if (m && (m[1] ?? m[2])) return [1, Number(m[1] ?? m[2])];
  m = range.exec(text);
  if (m && Number(m[1]) < Number(m[2]) && (anchored || /between|-|–|to/.test(m[0])))
    return [Number(m[1]), Number(m[2])];
  return null;
}

/** The three forms of bounds ("fewer than 5"; "5 or fewer"; "1-4"), as a whole cell or inside a sentence; compiled once. */
function boundsPatterns(a: string, z: string): [RegExp, RegExp, RegExp] {
  return [
    new RegExp(`${a}(?:<|fewer than|less than|under|below)\\s*(\\d{1,4})${z}`),
    new RegExp(
      `${a}(?:<=|(\\d{1,4})\\s+or\\s+(?:fewer|less|under|below)|(?:up to|no more than|not more than|at most)\\s*)\\s*(\\d{1,4})?${z}`
    ),
    new RegExp(`${a}(?:between\\s+)?(\\d{1,3})\\s*(?:-|–|to|and)\\s*(\\d{1,3})${z}`)
  ];
}
const BOUNDS_WHOLE = boundsPatterns("^", "$");
const BOUNDS_INSIDE = boundsPatterns("(?:^|[^\\w.])", "(?![\\w.(])");

/** Cells that say a count was withheld without saying how many (a footnote may say: see footnotes.ts). */
const WITHHELD_MARK =
  /^(?:\*+|†|‡|x|c|\[[cxz]\]|~|-?\s*withheld\s*-?|redacted|suppressed|not disclosed|exempt|s\.?\s?40|section 40)$/;
/** Longer wordings that withhold ("withheld under section 40", "redacted (s.40)"), possibly stating bounds inside. */
const WITHHELD_WORDS = /^(?:withheld|redacted|suppressed|not disclosed|exempt)\b|\bs\.?\s?40\b|\bsection 40\b/;

/**
 * Reads a count cell. Whole numbers (in digits or words) are counts; the ways
 * councils withhold small numbers under section 40 ("<5", "*", "fewer than 5",
 * "less than 6", "under 5", "1-4", "5 or fewer", "withheld") become withheld
 * counts, with bounds where the text gives them. Returns null when the text is
 * neither.
 */
export function parseCount(raw: string): ParsedCount | null {
  // Footnote markers and explanations in brackets ("<5 (s.40)", "3 employees") carry no number of their own.
  const text = digitsForWords(
    cleanCell(raw)
      .toLowerCase()
      .replace(/\s*\((?:[^()]*)\)$/, "")
      .replace(/\s+(?:employees?|staff|cases?|people|individuals)$/, "")
      .replace(/[\u2264]/g, "<=")
      .trim()
  );
  if (/^\d{1,3}(,\d{3})*$|^\d+$/.test(text))
    return {count: Number(text.replace(/,/g, "")), suppressed: false, bounds: null};
  if (/^\d+\.0+$/.test(text)) return {count: Number(text), suppressed: false, bounds: null}; // spreadsheets write 3 as 3.0
  if (/^(?:none|nil|zero)$/.test(text)) return {count: 0, suppressed: false, bounds: null};
  // "<5*" and "fewer than 5 †": the marker points at a footnote; the wording itself gives the bounds.
  const unmarked = text.replace(/\s*(?:\*+|†|‡)$/, "");
  const bounds = boundsIn(unmarked);
  if (bounds) return {count: null, suppressed: true, bounds};
  if (WITHHELD_MARK.test(text)) return {count: null, suppressed: true, bounds: null};
  if (WITHHELD_WORDS.test(text)) return {count: null, suppressed: true, bounds: boundsIn(text, false)};
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
  /** Other columns of the row (year, gender, department), keyed. */
  extra?: Record<string, string>;
  /**
   * Which side the reply did not give, for a table of one margin: "outcome" for
   * a table of ages alone (the record's outcome is "not stated"), "age" for one
   * of outcomes alone (its age band is "unknown"). Neither is warned about.
   */
  notStated?: "outcome" | "age";
  /** The count already read (a sentence's "a" or "three"), instead of reading `countRaw` as a cell. */
  parsedCount?: ParsedCount;
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
  const ageBand = row.notStated === "age" ? "unknown" : mapAgeBand(ctx.mappings, ageRaw);
  if (ageBand === "unknown" && row.notStated !== "age") {
    warnings.push({
      file: ctx.file,
      line: row.line,
      message: `age group "${ageRaw}" maps to no age band; kept as "unknown"`,
      text: row.lineText
    });
  }
  const notStated = row.notStated === "outcome";
  const outcome = notStated ? null : mapOutcome(ctx.mappings, outcomeRaw);
  if (!outcome && !notStated) {
    warnings.push({
      file: ctx.file,
      line: row.line,
      message: `outcome "${outcomeRaw}" maps to no known outcome; kept as written`,
      text: row.lineText
    });
  }
  let parsed = row.parsedCount ?? parseCount(row.countRaw);
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
    outcome: notStated ? OUTCOME_NOT_STATED : (outcome?.outcome ?? normaliseOutcomeLabel(outcomeRaw)),
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
  if (row.extra) record.extra = row.extra;
  // An outcome read by a rule over its words is no warning, but the record says which rule.
  if (outcome?.rule) record.outcomeRule = outcome.rule;
  return {record, warnings};
}
