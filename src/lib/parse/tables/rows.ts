/**
 * Tables written one row per line: pipe and Markdown tables, tab-, comma- or
 * semicolon-separated rows (CSV and TSV files, and the text extracted from Word
 * and PDF files), and columns aligned with spaces. Reads both the long layout
 * (a column each for age, outcome and count) and the cross-tab layout (one
 * label column, one column per outcome or per age band).
 */
import {mapAgeBand, mapOutcome} from "../mappings.js";
import {buildRecord, parseCount, type RecordContext, type RowInput} from "../record.js";
import type {TableLayout, TableResult} from "./tabbed.js";
import {cleanCell, isBlank} from "../../core/text.js";
import {splitDelimitedRow} from "./delimited.js";
import {
  columnRole,
  extraKey,
  extraValues,
  isAgeHeader,
  isOutcomeHeader,
  isTotalLabel,
  longRoles,
  marginRoles,
  type ExtraColumn,
  type LongRoles,
  type MarginRoles
} from "./header.js";

/** A row's cells (cleaned), the 1-based line of each, and how many lines it spans. */
interface Row {
  cells: string[];
  cellLines: number[];
  span: number;
}

interface Splitter {
  layout: TableLayout;
  /** The cells of the row starting at `lines[index]`, or null when the line is not a row of this layout. */
  split(lines: readonly string[], index: number, maxCells?: number): Row | null;
}

/** Separator lines of Markdown and ASCII-art tables ("|---|:--:|", "+----+----+"): no content. */
export const isRuleLine = (line: string): boolean =>
  /^\s*[|+]?(?:\s*:?[-=]{2,}:?\s*[|+])*\s*:?[-=]{2,}:?\s*[|+]?\s*$/.test(line);

const oneLine = (cells: string[], index: number): Row => ({cells, cellLines: cells.map(() => index + 1), span: 1});

/** Delimited rows; a quoted cell may hold the delimiter and line breaks (the row then spans lines). */
function dsvSplitter(delimiter: string, layout: TableLayout): Splitter {
  return {
    layout,
    split(lines, index, maxCells) {
      const row = splitDelimitedRow(lines, index, delimiter, maxCells);
      if (!row) return null;
      const cells = trimTrailingEmpty(row.cells.map(cleanCell));
      return {cells, cellLines: row.cellLines.slice(0, cells.length), span: row.span};
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
    split(lines, index) {
      const line = lines[index];
      if (!line.includes("|")) return null;
      const inner = line
        .trim()
        .replace(/^\|/, "")
        .replace(/(?<!\\)\|$/, "");
      return oneLine(
        inner.split(/(?<!\\)\|/).map((c) => cleanCell(c.replace(/\\\|/g, "|"))),
        index
      );
    }
  },
  dsvSplitter("\t", "tab-separated rows"),
  dsvSplitter(",", "comma-separated rows"),
  dsvSplitter(";", "semicolon-separated rows"),
  {
    layout: "space-aligned columns",
    split(lines, index) {
      const cells = lines[index]
        .trim()
        .split(/\s{2,}|\t/)
        .map(cleanCell);
      return cells.length >= 2 ? oneLine(cells, index) : null;
    }
  }
];

interface WideRoles {
  kind: "wide";
  /** The label column: age bands down the side (outcomes across) or outcomes down the side (ages across). */
  label: number;
  down: "age" | "outcome";
  /** Columns holding counts (not the label, not a totals column, not another named column). */
  values: number[];
  total: number | null;
  extras: ExtraColumn[];
}

type Roles = LongRoles | WideRoles | MarginRoles;

/**
 * A cross-tab header: a label column for age or outcome, and at least one other
 * column that maps to the other. Columns named as something else (a year, a
 * department) are kept as extras; other unmapped columns are read as counts
 * (an outcome the mappings do not know yet, reported).
 */
function wideRoles(cells: string[], ctx: RecordContext): WideRoles | null {
  const label = cells.findIndex((c) => isAgeHeader(c) || isOutcomeHeader(c));
  if (label < 0) return null;
  const down = isAgeHeader(cells[label]) ? "age" : "outcome";
  const maps = (c: string) =>
    down === "age" ? mapOutcome(ctx.mappings, c) !== null : mapAgeBand(ctx.mappings, c) !== "unknown";
  const others = cells.map((_, i) => i).filter((i) => i !== label);
  const total = others.find((i) => isTotalLabel(cells[i])) ?? null;
  const extra = others.filter(
    (i) =>
      i !== total &&
      !maps(cells[i]) &&
      (columnRole(cells[i]) === "extra" || isAgeHeader(cells[i]) || isOutcomeHeader(cells[i]))
  );
  const values = others.filter((i) => i !== total && cells[i] !== "" && !extra.includes(i));
  if (!values.some((i) => maps(cells[i]))) return null;
  const extras = extra.map((index) => ({index, key: extraKey(cells[index])}));
  return {kind: "wide", label, down, values, total, extras};
}

/** Header rows are short labels, not prose split at its commas. */
function looksLikeHeader(cells: string[]): boolean {
  return cells.length >= 2 && cells.length <= 16 && cells.every((c) => c.length <= 50 && !/[?]$/.test(c));
}

/** The roles of a header row's cells, or null when they are not a header. */
function headerRoles(cells: string[], ctx: RecordContext): Roles | null {
  if (!looksLikeHeader(cells)) return null;
  // Cross-tab first: its outcome columns ("Management action", "No case to answer") could pass for a long table's names.
  return wideRoles(cells, ctx) ?? (cells.length >= 3 ? longRoles(cells) : null) ?? marginRoles(cells);
}

interface Header {
  index: number;
  span: number;
  splitter: Splitter;
  cells: string[];
  roles: Roles;
}

/** The first header row at or after `from`: a cross-tab's, a long table's, or a margin table's. */
function findHeader(lines: readonly string[], ctx: RecordContext, from: number): Header | null {
  for (let index = from; index < lines.length; index++) {
    if (lines[index].startsWith("\t") && !/\S\t/.test(lines[index])) continue; // the tab-indented layout's own cells
    for (const splitter of SPLITTERS) {
      const row = splitter.split(lines, index, 16);
      if (!row) continue;
      const roles = headerRoles(row.cells, ctx);
      if (roles) return {index, span: row.span, splitter, cells: row.cells, roles};
    }
  }
  return null;
}

const NUMBERED_HEADING = /^\s*\d{1,2}\s*[.)]\s/;
/** Cells a cross-tab leaves for "none": not a count, not a record. */
const EMPTY_CELL = /^(?:|-|–|—|n\/?a)$/i;

