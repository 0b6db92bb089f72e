/**
 * Reading one reply's text into records, answers, fields, checks and a status.
 * Formats other than plain text are turned into text first (src/lib/read/extract.ts),
 * so that every number keeps a line to be traced back to.
 *
 * The figures are looked for in this order: a table of age, outcome and count
 * (tab-indented cells, or one row per line); tables of ages alone and of
 * outcomes alone (the two margins); sentences. A reply with none of these says
 * why (no one investigated, refused, not held), or it is an error.
 */
import {extractFields, parseAnswers} from "./answers.js";
import {applyFootnotes} from "./footnotes.js";
import type {Mappings} from "./mappings.js";
import {impliedTotalCheck, replyChecks} from "./reconcile.js";
import {findRefusal, noRecordsStatus, questionLines, refusalDetail} from "./status.js";
import {ageEntries, marginRecords, marginsOfTables, outcomeEntries} from "./tables/margins.js";
import {parseProse} from "./tables/prose.js";
import {parseRowTable} from "./tables/rows.js";
import {parseTabbedTable, type TableResult} from "./tables/tabbed.js";
import {ReplyError, splitLines} from "./text.js";
import {verdictOf} from "./verdict.js";
import type {
  Answer,
  CaseRecord,
  Margins,
  ParsedReply,
  ReplyFields,
  ReplyFormat,
  ReplyMeta,
  TextSource,
  Warning
} from "../types.js";
import type {RecordContext} from "./record.js";

export interface ReplyInput {
  /** Path shown to readers, relative to `data/` (e.g. "responses/leicester-city-council-2016.txt"). */
  file: string;
  text: string;
  meta: ReplyMeta | null;
  mappings: Mappings;
  /** The file's format and where its text came from; plain text as received when absent. */
  source?: {format: ReplyFormat; encoding: string | null; textSource: TextSource};
}

/** The first table at or after line `from` (0-based), in whichever layout it comes. */
function firstTable(lines: string[], ctx: RecordContext, from: number): TableResult | null {
  const tabbed = parseTabbedTable(lines, ctx, from);
  const rows = parseRowTable(lines, ctx, from);
  if (tabbed && rows) return rows.headerLine < tabbed.headerLine ? rows : tabbed;
  return tabbed ?? rows;
}

/**
 * The reply's table of age, outcome and count, and the tables of one margin
 * before it (a reply giving ages and outcomes apart has two; a table of both
 * ends the search). A margin table with nothing under it is no table.
 */
function readTables(lines: string[], ctx: RecordContext): {main: TableResult | null; margins: TableResult[]} {
  const margins: TableResult[] = [];
  let from = 0;
  for (let k = 0; k < 8 && from < lines.length; k++) {
    const table = firstTable(lines, ctx, from);
    if (!table) break;
    if (!table.margin) return {main: table, margins};
    if (table.records.length || table.total != null) margins.push(table);
    from = Math.max(table.endLine, table.headerLine);
  }
  return {main: null, margins};
}

/** What was read of the figures, wherever they were. */
export interface Figures {
  records: CaseRecord[];
  warnings: Warning[];
  table: {layout: string; headerLine: number} | null;
  total: number | null;
  totalLine: number | null;
  margins?: Margins;
}

/** Reads the figures from tables, or else from sentences; null when the reply gives none. */
export function readFigures(lines: string[], answers: Record<string, Answer>, ctx: RecordContext): Figures | null {
  const {main, margins: sides} = readTables(lines, ctx);
  for (const t of [main, ...sides]) if (t) applyFootnotes(lines, t.records);
  if (main || sides.length) {
    const margins = sides.length ? marginsOfTables(sides) : undefined;
    const first = main && (!sides.length || main.headerLine < sides[0].headerLine) ? main : sides[0];
    const layout = main
      ? (main.layout ?? "tab-indented cells")
      : `${first.layout ?? "tab-indented cells"}, ages and outcomes apart`;
    const fromSide = sides.find((t) => t.margin === (margins?.ageBand ? "age" : "outcome"));
    return {
      records: main
        ? main.records
        : marginRecords(
            sides.filter((t) => t.margin === "age").flatMap((t) => t.records),
            sides.filter((t) => t.margin === "outcome").flatMap((t) => t.records)
          ),
      warnings: [main, ...sides].flatMap((t) => t?.warnings ?? []),
      table: {layout, headerLine: first.headerLine},
      total: main ? main.total : (fromSide?.total ?? null),
      totalLine: main ? main.totalLine : (fromSide?.totalLine ?? null),
      ...(margins ? {margins} : {})
    };
  }
  const prose = parseProse(lines, ctx, questionLines(lines, answers));
  if (!prose) return null;
  applyFootnotes(lines, [...prose.records, ...prose.ages, ...prose.outcomes]);
  // Beside counts of both, a count of one side is one more employee unless the sentence sums up ("in total").
  const extra = (side: CaseRecord[]) => (prose.records.length ? side.filter((r) => !prose.summaries.has(r)) : []);
  const ages = prose.ages.filter((r) => !extra(prose.ages).includes(r));
  const outcomes = prose.outcomes.filter((r) => !extra(prose.outcomes).includes(r));
  const margins: Margins = {};
  if (ages.length) margins.ageBand = ageEntries(ages);
  if (outcomes.length) margins.outcome = outcomeEntries(outcomes);
  const records = prose.records.length
    ? [...prose.records, ...extra(prose.ages), ...extra(prose.outcomes)].sort((a, b) => a.line - b.line)
    : marginRecords(ages, outcomes);
  return {
    records,
    warnings: prose.warnings,
    table: {layout: "prose", headerLine: prose.headerLine},
    total: null,
    totalLine: null,
    ...(margins.ageBand || margins.outcome ? {margins} : {})
  };
}

