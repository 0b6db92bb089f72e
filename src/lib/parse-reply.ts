/**
 * Reading one reply's text into records, answers, fields and checks. Formats
 * other than plain text are turned into text first, so that every number keeps
 * a line to be traced back to.
 */
import {extractFields, parseAnswers} from "./answers.js";
import type {Mappings} from "./mappings.js";
import {reconcile} from "./reconcile.js";
import {parseTabbedTable} from "./tabbed-table.js";
import {ReplyError, splitLines} from "./text.js";
import type {ParsedReply, ReplyMeta} from "./types.js";

export interface ReplyInput {
  /** Path shown to readers, relative to `data/` (e.g. "responses/leicester-city-council-2016.txt"). */
  file: string;
  text: string;
  meta: ReplyMeta | null;
  mappings: Mappings;
}

export function parseReplyText(input: ReplyInput): ParsedReply {
  const {file, text, meta, mappings} = input;
  const authority = meta?.authority ?? file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const lines = splitLines(text);
  const answers = parseAnswers(lines);
  const fields = extractFields(lines, answers);
  const table = parseTabbedTable(lines, {file, authority, mappings});
  if (!table) {
    if (fields.investigated === 0) {
      return {file, authority, meta, status: "nil", statusDetail: "the reply says no employee was investigated", records: [], answers, fields, checks: reconcile([], fields), warnings: []};
    }
    const where = answers[8]?.startLine ?? answers[6]?.startLine ?? null;
    throw new ReplyError(file, where, "no table of age group, outcome and number of employees was found (expected a header row naming them)");
  }
  fields.tableTotal = table.total;
  fields.tableTotalLine = table.totalLine;
  return {file, authority, meta, status: "ok", records: table.records, answers, fields, checks: reconcile(table.records, fields), warnings: table.warnings};
}
