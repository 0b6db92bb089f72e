/**
 * Reading one reply's text into records, answers, fields and checks. Formats
 * other than plain text are turned into text first (src/lib/node/extract.ts),
 * so that every number keeps a line to be traced back to.
 */
import {extractFields, nilStatus, parseAnswers} from "./answers.js";
import {parseRowTable} from "./tables/rows.js";
import type {Mappings} from "./mappings.js";
import {impliedTotalCheck, reconcile} from "./reconcile.js";
import {parseTabbedTable, type TableResult} from "./tables/tabbed.js";
import {ReplyError, splitLines} from "./text.js";
import type {ParsedReply, ReplyFormat, ReplyMeta, TextSource} from "../types.js";

export interface ReplyInput {
  /** Path shown to readers, relative to `data/` (e.g. "responses/leicester-city-council-2016.txt"). */
  file: string;
  text: string;
  meta: ReplyMeta | null;
  mappings: Mappings;
  /** The file's format and where its text came from; plain text as received when absent. */
  source?: {format: ReplyFormat; encoding: string | null; textSource: TextSource};
}

/** The first table in the reply, in whichever layout it comes: Leicester's tab-indented cells first, then one row per line. */
function findTable(lines: string[], ctx: Parameters<typeof parseTabbedTable>[1]): TableResult | null {
  const tabbed = parseTabbedTable(lines, ctx);
  const rows = parseRowTable(lines, ctx);
  if (tabbed && rows) return rows.headerLine < tabbed.headerLine ? rows : tabbed;
  return tabbed ?? rows;
}

export function parseReplyText(input: ReplyInput): ParsedReply {
  const {file, text, meta, mappings} = input;
  const source = {...(input.source ?? {format: "text" as const, encoding: null, textSource: "as received" as const})};
  const authority = meta?.authority ?? file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const lines = splitLines(text);
  const answers = parseAnswers(lines);
  const fields = extractFields(lines, answers);
  const base = {file, authority, meta, answers, fields, source: {...source, lineCount: lines.length}};
  const table = findTable(lines, {file, authority, mappings, textSource: source.textSource});
  if (!table) {
    const nil = nilStatus(lines, fields);
    if (nil) {
      return {
        ...base,
        status: "nil",
        statusDetail: nil.detail,
        nilReason: nil.reason,
        records: [],
        checks: reconcile([], fields),
        infoChecks: [impliedTotalCheck(fields)],
        warnings: [],
        table: null
      };
    }
    const where = answers[8]?.startLine ?? answers[6]?.startLine ?? null;
    const extracted = source.textSource === "as received" ? "" : ` in the text ${source.textSource}`;
    throw new ReplyError(
      file,
      where,
      `no table of age group, outcome and number of employees was found${extracted} (expected a header row naming them)`
    );
  }
  fields.tableTotal = table.total;
  fields.tableTotalLine = table.totalLine;
  return {
    ...base,
    status: "ok",
    records: table.records,
    checks: reconcile(table.records, fields),
    infoChecks: [impliedTotalCheck(fields)],
    warnings: table.warnings,
    table: {layout: table.layout ?? "tab-indented cells", headerLine: table.headerLine}
  };
}