/** The reply's status from what was read: records (with or without a refusal of other questions), or the reason there are none. */
function statusOf(
  lines: string[],
  answers: Record<string, Answer>,
  fields: ReplyFields,
  records: CaseRecord[]
): Pick<ParsedReply, "status" | "statusDetail" | "statusLine" | "refusal" | "nilReason"> | null {
  if (records.length) {
    const refusal = findRefusal(lines, answers, true);
    if (!refusal) return {status: "ok"};
    return {status: "partial", statusDetail: `records read; ${refusalDetail(refusal)} (line ${refusal.line})`, refusal};
  }
  const none = noRecordsStatus(lines, answers, fields);
  if (!none) return null;
  if (none.status === "nil" && fields.investigated == null && none.line != null) {
    // "No employees have been investigated" outside answer 5 is the number investigated: 0.
    fields.investigated = 0;
    fields.investigatedLine = none.line;
  }
  return {
    status: none.status,
    statusDetail: none.detail,
    statusLine: none.line,
    nilReason: none.reason,
    ...(none.refusal ? {refusal: none.refusal} : {})
  };
}

export function parseReplyText(input: ReplyInput): ParsedReply {
  const {file, text, meta, mappings} = input;
  const source = {...(input.source ?? {format: "text" as const, encoding: null, textSource: "as received" as const})};
  const authority = meta?.authority ?? file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const lines = splitLines(text);
  const answers = parseAnswers(lines);
  const fields = extractFields(lines, answers);
  const base = {file, authority, meta, answers, fields, source: {...source, lineCount: lines.length}};
  let figures = readFigures(lines, answers, {file, authority, mappings, textSource: source.textSource});
  const sentenceWarnings: ParsedReply["warnings"] = [];
  if (figures?.table?.layout === "prose") {
    // A reply refusing the whole request (cost, vexatious) has no figures; numbers in its sentences describe the refusal.
    const whole = findRefusal(lines, answers, false);
    if (whole && (whole.sections.includes(12) || whole.sections.includes(14))) {
      sentenceWarnings.push({
        file,
        line: figures.table.headerLine,
        message: `sentences with numbers were not read as figures: the reply refuses the request under section ${whole.sections.includes(12) ? 12 : 14} (line ${whole.line})`
      });
      figures = null;
    }
  }
  const records = figures?.records ?? [];
  const status = statusOf(lines, answers, fields, records);
  if (!status && !figures) {
    const where = answers[8]?.startLine ?? answers[6]?.startLine ?? null;
    const extracted = source.textSource === "as received" ? "" : ` in the text ${source.textSource}`;
    throw new ReplyError(
      file,
      where,
      `no table of age group, outcome and number of employees was found${extracted} (expected a header row naming them)`
    );
  }
  if (figures) {
    fields.tableTotal = figures.total;
    fields.tableTotalLine = figures.totalLine;
  }
  const warnings = [...(figures?.warnings ?? []), ...sentenceWarnings];
  if (figures && !records.length && !status)
    warnings.push({file, line: figures.table?.headerLine ?? null, message: "the table has no rows"});
  const reply: ParsedReply = {
    ...base,
    ...(status ?? {status: "ok" as const}),
    records,
    checks: replyChecks(records, fields, figures?.margins),
    infoChecks: [impliedTotalCheck(fields)],
    warnings,
    table: figures?.table ?? null,
    ...(figures?.margins ? {margins: figures.margins} : {})
  };
  return {...reply, verdict: verdictOf(reply)};
}
