/**
 * The layout of Leicester's reply: a table pasted from Word as one cell per
 * line, each indented by a tab, rows separated by blank lines, a header row
 * first and a totals row (blank labels, a number) last.
 */
import {buildRecord, parseCount, type RecordContext} from "../record.js";
import {extraValues, isTotalLabel, longRoles, marginRoles, type LongRoles, type MarginRoles} from "./header.js";
import {cleanCell, isBlank} from "../../core/text.js";
import type {CaseRecord, Warning} from "../../core/types.js";

interface Cell {
  text: string;
  line: number;
}

export interface TableResult {
  records: CaseRecord[];
  total: number | null;
  totalLine: number | null;
  warnings: Warning[];
  /** 1-based line of the header row, so callers know where the table stands. */
  headerLine: number;
  /** 1-based last line of the table, so the search for another table can start after it. */
  endLine: number;
  /** How the table was laid out: one cell per tab-indented line, one row per line, a cross-tab, or sentences. */
  layout?: TableLayout;
  /** For a table of one margin: "age" (ages alone; its records' outcome is "not stated") or "outcome" (outcomes alone). */
  margin?: "age" | "outcome";
}

export type TableLayout =
  | "tab-indented cells"
  | "pipe table"
  | "tab-separated rows"
  | "comma-separated rows"
  | "semicolon-separated rows"
  | "space-aligned columns"
  | "cross-tab"
  | "prose";

/** Groups consecutive tab-indented lines from line `from` (0-based) into blocks (one block = one table row). */
function tabBlocks(lines: readonly string[], from: number): Cell[][] {
  const blocks: Cell[][] = [];
  let current: Cell[] | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("\t")) {
      (current ??= []).push({text: cleanCell(line), line: i + 1});
    } else if (current) {
      blocks.push(current);
      current = null;
    }
  }
  if (current) blocks.push(current);
  return blocks;
}

function columnRoles(header: Cell[]): LongRoles | MarginRoles | null {
  const texts = header.map((c) => c.text);
  return (header.length >= 3 ? longRoles(texts) : null) ?? (header.length >= 2 ? marginRoles(texts) : null);
}

/** Reads the first tab-indented table at or after line `from` (0-based), or returns null when there is none. */
export function parseTabbedTable(lines: readonly string[], ctx: RecordContext, from = 0): TableResult | null {
  const blocks = tabBlocks(lines, from);
  const headerIndex = blocks.findIndex((b) => columnRoles(b) !== null);
  if (headerIndex < 0) return null;
  const header = blocks[headerIndex];
  const roles = columnRoles(header)!;
  const result: TableResult = {
    records: [],
    total: null,
    totalLine: null,
    warnings: [],
    headerLine: header[0].line,
    endLine: header[header.length - 1].line,
    layout: "tab-indented cells"
  };
  if (roles.kind === "margin") result.margin = roles.by;
  const [ageAt, outcomeAt] =
    roles.kind === "long" ? [roles.age, roles.outcome] : roles.by === "age" ? [roles.label, -1] : [-1, roles.label];
  for (const block of blocks.slice(headerIndex + 1)) {
    if (columnRoles(block)) break; // the header of the next table
    result.endLine = block[block.length - 1].line;
    if (block.every((c) => isBlank(c.text))) continue; // a spacer row: no content to lose
    if (block.length !== header.length) {
      result.warnings.push({
        file: ctx.file,
        line: block[0].line,
        message: `row of ${block.length} cells where the header has ${header.length}; not read`,
        text: block.map((c) => c.text).join(" | ")
      });
      continue;
    }
    const none = {text: "", line: block[0].line};
    const age = block[ageAt] ?? none,
      outcome = block[outcomeAt] ?? none,
      count = block[roles.count];
    const labelsBlank = isBlank(age.text) && isBlank(outcome.text);
    const saysTotal = isTotalLabel(age.text) || isTotalLabel(outcome.text);
    if (labelsBlank || saysTotal) {
      const parsed = parseCount(count.text);
      if (parsed?.count != null) {
        result.total = parsed.count;
        result.totalLine = count.line;
        continue;
      }
    }
    const {record, warnings} = buildRecord(
      {
        ageRaw: age.text,
        outcomeRaw: outcome.text,
        countRaw: count.text,
        line: count.line,
        firstLine: block[0].line,
        lineText: lines.slice(block[0].line - 1, block[block.length - 1].line).join("\n"),
        extra: extraValues(
          block.map((c) => c.text),
          roles.extras
        ),
        ...(roles.kind === "margin" ? {notStated: roles.by === "age" ? ("outcome" as const) : ("age" as const)} : {})
      },
      ctx
    );
    result.records.push(record);
    result.warnings.push(...warnings);
  }
  return result;
}
