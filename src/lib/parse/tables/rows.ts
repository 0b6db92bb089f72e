/**
 * Tables written one row per line: pipe and Markdown tables, tab-, comma- or
 * semicolon-separated rows (CSV and TSV files, and the text extracted from Word
 * and PDF files), and columns aligned with spaces. Reads both the long layout
 * (a column each for age, outcome and count) and the cross-tab layout (one
 * label column, one column per outcome or per age band).
 */
import {dsvFormat} from "d3-dsv";
import {mapAgeBand, mapOutcome} from "../mappings.js";
import {buildRecord, parseCount, type RecordContext} from "../record.js";
import type {TableLayout, TableResult} from "./tabbed.js";
import {cleanCell, isBlank} from "../text.js";
import {isAgeHeader, isOutcomeHeader, isTotalLabel, longRoles, type LongRoles} from "./header.js";

interface Splitter {
  layout: TableLayout;
  /** The line's cells, or null when the line is not a row of this layout. */
  split(line: string): string[] | null;
}

/** Separator lines of Markdown and ASCII-art tables ("|---|:--:|", "+----+----+"): no content. */
export const isRuleLine = (line: string): boolean =>
  /^\s*[|+]?(?:\s*:?[-=]{2,}:?\s*[|+])*\s*:?[-=]{2,}:?\s*[|+]?\s*$/.test(line);

function dsvSplitter(delimiter: string, layout: TableLayout): Splitter {
  const format = dsvFormat(delimiter);
  return {
    layout,
    split(line) {
      if (!line.includes(delimiter)) return null;
      // A lone quote would make d3-dsv read to the end of the text; a row is one line, so take it literally.
      const quotesBalanced = (line.match(/"/g)?.length ?? 0) % 2 === 0;
      const cells = quotesBalanced ? (format.parseRows(line)[0] ?? []) : line.split(delimiter);
      return trimTrailingEmpty(cells.map(cleanCell));
    }
  };
}

/** Spreadsheets often leave empty cells at the end of a row; they carry nothing. */
function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return cells.slice(0, end);
}

const SPLITTERS: Splitter[] = [
  {
    layout: "pipe table",
    split(line) {
      if (!line.includes("|")) return null;
      const inner = line
        .trim()
        .replace(/^\|/, "")
        .replace(/(?<!\\)\|$/, "");
      return inner.split(/(?<!\\)\|/).map((c) => cleanCell(c.replace(/\\\|/g, "|")));
    }
  },
  dsvSplitter("\t", "tab-separated rows"),
  dsvSplitter(",", "comma-separated rows"),
  dsvSplitter(";", "semicolon-separated rows"),
  {
    layout: "space-aligned columns",
    split(line) {
      const cells = line
        .trim()
        .split(/\s{2,}|\t/)
        .map(cleanCell);
      return cells.length >= 2 ? cells : null;
    }
  }
];

interface WideRoles {
  kind: "wide";
  /** The label column: age bands down the side (outcomes across) or outcomes down the side (ages across). */
  label: number;
  down: "age" | "outcome";
  /** Columns holding counts (not the label, not a totals column). */
  values: number[];
  total: number | null;
}

type Roles = LongRoles | WideRoles;

/** A cross-tab header: a label column for age or outcome, and at least one other column that maps to the other. */
function wideRoles(cells: string[], ctx: RecordContext): WideRoles | null {
  const label = cells.findIndex((c) => isAgeHeader(c) || isOutcomeHeader(c));
  if (label < 0) return null;
  const down = isAgeHeader(cells[label]) ? "age" : "outcome";
  const others = cells.map((_, i) => i).filter((i) => i !== label);
  const total = others.find((i) => isTotalLabel(cells[i])) ?? null;
  const values = others.filter((i) => i !== total && cells[i] !== "");
  const maps = (c: string) =>
    down === "age" ? mapOutcome(ctx.mappings, c) !== null : mapAgeBand(ctx.mappings, c) !== "unknown";
  return values.some((i) => maps(cells[i])) ? {kind: "wide", label, down, values, total} : null;
}

/** Header rows are short labels, not prose split at its commas. */
function looksLikeHeader(cells: string[]): boolean {
  return cells.length >= 2 && cells.length <= 16 && cells.every((c) => c.length <= 50 && !/[?]$/.test(c));
}

function findHeader(
  lines: string[],
  ctx: RecordContext
): {index: number; splitter: Splitter; cells: string[]; roles: Roles} | null {
  for (let index = 0; index < lines.length; index++) {
    if (lines[index].startsWith("\t") && !/\S\t/.test(lines[index])) continue; // the tab-indented layout's own cells
    for (const splitter of SPLITTERS) {
      const cells = splitter.split(lines[index]);
      if (!cells || !looksLikeHeader(cells)) continue;
      const roles = (cells.length >= 3 ? longRoles(cells) : null) ?? wideRoles(cells, ctx);
      if (roles) return {index, splitter, cells, roles};
    }
  }
  return null;
}

const NUMBERED_HEADING = /^\s*\d{1,2}\s*[.)]\s/;
/** Cells a cross-tab leaves for "none": not a count, not a record. */
const EMPTY_CELL = /^(?:|-|–|—|n\/?a)$/i;

