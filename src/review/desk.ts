/**
 * Node-only: the review desk's model over a data folder (npm run review). It
 * reads replies through the kit's own read path, evaluates a person's draft
 * corrections or transcription with the kit's own functions (applyCorrections,
 * transcribedReply: the checks and verdict a build would give), and saves them
 * as the files the kit already reads beside a reply. A person's verdict (a
 * "checked" or "status" row) is a corrections row like the others. The reply
 * itself is never written. The HTTP routes are in server.ts; the page in page.ts.
 */
import {createHash, randomBytes} from "node:crypto";
import {appendFileSync, existsSync, readFileSync, renameSync, unlinkSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {authorityFromFile} from "../lib/campaign/summarise.js";
import {readRequest} from "../lib/read/campaign-folder.js";
import {readAsked} from "../lib/read/data-folder.js";
import {extractText, sniffFormat} from "../lib/extract/extract.js";
import {BoundedReader} from "../lib/extract/bounded.js";
import {readRegularFile} from "../lib/extract/files.js";
import {
  dataSubdir,
  loadMappings,
  parseExtracted,
  readReplies,
  readReply,
  requestQuestions
} from "../lib/read/replies.js";
import {listReplies, readMeta, shownPath} from "../lib/read/reply-files.js";
import {
  CORRECTION_COLUMNS,
  SET_STATUSES,
  TRANSCRIPTION_COLUMNS,
  applyCorrections,
  correctionsFileFor,
  statusSetIn,
  transcribedReply,
  transcriptionFileFor
} from "../lib/parse/human.js";
import {readHumanCsv} from "../lib/parse/human-csv.js";
import {mapAgeBand, mapOutcome, normaliseAgeLabel, normaliseOutcomeLabel, outcomeOrder} from "../lib/parse/mappings.js";
import type {Mappings} from "../lib/parse/mappings.js";
import {safeCsvFormatRows} from "../lib/core/csv.js";
import {splitLines} from "../lib/core/text.js";
import {formatPlaceInFile} from "../lib/present/index.js";
import {ReplyError} from "../lib/core/errors.js";
import {problemRank, qualityData, type QualityReply} from "../lib/campaign/quality.js";
import {
  OUTCOME_NOT_STATED,
  type CaseRecord,
  type ParsedReply,
  type ReplyFormat,
  type ReplyMeta
} from "../lib/core/types.js";
import type {ExtractedText} from "../lib/extract/extract.js";
import {isVerdictRow, type EditRow} from "./rows.js";
import {GRID_COLUMNS, GRID_ROWS, sheetGrids, type SheetGrid} from "./sheets.js";

export type {EditRow} from "./rows.js";

/** The file a person edits for a reply: corrections to the kit's reading, or a transcription when the kit could not read it. */
export type EditKind = "corrections" | "transcription";

export interface RecordView {
  line: number;
  firstLine: number;
  ageRaw: string;
  ageBand: string;
  outcomeRaw: string;
  outcome: string;
  /** True when the outcome is one the mappings know (or "not stated"); false for a label kept as written. */
  outcomeKnown: boolean;
  count: number | null;
  countRaw: string;
  countBounds: [number, number | null] | null;
  provenance: string;
  reason: string | null;
  /** Where in the reply the record's count is, when the kit says (a sheet's cell, a PDF's page); else null. */
  place: RecordPlace | null;
  /** The same in words ("page 2", "sheet Data, cell C4"), for the page to say. */
  placeText: string | null;
}

/** A record's place in the reply as received: a spreadsheet's sheet and cell (A1), a PDF's page. */
export interface RecordPlace {
  sheet?: string;
  cell?: string;
  page?: number;
}

export interface ReadingView {
  status: string;
  statusDetail: string | null;
  verdict: {verdict: string; reason: string};
  checks: {name: string; status: string; detail: string; informational?: boolean}[];
  warnings: {line: number | null; message: string}[];
  records: RecordView[];
  dropped: {line: number; reason: string}[];
}

export interface ReplyView {
  file: string;
  authority: string;
  kind: EditKind;
  /** The person's file, as shown (`responses/x.corrections.csv`), and a hash of the person's files ("absent" when there are none). */
  humanFile: string;
  hash: string;
  format: string;
  /**
   * What the reply is, from its bytes (sniffFormat), for showing it as received: a PDF's pages as
   * images, a workbook's sheets as grids. Null when the kit cannot tell (an image, a bad file).
   */
  sourceFormat: ReplyFormat | null;
  /** The reply's text, line by line (line 1 first); null when the kit could not extract any (a scan). */
  lines: string[] | null;
  textError: string | null;
  /** What the kit read without the person's file (null when it could not read the reply). */
  base: ReadingView | null;
  baseError: string | null;
  /** The reading with the person's file as saved: what a build publishes. */
  current: ReadingView | null;
  currentError: string | null;
  rows: EditRow[];
  bands: string[];
  outcomes: string[];
  /**
   * The corrections file a person's verdict (a "checked" or "status" row) is saved in, or null
   * when the desk cannot write one: a transcription is the person's own reading, and a reply
   * with no text cannot be read even with a status.
   */
  verdictFile: string | null;
  /** The statuses a person may set (SET_STATUSES): those of a reply with no records. */
  statuses: string[];
}

export type Evaluation = {ok: true; reading: ReadingView} | {ok: false; error: string; row: number | null};

/** A refusal the page shows as it is: bad input, a file changed on disk, a reply not in the folder. */
export class DeskError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

interface Source {
  key: string;
  path: string;
  file: string;
  /** What the reply is from its bytes (sniffFormat), or null when the kit cannot tell. */
  format: ReplyFormat | null;
  meta: ReplyMeta | null;
  extracted: ExtractedText | null;
  textError: string | null;
  parsed: ParsedReply | null;
  parseError: string | null;
  /** The letter the kit could not read, read again with the status a person gives it (readReply's path). */
  withStatus: Map<string, ParsedReply>;
}

const sha = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const errorLine = (error: unknown) =>
  error instanceof ReplyError ? error.message : `could not be read (${(error as Error)?.message ?? String(error)})`;
const stamp = () => new Date().toISOString().slice(0, 16) + "Z";
const SIGNATURE = /\s*\(reviewed by [^()]*\)$/;

export const readingOf = (r: ParsedReply, mappings: Mappings): ReadingView => ({
  status: r.status,
  statusDetail: r.statusDetail ?? null,
  verdict: r.verdict ?? {verdict: "unverified", reason: "no verdict"},
  checks: [...r.checks, ...(r.infoChecks ?? [])].map((c) => ({
    name: c.name,
    status: c.status,
    detail: c.detail,
    ...(c.informational ? {informational: true} : {})
  })),
  warnings: r.warnings.map((w) => ({line: w.line, message: w.message})),
  records: r.records.map((x) => recordView(x, mappings)),
  dropped: (r.human?.corrections?.dropped ?? []).map((d) => ({line: d.line, reason: d.reason}))
});

const recordView = (r: CaseRecord, mappings: Mappings): RecordView => ({
  line: r.line,
  firstLine: r.firstLine,
  ageRaw: r.ageRaw,
  ageBand: r.ageBand,
  outcomeRaw: r.outcomeRaw,
  outcome: r.outcome,
  outcomeKnown: r.outcome === OUTCOME_NOT_STATED || mapOutcome(mappings, r.outcome) != null,
  count: r.count,
  countRaw: r.countRaw,
  countBounds: r.countBounds ?? null,
  provenance: r.provenance ?? "read",
  reason: r.correction?.reason ?? r.note ?? null,
  place: placeOf(r),
  placeText: r.place ? formatPlaceInFile(r.place) : null
});

/** The record's place in the reply as received (src/lib/parse/places.ts), with the fields the page reads. */
function placeOf(r: CaseRecord): RecordPlace | null {
  if (!r.place) return null;
  return "page" in r.place ? {page: r.place.page} : {sheet: r.place.sheet, cell: r.place.cell};
}

/** The content type a reply is served with, by what its bytes are (sniffFormat), for the browser to show it. */
const CONTENT_TYPES: Record<ReplyFormat, string> = {
  text: "text/plain",
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  doc: "application/msword",
  odt: "application/vnd.oasis.opendocument.text",
  rtf: "application/rtf",
  html: "text/html",
  eml: "message/rfc822",
  msg: "application/vnd.ms-outlook"
};
const SHEET_FORMATS: ReadonlySet<ReplyFormat> = new Set(["xlsx", "xls", "ods"]);

/** The review desk over one data folder. */
export class Desk {
  private mappings: Mappings;
  private sources = new Map<string, Source>();
  /** One bounded reader for the desk's life: starting its worker costs about half a second, a save cannot wait that. */
  private readonly reader = new BoundedReader();

  constructor(
    readonly dataDir: string,
    private readonly cacheDir?: string | null
  ) {
    this.mappings = loadMappings(dataDir);
  }

  /** Stops the desk's reader (its worker thread). */
  close(): Promise<void> {
    return this.reader.close();
  }

  /** Every reply of the folder (and every file the kit could not read), worst first: the data-quality page's order. */
  async queue(): Promise<QualityReply[]> {
    const {replies, unreadable} = await readReplies({
      dataDir: this.dataDir,
      keepGoing: true,
      cacheDir: this.cacheDir,
      reader: this.reader
    });
    let asked = null;
    try {
      asked = readAsked(this.dataDir);
    } catch {
      // a malformed authorities list is the build's to report; the queue needs only the replies
    }
    return qualityData(replies, unreadable, asked).replies;
  }

  /** The path of a reply shown as `file`, refused unless it is one of the folder's replies (no path outside it). */
  private pathOf(file: string): string {
    const path = listReplies(join(this.dataDir, "responses")).find((p) => shownPath(p, this.dataDir) === file);
    if (!path) throw new DeskError(404, `${file} is not a reply in ${join(this.dataDir, "responses")}`);
    return path;
  }

  /** The reply read without a person's files, kept while its bytes, metadata and the mappings stay the same. */
  private async source(file: string): Promise<Source> {
    const path = this.pathOf(file);
    const bytes = readFileSync(path);
    const metaPath = path.replace(/(\.[^./\\]+)?$/, ".meta.json");
    const key = sha(Buffer.concat([bytes, existsSync(metaPath) ? readFileSync(metaPath) : Buffer.alloc(0)]));
    const known = this.sources.get(file);
    if (known?.key === key) return known;
    let format: ReplyFormat | null = null;
    try {
      format = await sniffFormat(bytes, file);
    } catch {
      // an image or an unknown Office file: extractText says why below; the screen shows the text part only
    }
    let meta: ReplyMeta | null = null;
    let extracted: ExtractedText | null = null;
    let textError: string | null = null;
    let parsed: ParsedReply | null = null;
    let parseError: string | null = null;
    try {
      meta = readMeta(path, file);
      extracted = await extractText(bytes, file);
    } catch (error) {
      textError = errorLine(error);
    }
    if (extracted) {
      try {
        parsed = parseExtracted(extracted, file, this.mappings, meta, requestQuestions(this.dataDir));
      } catch (error) {
        parseError = errorLine(error);
      }
    } else parseError = textError;
    const source = {key, path, file, format, meta, extracted, textError, parsed, parseError, withStatus: new Map()};
    this.sources.set(file, source);
    return source;
  }

  /**
   * The reading the corrections start from, as readReply makes it: the kit's own, or, for a
   * letter it could not read, the letter read again with the status the corrections set.
   */
  private baseOf(s: Source, status: string | null): ParsedReply {
    if (s.parsed) return s.parsed;
    if (!s.extracted || status == null) throw new ReplyError(s.file, null, s.parseError ?? "could not be read");
    let parsed = s.withStatus.get(status);
    if (!parsed) {
      const set = status as (typeof SET_STATUSES)[number];
      parsed = parseExtracted(s.extracted, s.file, this.mappings, s.meta, requestQuestions(this.dataDir), set);
      s.withStatus.set(status, parsed);
    }
    return parsed;
  }

  /** The status a corrections file sets (the kit's statusSetIn), or null. */
  private statusIn(s: Source, csv: string | null): string | null {
    return csv == null ? null : statusSetIn(csv, correctionsFileFor(s.file));
  }

  /**
   * The file the person's rows go in: a transcription when one exists or the kit could not
   * read the reply; corrections otherwise, and for a letter the kit could not read whose
   * corrections set its status (readReply reads those before parsing).
   */
  private kindOf(s: Source): EditKind {
    if (existsSync(transcriptionFileFor(s.path))) return "transcription";
    if (s.parsed) return "corrections";
    const corrections = correctionsFileFor(s.path);
    return s.extracted && existsSync(corrections) && this.statusIn(s, readFileSync(corrections, "utf8")) != null
      ? "corrections"
      : "transcription";
  }

  /** The file a draft is saved in: as kindOf, but a status given to an unreadable letter goes in its corrections. */
  private draftKind(s: Source, rows: readonly EditRow[]): EditKind {
    const kind = this.kindOf(s);
    if (kind === "transcription" && this.verdictFileOf(s) != null && rows.some(isVerdictRow)) return "corrections";
    return kind;
  }

  /** See ReplyView.verdictFile. */
  private verdictFileOf(s: Source): string | null {
    if (existsSync(transcriptionFileFor(s.path)) || !s.extracted) return null;
    return correctionsFileFor(s.file);
  }

  /** A hash of the person's files as they are ("absent" when there are none): a save checks nobody changed them. */
  private hashOf(s: Source): string {
    const parts = [transcriptionFileFor(s.path), correctionsFileFor(s.path)].map((p) =>
      existsSync(p) ? sha(readFileSync(p)) : "absent"
    );
    return parts.every((p) => p === "absent") ? "absent" : sha(parts.join("\n"));
  }

  private humanPath(s: Source, kind: EditKind): string {
    return kind === "transcription" ? transcriptionFileFor(s.path) : correctionsFileFor(s.path);
  }

  private humanName(s: Source, kind: EditKind): string {
    return kind === "transcription" ? transcriptionFileFor(s.file) : correctionsFileFor(s.file);
  }

  /** The reading a CSV gives, as a build would make it; throws the kit's ReplyError for a bad one. */
  private apply(s: Source, kind: EditKind, csv: string | null): ParsedReply {
    if (kind === "transcription") {
      const {extracted} = s;
      let reply = transcribedReply(
        {
          file: s.file,
          meta: s.meta,
          mappings: this.mappings,
          text: extracted?.text ?? null,
          ...(extracted
            ? {source: {format: extracted.format, encoding: extracted.encoding, textSource: extracted.textSource}}
            : {})
        },
        csv ?? TRANSCRIPTION_COLUMNS.join(",") + "\n",
        this.humanName(s, kind)
      );
      // A transcription may have corrections too: the page edits the transcription, the corrections still apply.
      const corrections = correctionsFileFor(s.path);
      if (existsSync(corrections))
        reply = applyCorrections(reply, readFileSync(corrections, "utf8"), correctionsFileFor(s.file), this.mappings);
      return reply;
    }
    const base = this.baseOf(s, this.statusIn(s, csv));
    return csv == null ? base : applyCorrections(base, csv, this.humanName(s, kind), this.mappings);
  }

  /** A reply's screen: its text, what the kit read, the person's file as rows, and the choices for each cell. */
  async reply(file: string): Promise<ReplyView> {
    const s = await this.source(file);
    const kind = this.kindOf(s);
    const path = this.humanPath(s, kind);
    const bytes = existsSync(path) ? readFileSync(path) : null;
    const csv = bytes == null ? null : bytes.toString("utf8");
    let rows: EditRow[] = [];
    let current: ReadingView | null = null;
    let currentError: string | null = null;
    try {
      if (csv != null) rows = this.rowsOf(s, kind, csv);
      current = readingOf(this.apply(s, kind, csv), this.mappings);
    } catch (error) {
      currentError = errorLine(error);
    }
    const ex = s.extracted;
    return {
      file,
      authority: s.parsed?.authority ?? s.meta?.authority ?? authorityFromFile(file),
      kind,
      humanFile: this.humanName(s, kind),
      hash: this.hashOf(s),
      format: ex ? `${ex.format}${ex.textSource === "as received" ? "" : ` (${ex.textSource})`}` : "–",
      sourceFormat: s.format,
      lines: ex ? splitLines(ex.text) : null,
      textError: s.textError,
      base: s.parsed ? readingOf(s.parsed, this.mappings) : null,
      baseError: s.parsed ? null : s.parseError,
      current,
      currentError,
      rows,
      bands: [...readRequest(this.dataDir).ageBands, "unknown"],
      outcomes: [...outcomeOrder(this.mappings), OUTCOME_NOT_STATED],
      verdictFile: this.verdictFileOf(s),
      statuses: [...SET_STATUSES]
    };
  }

  /**
   * The reply's bytes as received, with the content type of what they are: only a reply the
   * folder lists (pathOf: never a path from the request), only a regular file (readRegularFile:
   * no link followed, no FIFO waited on), within the kit's file size limit.
   */
  async original(file: string): Promise<{bytes: Buffer; type: string}> {
    const path = this.pathOf(file);
    let bytes: Buffer;
    try {
      bytes = readRegularFile(path, file);
    } catch (error) {
      throw new DeskError(403, errorLine(error));
    }
    let type = "application/octet-stream";
    try {
      type = CONTENT_TYPES[await sniffFormat(bytes, file)];
    } catch {
      // an image or an unknown Office file: served as bytes, for the person to open with what they have
    }
    return {bytes, type};
  }

  /**
   * A spreadsheet reply's sheets as grids (sheets.ts), with the line of the kit's text opening
   * each. Only for a workbook the kit's own bounded reader has read: one it refused (too many
   * cells, a zip bomb) is refused here with the kit's message, before SheetJS sees it again.
   */
  async sheets(file: string): Promise<{sheets: SheetGrid[]; maxRows: number; maxColumns: number}> {
    const s = await this.source(file);
    if (!s.format || !SHEET_FORMATS.has(s.format)) throw new DeskError(400, `${file} is not a spreadsheet`);
    if (!s.extracted) throw new DeskError(422, s.textError ?? `${file}: the kit could not read the workbook`);
    const bytes = readRegularFile(s.path, file);
    try {
      return {sheets: sheetGrids(bytes, splitLines(s.extracted.text)), maxRows: GRID_ROWS, maxColumns: GRID_COLUMNS};
    } catch (error) {
      throw new DeskError(
        422,
        `${file}: its sheets could not be laid out as a grid (${String((error as Error)?.message ?? error).split("\n")[0]})`
      );
    }
  }

  /** The rows of a saved file, each tied to the kit's record it corrects (by the kit's own rule: its line, its labels as written). */
  private rowsOf(s: Source, kind: EditKind, csv: string): EditRow[] {
    const columns = kind === "transcription" ? TRANSCRIPTION_COLUMNS : CORRECTION_COLUMNS;
    const {rows} = readHumanCsv(csv, this.humanName(s, kind), columns);
    const records = s.parsed?.records ?? [];
    const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
    return rows
      .filter((r) => Object.keys(r.cells).length)
      .map((r) => {
        const row: EditRow = {};
        for (const [k, v] of Object.entries(r.cells)) (row as Record<string, string>)[k] = v;
        if (kind === "transcription") {
          row.reason = r.get("note");
          delete (row as Record<string, unknown>).note;
          return row;
        }
        // An added row and a verdict row correct no record of the kit's.
        if ((row.action ?? "").toLowerCase() !== "add" && !isVerdictRow(row)) {
          const line = Number(r.get("line") || NaN);
          const fits = (x: CaseRecord) =>
            (!r.get("ageRaw") || same(x.ageRaw, r.get("ageRaw"))) &&
            (!r.get("outcomeRaw") || same(x.outcomeRaw, r.get("outcomeRaw")));
          let i = records.findIndex((x) => fits(x) && (Number.isNaN(line) || x.line === line));
          if (i < 0 && !Number.isNaN(line))
            i = records.findIndex((x) => fits(x) && x.firstLine <= line && line <= x.line);
          if (i >= 0) row.record = i;
        }
        return row;
      });
  }

  /** The CSV a list of rows makes: the kit's columns, rows in order (row i is the file's line i + 2). */
  csvOf(kind: EditKind, rows: readonly EditRow[], reviewer: string | null): string {
    // The status column only when a row sets a status, so a file of plain corrections keeps its columns.
    const status = rows.some((r) => (r.status ?? "").trim() !== "");
    const sections = rows.some((r) => (r.sections ?? "").trim() !== "");
    const columns =
      kind === "transcription"
        ? [...TRANSCRIPTION_COLUMNS]
        : CORRECTION_COLUMNS.filter(
            (c) => c !== "countRaw" && c !== "note" && (status || c !== "status") && (sections || c !== "sections")
          );
    const when = stamp();
    const lines = [columns.join(",")];
    for (const row of rows) {
      let reason = (row.reason ?? "").trim();
      // Who settled it and when, in the column the kit keeps with the record (its reason, or a transcription's note).
      if (reviewer != null && row.changed)
        reason = `${reason.replace(SIGNATURE, "")} (reviewed by ${reviewer}, ${when})`;
      const {record: _record, changed: _changed, ...typed} = row;
      const cells: Record<string, string | undefined> = {
        ...typed,
        [kind === "transcription" ? "note" : "reason"]: reason
      };
      lines.push(safeCsvFormatRows([columns.map((c) => (cells[c] ?? "").trim())]));
    }
    return lines.join("\n") + "\n";
  }

  /** The reading a draft gives, or the kit's one-line message for a bad value (with the row it is on). */
  async evaluate(file: string, rows: readonly EditRow[]): Promise<Evaluation> {
    const s = await this.source(file);
    const kind = this.draftKind(s, rows);
    const unsaveable = this.misplaced(s, kind, rows);
    if (unsaveable) return {ok: false, ...unsaveable};
    try {
      const csv = rows.length || kind === "transcription" ? this.csvOf(kind, rows, null) : null;
      return {ok: true, reading: readingOf(this.apply(s, kind, csv), this.mappings)};
    } catch (error) {
      const line = error instanceof ReplyError ? error.line : null;
      const message = error instanceof ReplyError ? error.reason : errorLine(error);
      const row = line != null && line >= 2 && line - 2 < rows.length ? line - 2 : null;
      return {ok: false, error: row == null ? message : `row ${row + 1}: ${message}`, row};
    }
  }

  /**
   * A draft whose rows cannot go in one file the kit reads: a verdict beside a transcription
   * (the transcription is the person's own reading; the kit has no reading of its own to
   * vouch for), or records beside the status of a letter the kit could not read. Said with
   * the row, or null when the draft is one file's rows.
   */
  private misplaced(s: Source, kind: EditKind, rows: readonly EditRow[]): {error: string; row: number} | null {
    const at = (row: number, error: string) => ({row, error: `row ${row + 1}: ${error}`});
    if (kind === "transcription") {
      const i = rows.findIndex(isVerdictRow);
      if (i < 0) return null;
      return at(
        i,
        s.extracted
          ? `a person's verdict is a row of the corrections file, and this reply is transcribed (${transcriptionFileFor(s.file)}): the transcription's checks decide its verdict`
          : `the kit has no text of this reply (${s.textError ?? "none extracted"}), so a status cannot make it readable: transcribe it`
      );
    }
    if (s.parsed) return null;
    const i = rows.findIndex((r) => !isVerdictRow(r));
    if (i < 0) return null;
    return at(
      i,
      "the kit could not read this letter, so it has no records to correct: give it a status alone, or remove the status and transcribe it"
    );
  }

  /**
   * Saves a draft as the person's file beside the reply, if the kit accepts it
   * and nobody changed that file since the screen was opened (`hash`). Written
   * to a temporary file and renamed, so a reader never sees half a file. An
   * empty draft removes the corrections file (the kit's reading stands, or a
   * letter given a status is unreadable again, to be transcribed).
   */
  async save(file: string, rows: readonly EditRow[], reviewer: string, hash: string): Promise<ReplyView> {
    const who = reviewer.trim();
    if (!who) throw new DeskError(400, "say who you are (the reviewer's name) before saving");
    if (/[()\r\n]/.test(who)) throw new DeskError(400, "the reviewer's name cannot hold brackets or line breaks");
    const s = await this.source(file);
    const kind = this.draftKind(s, rows);
    const path = this.humanPath(s, kind);
    // Both of the person's files: a transcription is read with the corrections beside it.
    if (this.hashOf(s) !== hash)
      throw new DeskError(
        409,
        `${this.humanName(s, kind)} changed on disk since this screen was opened (someone else saved?); reload the reply to see it, then make your changes again`
      );
    const removing = !rows.length && kind === "corrections";
    // Removing every correction needs no reading: the kit's own stands, or a letter is unreadable again.
    if (!removing) {
      const evaluation = await this.evaluate(file, rows);
      if (!evaluation.ok) throw new DeskError(400, `not saved: ${evaluation.error}`);
    }
    if (removing) {
      if (existsSync(path)) unlinkSync(path);
    } else {
      const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      writeFileSync(temp, this.csvOf(kind, rows, who));
      renameSync(temp, path);
    }
    // The kit's own read path re-reads it (its cache is keyed on the files' content, so this parses again).
    const options = {dataDir: this.dataDir, cacheDir: this.cacheDir, reader: this.reader};
    await readReply(s.path, this.mappings, options).catch((error: unknown) => {
      // A letter whose status was removed is unreadable again: the queue lists it so, with the kit's message.
      if (!(error instanceof ReplyError)) throw error;
    });
    return this.reply(file);
  }

  /**
   * Teaches the mappings one label: appends a row to mappings/outcomes.csv (with
   * the canonical outcome's severity, tier and upheld) or age-bands.csv, then
   * re-reads the queue and says how many replies need a person less.
   */
  async teach(
    kind: "outcome" | "age",
    label: string,
    target: string,
    reviewer: string
  ): Promise<{settled: number; changed: number; message: string}> {
    const clean = label.trim();
    if (!clean) throw new DeskError(400, "give the label to teach, as the reply wrote it");
    if (/[\r\n]/.test(clean)) throw new DeskError(400, "a label is one line");
    const dir = dataSubdir("mappings", this.dataDir);
    let row: string;
    let csvFile: string;
    if (kind === "outcome") {
      const known = [...this.mappings.outcomes.values()].find((m) => m.outcome === target);
      if (!known) throw new DeskError(400, `"${target}" is not a canonical outcome of the mappings`);
      if (this.mappings.outcomes.has(normaliseOutcomeLabel(clean)))
        throw new DeskError(400, `"${clean}" is already a label of outcomes.csv`);
      csvFile = join(dir, "outcomes.csv");
      row = safeCsvFormatRows([[clean, known.outcome, known.severity, known.tier, known.upheld ?? ""]]);
    } else {
      if (!readRequest(this.dataDir).ageBands.includes(target))
        throw new DeskError(400, `"${target}" is not one of the request's age bands`);
      if (mapAgeBand(this.mappings, clean) !== "unknown" || this.mappings.ageBands.has(normaliseAgeLabel(clean)))
        throw new DeskError(400, `"${clean}" already maps to an age band`);
      csvFile = join(dir, "age-bands.csv");
      row = safeCsvFormatRows([
        [clean, target, `taught at the review desk by ${reviewer.trim() || "a reviewer"}, ${stamp()}`]
      ]);
    }
    const before = new Map((await this.queue()).map((r) => [r.file, r]));
    const text = readFileSync(csvFile, "utf8");
    appendFileSync(csvFile, `${text.endsWith("\n") || !text ? "" : "\n"}${row}\n`);
    this.mappings = loadMappings(this.dataDir);
    this.sources.clear();
    const after = await this.queue();
    const rank = (r: QualityReply) => problemRank(r);
    const changed = after.filter((r) => {
      const b = before.get(r.file);
      return !b || b.verdict !== r.verdict || b.warnings !== r.warnings || b.checksFailed !== r.checksFailed;
    }).length;
    const settled = after.filter((r) => {
      const b = before.get(r.file);
      return b != null && rank(r) < rank(b);
    }).length;
    const name = basename(csvFile);
    return {
      settled,
      changed,
      message: `added "${clean}" → ${target} to ${name}; ${changed} ${changed === 1 ? "reply reads" : "replies read"} differently, ${settled} ${settled === 1 ? "needs" : "need"} a person less`
    };
  }
}