/** What a row was read from: its cells and lines, for building records with the right lines. */
interface RowAt extends Row {
  index: number;
  text: string;
}

/**
 * Reads the first table at or after line `from` (0-based) written one row per
 * line, or returns null when there is none. A table of one margin (ages alone,
 * or outcomes alone) is read too, and marked so.
 */
export function parseRowTable(lines: readonly string[], ctx: RecordContext, from = 0): TableResult | null {
  const header = findHeader(lines, ctx, from);
  if (!header) return null;
  const {splitter, roles} = header;
  const width = header.cells.length;
  const result: TableResult = {
    records: [],
    total: null,
    totalLine: null,
    warnings: [],
    headerLine: header.index + 1,
    endLine: header.index + header.span,
    layout: roles.kind === "wide" ? "cross-tab" : splitter.layout,
    ...(roles.kind === "margin" ? {margin: roles.by} : {})
  };
  let blankSinceRow = false;
  for (let i = header.index + header.span; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) {
      blankSinceRow = true;
      continue;
    }
    if (isRuleLine(line)) continue;
    const split = splitter.split(lines, i, width);
    // The table ends where prose starts: a line that is not a row, a numbered answer, or a row of another shape after a gap.
    if (!split || split.cells.length < 2 || NUMBERED_HEADING.test(line)) break;
    const row: RowAt = {...split, index: i, text: lines.slice(i, i + split.span).join("\n")};
    const cells = row.cells;
    if (cells.length !== width && blankSinceRow) break;
    blankSinceRow = false;
    i += split.span - 1;
    result.endLine = i + 1;
    if (cells.length < width && isTotalLabel(cells[0]) && parseCount(cells[cells.length - 1])) {
      // A totals row whose empty cells a PDF or a hand-made table dropped: its last number is the total.
      readTotal(cells[cells.length - 1], row.cellLines[cells.length - 1], row.text, ctx, result);
      continue;
    }
    const needed =
      roles.kind === "long"
        ? Math.max(roles.age, roles.outcome, roles.count)
        : roles.kind === "margin"
          ? Math.max(roles.label, roles.count)
          : 0;
    if (cells.length > width || (cells.length < width && roles.kind !== "wide" && cells.length <= needed)) {
      result.warnings.push({
        file: ctx.file,
        line: i + 1 - (split.span - 1),
        message: `row of ${cells.length} cells where the header has ${width}; not read`,
        text: row.text
      });
      continue;
    }
    if (cells.every((c) => c === "")) continue;
    if (cells.join("\u0000").toLowerCase() === header.cells.join("\u0000").toLowerCase()) continue; // a header repeated on a new page
    if (!cells.some((c) => parseCount(c) != null) && headerRoles(cells, ctx)) {
      // Another table's header (outcomes after ages), a row of labels with no count: this table ends before it.
      // A withheld count ("<5", "*") is a count too: "25-34, no further action, <5" is a row, not a header.
      result.endLine = i - split.span + 1;
      break;
    }
    if (roles.kind === "long") readLongRow(row, roles, ctx, result);
    else if (roles.kind === "margin") readMarginRow(row, roles, ctx, result);
    else readWideRow(row, header.cells, roles, ctx, result);
  }
  return result;
}

