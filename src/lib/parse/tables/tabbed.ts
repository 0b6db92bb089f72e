/**
 * The layout of Leicester's reply: a table pasted from Word as one cell per
 * line, each indented by a tab, rows separated by blank lines, a header row
 * first and a totals row (blank labels, a number) last.
 */
import {buildRecord, parseCount, type RecordContext} from "../record.js";
import {isTotalLabel, longRoles, type LongRoles} from "./header.js";
import {cleanCell, isBlank} from "../text.js";
import type {CaseRecord, Warning} from "../../types.js";

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
  /** How the table was laid out: one cell per tab-indented line, one row per line, or a cross-tab. */
  layout?: TableLayout;
}

export type TableLayout =
  | "tab-indented cells"
  | "pipe table"
  | "tab-separated rows"
  | "comma-separated rows"
  | "semicolon-separated rows"
  | "space-aligned columns"
  | "cross-tab";

/** Groups consecutive tab-indented lines into blocks (one block = one table row). */
function tabBlocks(lines: string[]): Cell[][] {
  const blocks: Cell[][] = [];
  let current: Cell[] | null = null;
  lines.forEach((line, i) => {
    if (line.startsWith("\t")) {
      (current ??= []).push({text: cleanCell(line), line: i + 1});
    } else if (current) {
      blocks.push(current);
      current = null;
    }
  });
  if (current) blocks.push(current);
  return blocks;
}

function columnRoles(header: Cell[]): LongRoles | null {
  return header.length >= 3 ? longRoles(header.map((c) => c.text)) : null;
}

/** Reads the tab-indented table, or returns null when the reply has none. */
export function parseTabbedTable(lines: string[], ctx: RecordContext): TableResult | null {
  const blocks = tabBlocks(lines);
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
    layout: "tab-indented cells"
  };
  for (const block of blocks.slice(headerIndex + 1)) {
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
    const age = block[roles.age],
      outcome = block[roles.outcome],
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
        lineText: lines.slice(block[0].line - 1, block[block.length - 1].line).join("\n")
      },
      ctx
    );
    result.records.push(record);
    result.warnings.push(...warnings);
  }
  return result;
}
