/**
 * A row the kit mis-read can be put right by a person in
 * `<reply>.corrections.csv` beside the reply: which record (by `line`, or by
 * `ageRaw` and `outcomeRaw` as the reply wrote them, or both), the corrected
 * values (`ageBand`, `outcome`, `count`, `countLower`/`countUpper`), and a
 * `reason`. `action` may also be "drop" (a row that is no record, such as a
 * totals row read as one) or "add" (a row the kit missed). Two actions are
 * about the reply as a whole: "checked" (a person compared the reading with
 * the reply and vouches for it) and "status" (the reply is a nil return, a
 * refusal or "not held", in the `status` column, where the kit could not tell
 * or told wrong); both make the verdict "verified" by a person, with the
 * reason. What the reply wrote is never changed: the raw cells stay, the
 * reading changes, and the record keeps the values it had and the reason. The
 * checks are run again. Pure: the caller reads the file.
 */
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
import {recordsSource, replyChecks} from "./reconcile.js";
import {verdictOf} from "./verdict.js";
import {refusalDetail, refusalReason} from "./reply-status.js";
import {ageEntries, outcomeEntries} from "./tables/margins.js";
import {cleanCell} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import {
  OUTCOME_NOT_STATED,
  type CaseRecord,
  type ParsedReply,
  type Refusal,
  type ReplyStatus,
  type Warning
} from "../core/types.js";

/** The columns of a corrections file; `countRaw` is accepted only to say that what the reply wrote is not corrected. */
export const CORRECTION_COLUMNS = [
  "line",
  "ageRaw",
  "outcomeRaw",
  "action",
  "ageBand",
  "outcome",
  "count",
  "countLower",
  "countUpper",
  "reason",
  "note",
  "countRaw",
  "status",
  "sections"
] as const;

/** The sections a status row cites ("40(2); 38", "s.40"): the section numbers, in order, once each. */
function sectionsOf(row: HumanRow, file: string): number[] {
  const text = row.get("sections");
  if (!text) return [];
  const parts = text.split(/[\s,;&]+|\band\b/i).filter(Boolean);
  const numbers = parts.map((p) => /^(?:s(?:ection)?\.?\s*)?(\d{1,3})(?:\([^)]*\))*$/i.exec(p)?.[1]);
  const bad = parts.find((_, k) => numbers[k] == null);
  if (bad) throw new ReplyError(file, row.line, `"${bad}" is not a section of the Act (write them as 40(2); 38)`);
  return [...new Set(numbers.map(Number))].sort((a, b) => a - b);
}

/** The statuses a person may set: those of a reply with no records (records make it answered). */
export const SET_STATUSES = ["nil", "refused", "not held"] as const;
type SetStatus = (typeof SET_STATUSES)[number];
/** The short code each set status gives `nilReason` when the reply's own refusal does not name a section. */
const SET_REASONS: Record<SetStatus, string> = {nil: "none investigated", refused: "withheld", "not held": "not held"};

const same = (a: string, b: string) => cleanCell(a).toLowerCase() === cleanCell(b).toLowerCase();

/** The one record a correction names; anything else is an error saying what matched. */
function target(records: readonly CaseRecord[], row: HumanRow, file: string): number {
  const line = wholeNumber(row, "line", file, 1);
  const ageRaw = row.get("ageRaw"),
    outcomeRaw = row.get("outcomeRaw");
  if (line == null && !ageRaw && !outcomeRaw)
    throw new ReplyError(
      file,
      row.line,
      "say which record to correct: its line, or its ageRaw and outcomeRaw as the reply wrote them"
    );
  const matches = (r: CaseRecord) =>
    (ageRaw === "" || same(r.ageRaw, ageRaw)) && (outcomeRaw === "" || same(r.outcomeRaw, outcomeRaw));
  // A row that spans lines is named by the line of its count, or any line of it.
  let found = records.map((r, i) => ({r, i})).filter(({r}) => matches(r) && (line == null || r.line === line));
  if (!found.length && line != null)
    found = records.map((r, i) => ({r, i})).filter(({r}) => matches(r) && r.firstLine <= line && line <= r.line);
  const which = [
    line != null ? `line ${line}` : "",
    ageRaw ? `ageRaw "${ageRaw}"` : "",
    outcomeRaw ? `outcomeRaw "${outcomeRaw}"` : ""
  ]
    .filter(Boolean)
    .join(", ");
  if (!found.length) throw new ReplyError(file, row.line, `no record of the reply matches ${which}`);
  if (found.length > 1)
    throw new ReplyError(
      file,
      row.line,
      `${found.length} records match ${which}; add ${line == null ? "line" : "ageRaw or outcomeRaw"} to say which`
    );
  return found[0].i;
}