/** Builds a record from a row's cells, pointing at the line of its count and keeping the row's other columns. */
function addRecord(
  row: RowAt,
  countAt: number,
  input: Pick<RowInput, "ageRaw" | "outcomeRaw" | "notStated">,
  extras: ExtraColumn[],
  ctx: RecordContext,
  result: TableResult
): void {
  const built = buildRecord(
    {
      ...input,
      countRaw: row.cells[countAt] ?? "",
      line: row.cellLines[countAt] ?? row.index + 1,
      firstLine: row.index + 1,
      lineText: row.text,
      extra: extraValues(row.cells, extras)
    },
    ctx
  );
  result.records.push(built.record);
  result.warnings.push(...built.warnings);
}

function readLongRow(row: RowAt, roles: LongRoles, ctx: RecordContext, result: TableResult): void {
  const {cells} = row;
  const age = cells[roles.age] ?? "",
    outcome = cells[roles.outcome] ?? "",
    count = cells[roles.count] ?? "";
  const countLine = row.cellLines[roles.count] ?? row.index + 1;
  if (isTotalLabel(age) || isTotalLabel(outcome)) return readTotal(count, countLine, row.text, ctx, result);
  if (isBlank(age) && isBlank(outcome) && parseCount(count)?.count != null)
    return readTotal(count, countLine, row.text, ctx, result);
  addRecord(row, roles.count, {ageRaw: age, outcomeRaw: outcome}, roles.extras, ctx, result);
}

/** A row of a table of ages alone (outcome not stated) or of outcomes alone (age not stated). */
function readMarginRow(row: RowAt, roles: MarginRoles, ctx: RecordContext, result: TableResult): void {
  const label = row.cells[roles.label] ?? "",
    count = row.cells[roles.count] ?? "";
  if (isTotalLabel(label) || (isBlank(label) && parseCount(count)?.count != null))
    return readTotal(count, row.cellLines[roles.count] ?? row.index + 1, row.text, ctx, result);
  const input =
    roles.by === "age"
      ? {ageRaw: label, outcomeRaw: "", notStated: "outcome" as const}
      : {ageRaw: "", outcomeRaw: label, notStated: "age" as const};
  addRecord(row, roles.count, input, roles.extras, ctx, result);
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
  row: RowAt,
  headerCells: string[],
  roles: WideRoles,
  ctx: RecordContext,
  result: TableResult
): void {
  const {cells} = row;
  const line = row.index + 1;
  const label = cells[roles.label] ?? "";
  if (isTotalLabel(label) || isBlank(label)) {
    // The grand total is the totals column of the totals row, or else the sum of its cells.
    const totalCell = roles.total == null ? null : (cells[roles.total] ?? "");
    const sum = roles.values.map((j) => parseCount(cells[j] ?? "")?.count ?? null);
    const grand =
      totalCell != null ? totalCell : sum.every((n) => n != null) ? String(sum.reduce((a, b) => a! + b!, 0)) : "*";
    const totalLine = roles.total == null ? line : (row.cellLines[roles.total] ?? line);
    if (isTotalLabel(label) || parseCount(grand)?.count != null)
      return readTotal(grand, totalLine, row.text, ctx, result);
  }
  let rowSum = 0;
  const before = result.records.length;
  for (const j of roles.values) {
    const countRaw = cells[j] ?? "";
    if (EMPTY_CELL.test(countRaw)) continue;
    const [ageRaw, outcomeRaw] = roles.down === "age" ? [label, headerCells[j]] : [headerCells[j], label];
    addRecord(row, j, {ageRaw, outcomeRaw}, roles.extras, ctx, result);
    rowSum += result.records[result.records.length - 1].count ?? 0;
  }
  // A row's own total that disagrees with its cells is worth a reader's look.
  const stated = roles.total == null ? null : parseCount(cells[roles.total] ?? "");
  if (stated?.count != null && stated.count !== rowSum && !result.records.slice(before).some((r) => r.count == null)) {
    result.warnings.push({
      file: ctx.file,
      line,
      message: `the row's total says ${stated.count} but its cells add up to ${rowSum}`,
      text: row.text
    });
  }
}
