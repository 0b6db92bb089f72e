/**
 * A reply the kit cannot read (a scan, an odd layout) can be transcribed by a
 * person into `<reply>.transcribed.csv` beside it, in the tidy records'
 * columns. This module reads that CSV into records marked "transcribed",
 * builds the reply from them (answers and checks still come from the reply's
 * own text when there is one), and writes a template pre-filled with whatever
 * the kit did read. Pure: the caller reads and writes the files.
 */
import {extractFields, parseAnswers} from "./answers.js";
import {
  ageBandCell,
  countCells,
  readHumanCsv,
  recordFieldsOf,
  resolveOutcome,
  wholeNumber,
  type HumanRow
} from "./human-csv.js";
import {mapAgeBand, type Mappings} from "./mappings.js";
import {impliedTotalCheck, replyChecks} from "./reconcile.js";
import {verdictOf} from "./verdict.js";
import {findRefusal, refusalDetail} from "./reply-status.js";
import {ageEntries, outcomeEntries} from "./tables/margins.js";
import {isTotalLabel} from "./tables/header.js";
import {splitLines} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import {safeCsvFormatRows} from "../core/csv.js";
import {
  OUTCOME_NOT_STATED,
  type CaseRecord,
  type Margins,
  type ParsedReply,
  type ReplyFields,
  type ReplyFormat,
  type ReplyMeta,
  type TextSource,
  type Warning
} from "../core/types.js";

/** The columns of a transcription, in the template's order (the tidy records' names, plus `note`). */
export const TRANSCRIPTION_COLUMNS = [
  "ageRaw",
  "ageBand",
  "outcomeRaw",
  "outcome",
  "countRaw",
  "count",
  "countLower",
  "countUpper",
  "line",
  "note"
] as const;
/** Also accepted: the rest of the tidy records' columns. Those the kit derives (tier, severity...) are recomputed from the mappings, so they are read and not used. */
const ALSO_ACCEPTED = [
  "firstLine",
  "lineText",
  "authority",
  "file",
  "periodStart",
  "periodEnd",
  "tier",
  "severity",
  "upheld",
  "suppressed",
  "year",
  "gender",
  "department"
];
const EXTRA_PREFIX = "extra:";

export interface TranscriptionContext {
  /** The reply's file as shown (the records' `file`). */
  reply: string;
  authority: string;
  mappings: Mappings;
  /** Lines in the reply's text, when it has one: a `line` past it is an error. */
  lineCount?: number;
  textSource?: TextSource;
}

export interface Transcription {
  records: CaseRecord[];
  margins?: Margins;
  /** The count of a row labelled "Total", when there is one. */
  total: {count: number; line: number} | null;
  warnings: Warning[];
}