/** Reads the first table written one row per line, or returns null when there is none. */
export function parseRowTable(lines: string[], ctx: RecordContext): TableResult | null {
  const header = findHeader(lines, ctx);
  if (!header) return null;
  const {splitter, roles} = header;
  const width = header.cells.length;
  const result: TableResult = {
    records: [],
    total: null,
    totalLine: null,
    warnings: [],
    headerLine: header.index + 1,
    layout: roles.kind === "wide" ? "cross-tab" : splitter.layout
  };
  let blankSinceRow = false;
  for (let i = header.index + 1; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) {
      blankSinceRow = true;
      continue;
    }
    if (isRuleLine(line)) continue;
    const cells = splitter.split(line);
    // The table ends where prose starts: a line that is not a row, a numbered answer, or a row of another shape after a gap.
    if (!cells || cells.length < 2 || NUMBERED_HEADING.test(line)) break;
    if (cells.length !== width && blankSinceRow) break;
    blankSinceRow = false;
    if (cells.length < width && isTotalLabel(cells[0]) && parseCount(cells[cells.length - 1])) {
      // A totals row whose empty cells a PDF or a hand-made table dropped: its last number is the total.
      readTotal(cells[cells.length - 1], i + 1, line, ctx, result);
      continue;
    }
    if (
      cells.length > width ||
      (cells.length < width && roles.kind === "long" && cells.length <= Math.max(roles.age, roles.outcome, roles.count))
    ) {
      result.warnings.push({
        file: ctx.file,
        line: i + 1,
        message: `row of ${cells.length} cells where the header has ${width}; not read`,
        text: line
      });
      continue;
    }
    if (cells.every((c) => c === "")) continue;
    if (cells.join("\u0000").toLowerCase() === header.cells.join("\u0000").toLowerCase()) continue; // a header repeated on a new page
    if (roles.kind === "long") readLongRow(cells, roles, i + 1, line, ctx, result);
    else readWideRow(cells, header.cells, roles, i + 1, line, ctx, result);
  }
  return result;
}

function readLongRow(
  cells: string[],
  roles: LongRoles,
  line: number,
  lineText: string,
  ctx: RecordContext,
  result: TableResult
): void {
  const age = cells[roles.age] ?? "",
    outcome = cells[roles.outcome] ?? "",
    count = cells[roles.count] ?? "";
  if (isTotalLabel(age) || isTotalLabel(outcome)) return readTotal(count, line, lineText, ctx, result);
  if (isBlank(age) && isBlank(outcome) && parseCount(count)?.count != null)
    return readTotal(count, line, lineText, ctx, result);
  const built = buildRecord({ageRaw: age, outcomeRaw: outcome, countRaw: count, line, firstLine: line, lineText}, ctx);
  result.records.push(built.record);
  result.warnings.push(...built.warnings);
}

/** A totals row: its number becomes the table's total; a withheld total is noted as such; anything else is reported. */
function readTotal(countRaw: string, line: number, lineText: string, ctx: RecordContext, result: TableResult): void {
  const parsed = parseCount(countRaw);
  if (parsed?.count != null) {
    result.total = parsed.count;
    result.totalLine = line;
  } else if (!parsed) {
    result.warnings.push({
      file: ctx.file,
      line,
      message: `totals row's number "${cleanCell(countRaw)}" is not a number; no total taken`,
      text: lineText
    });
  }
}

function readWideRow(
  cells: string[],
  headerCells: string[],
  roles: WideRoles,
  line: number,
  lineText: string,
  ctx: RecordContext,
  result: TableResult
): void {
  const label = cells[roles.label] ?? "";
  if (isTotalLabel(label) || isBlank(label)) {
    // The grand total is the totals column of the totals row, or else the sum of its cells.
    const totalCell = roles.total == null ? null : (cells[roles.total] ?? "");
    const sum = roles.values.map((j) => parseCount(cells[j] ?? "")?.count ?? null);
    const grand =
      totalCell != null ? totalCell : sum.every((n) => n != null) ? String(sum.reduce((a, b) => a! + b!, 0)) : "*";
    if (isTotalLabel(label) || parseCount(grand)?.count != null) return readTotal(grand, line, lineText, ctx, result);
  }
  let rowSum = 0;
  for (const j of roles.values) {
    const countRaw = cells[j] ?? "";
    if (EMPTY_CELL.test(countRaw)) continue;
    const [ageRaw, outcomeRaw] = roles.down === "age" ? [label, headerCells[j]] : [headerCells[j], label];
    const built = buildRecord({ageRaw, outcomeRaw, countRaw, line, firstLine: line, lineText}, ctx);
    result.records.push(built.record);
    result.warnings.push(...built.warnings);
    rowSum += built.record.count ?? 0;
  }
  // A row's own total that disagrees with its cells is worth a reader's look.
  const stated = roles.total == null ? null : parseCount(cells[roles.total] ?? "");
  if (
    stated?.count != null &&
    stated.count !== rowSum &&
    !result.records.some((r) => r.line === line && r.count == null)
  ) {
    result.warnings.push({
      file: ctx.file,
      line,
      message: `the row's total says ${stated.count} but its cells add up to ${rowSum}`,
      text: lineText
    });
  }
}