/** The corrected values of a row, applied to a copy of the record; `was` keeps what they replaced. */
function corrected(record: CaseRecord, row: HumanRow, file: string, mappings: Mappings, reason: string): CaseRecord {
  const next: CaseRecord = {...record};
  const was: NonNullable<CaseRecord["correction"]>["was"] = {};
  const ageBand = ageBandCell(row, file);
  if (ageBand != null && ageBand !== record.ageBand) {
    was.ageBand = record.ageBand;
    next.ageBand = ageBand;
  }
  const outcome = row.get("outcome");
  if (outcome) {
    const resolved = resolveOutcome(mappings, outcome);
    if (!resolved.mapping && resolved.outcome !== OUTCOME_NOT_STATED)
      throw new ReplyError(
        file,
        row.line,
        `outcome "${outcome}" is not an outcome the mappings know (add it to data/mappings/outcomes.csv first)`
      );
    if (resolved.outcome !== record.outcome) {
      was.outcome = record.outcome;
      Object.assign(next, {
        outcome: resolved.outcome,
        tier: resolved.mapping?.tier ?? null,
        severity: resolved.mapping?.severity ?? null,
        upheld: resolved.mapping?.upheld ?? null
      });
    }
  }
  if (row.get("countRaw"))
    throw new ReplyError(
      file,
      row.line,
      "countRaw is what the reply wrote and is not corrected; give count, or countLower and countUpper (countRaw is for rows added with action add)"
    );
  const count = countCells(row, file);
  if (count && (count.count !== record.count || JSON.stringify(count.bounds) !== JSON.stringify(record.countBounds))) {
    Object.assign(was, {count: record.count, countBounds: record.countBounds, suppressed: record.suppressed});
    Object.assign(next, {count: count.count, countBounds: count.bounds, suppressed: count.suppressed});
  }
  if (!Object.keys(was).length)
    throw new ReplyError(file, row.line, "the correction changes nothing (the record already has these values)");
  next.provenance = "corrected";
  next.correction = {reason, was, file, line: row.line};
  next.origin = {file, line: row.line};
  if (row.get("note")) next.note = row.get("note");
  return next;
}

/** A record a person adds: the reply wrote it, the kit missed it. */
function added(reply: ParsedReply, row: HumanRow, file: string, mappings: Mappings, reason: string): CaseRecord {
  const line = wholeNumber(row, "line", file, 1);
  if (line == null)
    throw new ReplyError(file, row.line, "an added record needs the line of the reply where its count stands");
  if (reply.source?.lineCount && line > reply.source.lineCount)
    throw new ReplyError(
      file,
      row.line,
      `line ${line} is past the end of the reply's text (${reply.source.lineCount} lines)`
    );
  const count = countCells(row, file);
  if (!count) throw new ReplyError(file, row.line, "an added record needs a count (or countLower and countUpper)");
  const ageRaw = row.get("ageRaw"),
    outcomeRaw = row.get("outcomeRaw");
  const resolved = resolveOutcome(mappings, row.get("outcome") || outcomeRaw || OUTCOME_NOT_STATED);
  if (!resolved.mapping && resolved.outcome !== OUTCOME_NOT_STATED)
    throw new ReplyError(
      file,
      row.line,
      `outcome "${row.get("outcome") || outcomeRaw}" is not an outcome the mappings know; give outcome`
    );
  return {
    authority: reply.authority,
    file: reply.file,
    ageBand: ageBandCell(row, file) ?? mapAgeBand(mappings, ageRaw),
    ageRaw,
    outcomeRaw,
    ...recordFieldsOf(resolved, count, row),
    line,
    firstLine: line,
    lineText: row.text,
    ...(reply.source ? {textSource: reply.source.textSource} : {}),
    provenance: "corrected",
    correction: {reason, was: {}, file, line: row.line},
    origin: {file, line: row.line},
    ...(row.get("note") ? {note: row.get("note")} : {})
  };
}

/**
 * The status a corrections file sets (its "status" row), or null: read before the
 * reply is parsed, so that a letter the kit finds nothing in can still be given it.
 * A malformed file is left for applyCorrections to report.
 */
export function statusSetIn(csvText: string, file: string): ReplyStatus | null {
  try {
    const {rows} = readHumanCsv(csvText, file, CORRECTION_COLUMNS);
    const set = rows
      .find((row) => row.get("action").toLowerCase() === "status")
      ?.get("status")
      .toLowerCase();
    return set && (SET_STATUSES as readonly string[]).includes(set) ? (set as SetStatus) : null;
  } catch (error) {
    if (error instanceof ReplyError) return null;
    throw error;
  }
}

/**
 * The reply with a person's corrections applied: corrected records marked
 * "corrected" with their reason and former values, dropped records kept in
 * `human.corrections.dropped`, added records marked too, and every check run
 * again against the reply's own totals. A bad corrections file (unknown
 * column, no reason, a row matching no record or several) is a ReplyError
 * naming the file and line.
 */