function rowRecord(row: HumanRow, file: string, ctx: TranscriptionContext, warnings: Warning[]): CaseRecord {
  const count = countCells(row, file);
  if (!count)
    throw new ReplyError(
      file,
      row.line,
      "no count: give count (or countRaw as the reply wrote it, or countLower and countUpper for a withheld count)"
    );
  const ageRaw = row.get("ageRaw"),
    outcomeRaw = row.get("outcomeRaw");
  const ageBand = ageBandCell(row, file) ?? (ageRaw ? mapAgeBand(ctx.mappings, ageRaw) : "unknown");
  if (ageRaw && ageBand === "unknown" && !row.get("ageBand"))
    warnings.push({
      file,
      line: row.line,
      message: `age group "${ageRaw}" maps to no age band; kept as "unknown"`,
      text: row.text
    });
  const written = row.get("outcome") || outcomeRaw;
  const resolved = written ? resolveOutcome(ctx.mappings, written) : {outcome: OUTCOME_NOT_STATED, mapping: null};
  if (written && !resolved.mapping && resolved.outcome !== OUTCOME_NOT_STATED)
    warnings.push({
      file,
      line: row.line,
      message: `outcome "${written}" maps to no known outcome; kept as written`,
      text: row.text
    });
  const line = wholeNumber(row, "line", file, 1);
  if (line != null && ctx.lineCount != null && line > ctx.lineCount)
    throw new ReplyError(file, row.line, `line ${line} is past the end of the reply's text (${ctx.lineCount} lines)`);
  const firstLine = wholeNumber(row, "firstLine", file, 1);
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.cells)) {
    if (["year", "gender", "department"].includes(k)) extra[k] = v;
    else if (k.toLowerCase().startsWith(EXTRA_PREFIX)) extra[k.slice(EXTRA_PREFIX.length).trim().toLowerCase()] = v;
  }
  const record: CaseRecord = {
    authority: ctx.authority,
    file: ctx.reply,
    ageBand,
    ageRaw,
    outcomeRaw,
    ...recordFieldsOf(resolved, count, row),
    // With no line of the reply (a scan has none), the record points at the transcription's own line; `origin` says so.
    line: line ?? row.line,
    firstLine: Math.min(firstLine ?? line ?? row.line, line ?? row.line),
    lineText: row.get("lineText") || row.text,
    provenance: "transcribed",
    origin: {file, line: row.line}
  };
  if (line != null && ctx.textSource) record.textSource = ctx.textSource;
  if (Object.keys(extra).length) record.extra = extra;
  if (row.get("note")) record.note = row.get("note");
  return record;
}

/**
 * Reads a transcription. Rows labelled "Total" give the table's total. When
 * every row gives an age and no outcome, or an outcome and no age, the reply
 * gave the two apart: the age rows are the records (outcome "not stated") and
 * both sides are kept as margins, as for a reply's own tables. Bad CSV is a
 * ReplyError naming the file and line.
 */
export function parseTranscription(csvText: string, file: string, ctx: TranscriptionContext): Transcription {
  const {rows} = readHumanCsv(csvText, file, [...TRANSCRIPTION_COLUMNS, ...ALSO_ACCEPTED], [EXTRA_PREFIX]);
  const warnings: Warning[] = [];
  let total: Transcription["total"] = null;
  const records: CaseRecord[] = [];
  let noLine = 0;
  for (const row of rows) {
    if (Object.keys(row.cells).length === 0) continue;
    if (isTotalLabel(row.get("ageRaw")) || isTotalLabel(row.get("outcomeRaw"))) {
      const c = countCells(row, file);
      if (c?.count == null) throw new ReplyError(file, row.line, "a totals row needs a count");
      total = {count: c.count, line: row.line};
      continue;
    }
    if (!row.get("ageRaw") && !row.get("ageBand") && !row.get("outcomeRaw") && !row.get("outcome")) {
      throw new ReplyError(
        file,
        row.line,
        "the row gives no age (ageRaw or ageBand) and no outcome (outcomeRaw or outcome)"
      );
    }
    records.push(rowRecord(row, file, ctx, warnings));
    if (!row.get("line")) noLine++;
  }
  if (!records.length) throw new ReplyError(file, null, "the transcription has no rows of records");
  if (noLine)
    warnings.push({
      file,
      line: null,
      message: `${noLine} row${noLine > 1 ? "s give" : " gives"} no line of the reply; ${noLine > 1 ? "their" : "its"} line is the transcription's own`
    });
  const hasAge = (r: CaseRecord) => r.ageRaw !== "" || r.ageBand !== "unknown";
  const hasOutcome = (r: CaseRecord) => r.outcome !== OUTCOME_NOT_STATED;
  if (records.some((r) => hasAge(r) && hasOutcome(r))) return {records, total, warnings};
  const ages = records.filter(hasAge),
    outcomes = records.filter((r) => !hasAge(r));
  const margins: Margins = {};
  if (ages.length) margins.ageBand = ageEntries(ages);
  if (outcomes.length) margins.outcome = outcomeEntries(outcomes);
  return {records: ages.length ? ages : outcomes, margins, total, warnings};
}

