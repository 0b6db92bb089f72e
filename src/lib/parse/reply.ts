/**
 * Reading one reply's text into records, answers, fields, checks and a status.
 * Formats other than plain text are turned into text first (src/lib/extract/extract.ts),
 * so that every number keeps a line to be traced back to.
 *
 * The figures are looked for in this order: a table of age, outcome and count
 * (tab-indented cells, or one row per line); tables of ages alone and of
 * outcomes alone (the two margins); sentences. A reply with none of these says
 * why (no one investigated, refused, not held), or it is an error.
 */
import {extractFields, parseAnswers, type RequestQuestion} from "./answers.js";
import {applyFootnotes} from "./footnotes.js";
import type {Mappings} from "./mappings.js";
import {impliedTotalCheck, replyChecks} from "./reconcile.js";
import {findRefusal, noRecordsStatus, questionLines, refusalDetail} from "./reply-status.js";
import {ageEntries, marginRecords, marginsOfTables, outcomeEntries} from "./tables/margins.js";
import {parseProse} from "./tables/prose.js";
import {parseRowTable} from "./tables/rows.js";
import {parseTabbedTable, type TableResult} from "./tables/tabbed.js";
import {gridsOf} from "./tables/grids.js";
import {recordsKey, chooseTable} from "./tables/scope.js";
import {typedTables, unreadGrids, type TypeCache} from "./tables/typed.js";
import {sumCounts} from "../core/withheld.js";
import {splitLines} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import {verdictOf} from "./verdict.js";
import type {
  Answer,
  CaseRecord,
  Margins,
  ParsedReply,
  ReplyFields,
  ReplyFormat,
  ReplyMeta,
  ReplyStatus,
  TextSource,
  Warning
} from "../core/types.js";
import type {RecordContext} from "./record.js";

export interface ReplyInput {
  /** Path shown to readers, relative to `data/` (e.g. "responses/leicester-city-council-2016.txt"). */
  file: string;
  text: string;
  meta: ReplyMeta | null;
  mappings: Mappings;
  /** The file's format and where its text came from; plain text as received when absent. */
  source?: {format: ReplyFormat; encoding: string | null; textSource: TextSource};
  /** The request's questions (data/campaign/request.json), to tie answers to them by their words as well as numbers. */
  questions?: readonly RequestQuestion[];
  /**
   * The status a person gives the reply in its corrections file (action "status"), when
   * there is one: a letter the kit finds no figures and no status in is then read with no
   * records, and the corrections set the status, instead of the letter being unreadable.
   */
  statusByPerson?: ReplyStatus | null;
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
  /** Why the reading is in doubt although its totals agree (see ParsedReply.doubt). */
  doubt?: string;
}