export function applyCorrections(reply: ParsedReply, csvText: string, file: string, mappings: Mappings): ParsedReply {
  const {rows} = readHumanCsv(csvText, file, CORRECTION_COLUMNS);
  const source = recordsSource(reply.records, reply.margins);
  const records = [...reply.records];
  const touched = new Map<number, number>();
  const dropped: {record: CaseRecord; reason: string; line: number}[] = [];
  const additions: CaseRecord[] = [];
  const warnings: Warning[] = [];
  let checked: NonNullable<NonNullable<ParsedReply["human"]>["checked"]> | null = null;
  let refusalByPerson: Refusal | null = null;
  for (const row of rows) {
    if (!Object.keys(row.cells).length) continue;
    const reason = row.get("reason");
    if (!reason) throw new ReplyError(file, row.line, "every correction needs a reason");
    const action = row.get("action").toLowerCase() || "correct";
    if (action === "checked" || action === "status") {
      if (checked)
        throw new ReplyError(
          file,
          row.line,
          `the reply is already checked at line ${checked.line}: one "checked" or "status" row per reply`
        );
      const status = row.get("status").toLowerCase();
      if (action === "status" && !(SET_STATUSES as readonly string[]).includes(status))
        throw new ReplyError(
          file,
          row.line,
          `status "${row.get("status")}" is not one a person sets: ${SET_STATUSES.join(", ")} (records make a reply answered)`
        );
      if (action === "checked" && status)
        throw new ReplyError(file, row.line, 'a "checked" row sets no status; use action "status" to set one');
      const sections = sectionsOf(row, file);
      if (sections.length && status !== "refused")
        throw new ReplyError(file, row.line, "sections are for a refusal: give them with status refused");
      checked = {file, line: row.line, reason, ...(status ? {status: status as SetStatus} : {})};
      if (sections.length)
        refusalByPerson = {
          sections,
          questions: [],
          line: row.line,
          text: reason,
          ...(reply.refusal?.act ? {act: reply.refusal.act} : {})
        };
      continue;
    }
    if (action === "add") {
      additions.push(added(reply, row, file, mappings, reason));
      continue;
    }
    if (action !== "correct" && action !== "drop")
      throw new ReplyError(
        file,
        row.line,
        `action "${row.get("action")}" is not one of correct, drop, add, checked, status`
      );
    const i = target(records, row, file);
    if (touched.has(i))
      throw new ReplyError(
        file,
        row.line,
        `this record is already corrected at line ${touched.get(i)}; put both changes on one row`
      );
    touched.set(i, row.line);
    if (action === "drop") dropped.push({record: records[i], reason, line: row.line});
    else records[i] = corrected(records[i], row, file, mappings, reason);
  }
  const gone = new Set(dropped.map((d) => d.record));
  const kept = [...records.filter((r) => !gone.has(r)), ...additions].sort((a, b) => a.line - b.line);
  if (!kept.length && reply.records.length)
    warnings.push({file, line: null, message: "the corrections drop every record of the reply"});
  // When the records are one margin of the reply, that margin is the records: it follows them.
  const margins = reply.margins && {...reply.margins};
  if (margins && source === "ageBand") margins.ageBand = ageEntries(kept);
  if (margins && source === "outcome") margins.outcome = outcomeEntries(kept);
  const set = checked?.status;
  if (set && kept.length)
    throw new ReplyError(
      file,
      checked!.line,
      `status "${set}" is for a reply with no records, and ${kept.length} remain: drop them first (action drop)`
    );
  // Records added to a reply that had none make it answered (partial if it also refused something).
  const status =
    set ??
    (!kept.length || reply.status === "ok" || reply.status === "partial"
      ? reply.status
      : reply.refusal
        ? "partial"
        : "ok");
  const {statusDetail, nilReason, statusLine, refusal: ownRefusal, ...rest} = reply;
  // A refusal a person gives its sections to is that refusal; otherwise the reply's own, if it cites one.
  const refusal = set === "refused" ? (refusalByPerson ?? reply.refusal ?? null) : null;
  const byPerson = set && {
    statusDetail: `set by a person (${file} line ${checked!.line}): ${refusal?.sections.length ? `${refusalDetail(refusal)}; ` : ""}${checked!.reason}`,
    statusLine: null,
    nilReason: refusal?.sections.length ? refusalReason(refusal) : SET_REASONS[set as SetStatus],
    ...(refusal ? {refusal} : {})
  };
  const correctedReply: ParsedReply = {
    ...rest,
    ...(byPerson ?? (status === "ok" && reply.status !== "ok" ? {} : {statusDetail, nilReason, statusLine})),
    ...(!byPerson && ownRefusal ? {refusal: ownRefusal} : {}),
    status,
    records: kept,
    ...(margins ? {margins} : {}),
    checks: replyChecks(kept, reply.fields, margins),
    warnings: [...reply.warnings, ...warnings],
    human: {
      ...reply.human,
      corrections: {file, applied: touched.size + additions.length, dropped},
      ...(checked ? {checked} : {})
    }
  };
  return {...correctedReply, verdict: verdictOf(correctedReply)};
}