export interface TranscribedInput {
  /** The reply's file as shown. */
  file: string;
  meta: ReplyMeta | null;
  mappings: Mappings;
  /** The reply's text when the kit could decode or extract it (answers and answer 5 come from it); null for a scan. */
  text: string | null;
  source?: {format: ReplyFormat; encoding: string | null; textSource: TextSource};
}

/**
 * The reply built from its transcription: records from the CSV (marked
 * "transcribed"), answers and fields from the reply's text when it has one,
 * and every check run against them (rows, the transcription's totals row,
 * answer 5, the margins).
 */
export function transcribedReply(input: TranscribedInput, csvText: string, csvFile: string): ParsedReply {
  const authority = input.meta?.authority ?? input.file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  const lines = input.text == null ? [] : splitLines(input.text);
  const answers = parseAnswers(lines);
  const fields: ReplyFields = extractFields(lines, answers);
  const source = input.source ?? {format: "text" as const, encoding: null, textSource: "as received" as const};
  const t = parseTranscription(csvText, csvFile, {
    reply: input.file,
    authority,
    mappings: input.mappings,
    lineCount: input.text == null ? undefined : lines.length,
    textSource: source.textSource
  });
  fields.tableTotal = t.total?.count ?? null;
  fields.tableTotalLine = t.total?.line ?? null;
  const refusal = lines.length ? findRefusal(lines, answers, true) : null;
  const reply: ParsedReply = {
    file: input.file,
    authority,
    meta: input.meta,
    status: refusal ? "partial" : "ok",
    ...(refusal
      ? {statusDetail: `records transcribed; ${refusalDetail(refusal)} (line ${refusal.line})`, refusal}
      : {}),
    records: t.records,
    answers,
    fields,
    checks: replyChecks(t.records, fields, t.margins),
    infoChecks: [impliedTotalCheck(fields)],
    warnings: t.warnings,
    source: {...source, lineCount: lines.length},
    table: null,
    ...(t.margins ? {margins: t.margins} : {}),
    human: {transcription: csvFile}
  };
  return {...reply, verdict: verdictOf(reply)};
}

/**
 * A transcription to fill in, pre-filled with whatever the kit read of the
 * reply (its records, the outcomes given apart, the totals row), or only the
 * header when it read nothing (pass null).
 */
export function transcriptionTemplate(reply: ParsedReply | null): string {
  const rows: (string | number | null | undefined)[][] = [[...TRANSCRIPTION_COLUMNS]];
  const row = (values: Partial<Record<(typeof TRANSCRIPTION_COLUMNS)[number], string | number | null>>) =>
    TRANSCRIPTION_COLUMNS.map((c) => values[c]);
  for (const r of reply?.records ?? []) {
    rows.push(
      row({
        ageRaw: r.ageRaw,
        ageBand: r.ageBand,
        outcomeRaw: r.outcomeRaw,
        outcome: r.outcome,
        countRaw: r.countRaw,
        count: r.count,
        countLower: r.countBounds?.[0],
        countUpper: r.countBounds?.[1],
        line: r.line,
        note: r.note
      })
    );
  }
  const fromAges = reply?.records.length && reply.records.every((r) => r.outcome === OUTCOME_NOT_STATED);
  if (reply?.margins?.outcome && fromAges) {
    for (const o of reply.margins.outcome)
      rows.push(
        row({
          outcomeRaw: o.outcomeRaw,
          outcome: o.outcome,
          countRaw: o.countRaw,
          count: o.count,
          countLower: o.countBounds?.[0],
          countUpper: o.countBounds?.[1],
          line: o.line
        })
      );
  }
  if (reply?.fields.tableTotal != null)
    rows.push(row({ageRaw: "Total", count: reply.fields.tableTotal, line: reply.fields.tableTotalLine}));
  // d3-dsv writes the CSV, every text cell formula-safe (readHumanCsv takes the guard off again).
  return safeCsvFormatRows(rows) + "\n";
}