/** Figures from a table of both sides, or from tables of one margin each (ages apart from outcomes). */
function figuresOfTables(lines: string[], main: TableResult | null, sides: TableResult[]): Figures | null {
  if (!main && !sides.length) return null;
  for (const t of [main, ...sides]) if (t) applyFootnotes(lines, t.records);
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

/** The figures read by header wording: the first table whose header names its columns, or else sentences. */
function figuresByHeader(lines: string[], answers: Record<string, Answer>, ctx: RecordContext): Figures | null {
  const {main, margins: sides} = readTables(lines, ctx);
  const tables = figuresOfTables(lines, main, sides);
  if (tables) return tables;
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

/**
 * The figures read by the types of their cells (tables/typed.ts): any
 * orientation, any column order, with or without a header. Of two tables of
 * the same kind, the council's employees are counted (tables/scope.ts).
 */
function figuresByType(
  lines: string[],
  ctx: RecordContext,
  investigated: number | null
): {figures: Figures | null; scope: Warning[]; unread: {startLine: number; endLine: number}[]} {
  const grids = gridsOf(lines);
  const cache: TypeCache = new Map(); // each cell typed once, for both
  const tables = typedTables(grids, ctx, cache);
  const unread = unreadGrids(grids, tables, ctx, cache);
  // A table of zeros has no records but a total of 0: a nil return written as a table.
  const full = tables.filter((t) => !t.margin && (t.records.length || t.total != null));
  if (full.length) {
    const {table, warnings} = chooseTable(lines, full, ctx.file, investigated);
    return {figures: figuresOfTables(lines, table, []), scope: warnings, unread};
  }
  const sides = tables.filter((t) => t.margin && (t.records.length || t.total != null));
  return {figures: figuresOfTables(lines, null, sides), scope: [], unread};
}

/**
 * Figures read from sentences on lines that are laid out as a table the kit
 * could not read ("• 25 - 34 – Dismissal – 1" in a form no reader knows) are a
 * guess about that table: whatever the totals say, a person should check.
 */
function guessOverTable(
  figures: Figures | null,
  unread: readonly {startLine: number; endLine: number}[]
): Figures | null {
  if (!figures || figures.table?.layout !== "prose") return figures;
  const lines = figures.records.map((r) => r.line);
  const grid = unread.find((g) => lines.some((l) => l >= g.startLine && l <= g.endLine));
  if (!grid) return figures;
  const doubt = `the figures were read from sentences, but lines ${grid.startLine} to ${grid.endLine} are laid out as a table the kit could not read; a person should check them against the reply`;
  return {
    ...figures,
    doubt,
    warnings: [...figures.warnings, {file: figures.records[0]?.file ?? "", line: grid.startLine, message: doubt}]
  };
}

/** True when a reading's rows agree with its own totals row or with answer 5, and neither disagrees. */
function confirmed(figures: Figures, investigated: number | null): boolean {
  const {min, max} = sumCounts(figures.records);
  const fits = (n: number | null) => n != null && n >= min && (max == null || n <= max);
  // Confirmed: at least one of the totals row and answer 5 is given, and every one given agrees.
  const given = [figures.total, investigated].filter((n) => n != null);
  return given.length > 0 && given.every(fits);
}

/**
 * The figures of a reply. Two readings are made: by header wording (the
 * layouts the kit has always read, and sentences) and by the cells' types.
 * Where they agree, or only one finds figures, there is nothing to choose.
 * Where they differ, the reading that the reply's own totals or answer 5
 * confirm is taken; when neither or both are, the reading by header stays and
 * a warning says the other disagrees, so a person looks. A table read by its
 * types is preferred to sentences.
 */
/**
 * True when `fine` reads all `coarse` reads and more: each of `coarse`'s records (a count of 0
 * aside) is one of `fine`'s, on the same line with the same count, its labels the same or
 * missing in `coarse` (an age left unknown, an outcome cell read as empty: a merged cell, or
 * "25-34 Final written warning" read whole), and `fine` has labels or rows `coarse` has not (the
 * rows of a table continued on the next page, say). Nothing disagrees; one reading knows more.
 */
function readsMore(fine: readonly CaseRecord[], coarse: readonly CaseRecord[]): boolean {
  const counted = (records: readonly CaseRecord[]) => records.filter((r) => r.count !== 0);
  const [f, c] = [counted(fine), counted(coarse)];
  if (!c.length || f.length < c.length) return false;
  const free = new Set(f);
  let more = f.length - c.length;
  for (const y of c) {
    const x = [...free].find(
      (x) =>
        x.line === y.line &&
        x.count === y.count &&
        x.suppressed === y.suppressed &&
        (x.ageBand === y.ageBand || y.ageBand === "unknown") &&
        (x.outcome === y.outcome || y.outcomeRaw.trim() === "")
    );
    if (!x) return false;
    free.delete(x);
    if (x.ageBand !== y.ageBand || x.outcome !== y.outcome) more++;
  }
  return more > 0;
}

export function readFigures(
  lines: string[],
  answers: Record<string, Answer>,
  ctx: RecordContext,
  investigated: number | null = null
): Figures | null {
  const byHeader = figuresByHeader(lines, answers, ctx);
  const typed = figuresByType(lines, ctx, investigated);
  const byType = typed?.figures ?? null;
  if (!byType || (!byType.records.length && byHeader)) return guessOverTable(byHeader, typed?.unread ?? []);
  const withScope = (f: Figures, note?: Warning): Figures => ({
    ...f,
    warnings: [...f.warnings, ...(typed?.scope ?? []), ...(note ? [note] : [])]
  });
  if (!byHeader) return withScope(byType);
  if (recordsKey(byHeader.records) === recordsKey(byType.records)) return withScope(byHeader);
  // The types read every row the header reading did, and labels or rows it left out.
  if (
    readsMore(byType.records, byHeader.records) &&
    confirmed(byType, investigated) === confirmed(byHeader, investigated)
  )
    return withScope(byType);
  const where = (f: Figures) => `${f.table?.layout} at line ${f.table?.headerLine}`;
  const describe = (f: Figures) => `${f.records.length} rows, ${sumCounts(f.records).known} employees`;
  const note = (message: string): Warning => ({file: ctx.file, line: byType.table?.headerLine ?? null, message});
  const [typeOk, headerOk] = [confirmed(byType, investigated), confirmed(byHeader, investigated)];
  // Sentences are a guess; a table is not: where the reply has a table its types read, it is the reading.
  if (byHeader.table?.layout === "prose" && (typeOk || !headerOk))
    return withScope(
      byType,
      note(
        `the reply's figures were read from its table (${where(byType)}), not from its sentences (${describe(byHeader)})`
      )
    );
  if (typeOk && !headerOk)
    return withScope(
      byType,
      note(
        `the table was read by its cells' types (${where(byType)}, ${describe(byType)}), which its totals confirm; read by its header wording (${where(byHeader)}) it gave ${describe(byHeader)}`
      )
    );
  // Sentences that agree with the totals while the reply's table says otherwise are still a guess.
  if (headerOk && !typeOk && byHeader.table?.layout !== "prose") return withScope(byHeader);
  const doubt = `two readings of the reply disagree${headerOk ? ` although ${typeOk ? "both agree" : "the first agrees"} with its totals` : " and nothing in it confirms either"}: by header wording (${where(byHeader)}) ${describe(byHeader)}, by the cells' types (${where(byType)}) ${describe(byType)}; a person should check`;
  // Of two readings nothing settles, the one whose every count is a number is the likelier; a person decides.
  const unreadCounts = (f: Figures) => f.records.filter((r) => r.count == null && !r.suppressed).length;
  const likelier = unreadCounts(byType) < unreadCounts(byHeader) ? withScope(byType) : byHeader;
  return {...likelier, warnings: [...likelier.warnings, note(doubt)], doubt};
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

/** A table whose every count is 0 (or "-", "nil") and whose total is 0 says no one was investigated. */
function zeroTable(figures: Figures | null): ReturnType<typeof statusOf> {
  if (!figures || figures.records.length || figures.total !== 0) return null;
  return {
    status: "nil",
    statusDetail: `the reply's table counts no employee (every count is 0 or none, totals row at line ${figures.totalLine})`,
    statusLine: figures.totalLine,
    nilReason: "none investigated"
  };
}

export function parseReplyText(input: ReplyInput): ParsedReply {
  const {file, text, meta, mappings} = input;
  const source = {...(input.source ?? {format: "text" as const, encoding: null, textSource: "as received" as const})};
  const authority = meta?.authority ?? file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const lines = splitLines(text);
  const answers = parseAnswers(lines, input.questions);
  const fields = extractFields(lines, answers);
  const base = {file, authority, meta, answers, fields, source: {...source, lineCount: lines.length}};
  let figures = readFigures(
    lines,
    answers,
    {file, authority, mappings, textSource: source.textSource},
    fields.investigated
  );
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
  const status = statusOf(lines, answers, fields, records) ?? zeroTable(figures);
  if (!status && !figures && input.statusByPerson) {
    const reply: ParsedReply = {
      ...base,
      status: input.statusByPerson,
      records: [],
      checks: replyChecks([], fields),
      warnings: [],
      table: null
    };
    return {...reply, verdict: verdictOf(reply)};
  }
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
    ...(figures?.margins ? {margins: figures.margins} : {}),
    ...(figures?.doubt ? {doubt: figures.doubt} : {})
  };
  return {...reply, verdict: verdictOf(reply)};
}
