/**
 * The shapes every part of the kit agrees on: the parser produces them, loaders
 * write them as JSON, pages and tests read them. Pure types, no runtime code.
 */

/** The FOI request's age bands, in their natural order, plus a place for labels that map to none. */
export const AGE_BANDS = ["16-24", "25-34", "35-44", "45-54", "55+"] as const;
export type KnownAgeBand = (typeof AGE_BANDS)[number];
export type AgeBand = KnownAgeBand | "unknown";

/** Broad grouping of outcomes, from least to most serious for the employee. */
export const OUTCOME_TIERS = ["no action", "informal", "warning", "exit"] as const;
export type OutcomeTier = (typeof OUTCOME_TIERS)[number];

/** One row of a reply's table: a number of employees with one age band and one outcome. */
export interface CaseRecord {
  /** Public body that sent the reply, as named in its metadata file. */
  authority: string;
  /** The reply's path relative to the project's `data/` folder. */
  file: string;
  ageBand: AgeBand;
  /** Age label as the reply wrote it. */
  ageRaw: string;
  /** Canonical lower-case outcome, or the raw text (trimmed, lower case) when no mapping matches. */
  outcome: string;
  /** Outcome as the reply wrote it. */
  outcomeRaw: string;
  /** From the outcome mapping; null when the outcome maps to nothing. */
  tier: OutcomeTier | null;
  /** Severity rank from the outcome mapping (0 = least severe); null when unmapped. */
  severity: number | null;
  /** Whether the allegation was upheld, from the outcome mapping; null when unknown. */
  upheld: boolean | null;
  /** Number of employees; null when the council withheld it. */
  count: number | null;
  /** True when the count was withheld (for example "<5" under section 40). */
  suppressed: boolean;
  /** Bounds of a withheld count, when the reply states them (e.g. "<5" gives 1..4). */
  countBounds: [number, number] | null;
  /** Count as the reply wrote it. */
  countRaw: string;
  /** 1-based line in the reply's text where the count stands. */
  line: number;
  /** 1-based line where the row starts (the same as `line` for one-line rows). */
  firstLine: number;
  /** The row as written in the reply (its lines joined by newlines), for tracing a number back to its source. */
  lineText: string;
  /**
   * What `line` counts in: the reply's own text ("as received"), or the text the kit
   * extracted from a Word or PDF file. Absent in data written before it existed.
   */
  textSource?: TextSource;
  /**
   * Where the count stands in the original file, for a reader holding it rather than the
   * kit's text: its page (PDF, scanned PDF) or its sheet and cell (spreadsheets). Absent
   * where the file has no such places (text, Word, HTML), for records a person wrote, and
   * in data written before it existed.
   */
  place?: PlaceInFile;
  /**
   * Columns of the reply's table other than age, outcome and count (a year, a
   * gender, a department), kept as written. Keys are "year", "gender" and
   * "department" for those, else the column's header in lower case. Absent when
   * the table has no such column.
   */
  extra?: Record<string, string>;
  /**
   * Where the bounds of a withheld count come from when a footnote states them
   * ("* fewer than 5, withheld under section 40(2)"): the footnote's line and text.
   */
  countFootnote?: {line: number; text: string};
  /**
   * Who produced the record: the kit reading the reply ("read", the default when
   * absent), a person transcribing a reply the kit could not read
   * (`<reply>.transcribed.csv`), or a person correcting a row the kit mis-read
   * (`<reply>.corrections.csv`).
   */
  provenance?: "read" | "transcribed" | "corrected";
  /** For a corrected record: why, the values it had before, and the line of the corrections file that changed it. */
  correction?: {
    reason: string;
    was: Partial<Pick<CaseRecord, "ageBand" | "outcome" | "count" | "countBounds" | "suppressed">>;
    file: string;
    line: number;
  };
  /**
   * For a transcribed or corrected record: the file and line where a person wrote
   * its values (the transcription or corrections CSV).
   */
  origin?: {file: string; line: number};
  /** A transcriber's note on the row. */
  note?: string;
  /**
   * The rule over the label's words that gave the outcome (src/lib/parse/outcome-rules.ts),
   * e.g. "rule: dismiss*", when no line of data/mappings/outcomes.csv matched the label.
   * Absent when a line matched (or the outcome is unmapped).
   */
  outcomeRule?: string;
}

/** Outcome of records whose reply gives ages and outcomes apart: the age-band count is known, the outcome is not. */
export const OUTCOME_NOT_STATED = "not stated";

/** One line of a table (or sentence) giving employees by outcome alone. */
export interface OutcomeMarginEntry {
  outcome: string;
  outcomeRaw: string;
  tier: OutcomeTier | null;
  upheld: boolean | null;
  count: number | null;
  countBounds: [number, number] | null;
  countRaw: string;
  line: number;
}

/** One line of a table (or sentence) giving employees by age band alone. */
export interface AgeMarginEntry {
  ageBand: AgeBand;
  ageRaw: string;
  count: number | null;
  countBounds: [number, number] | null;
  countRaw: string;
  line: number;
}

/**
 * Ages and outcomes given apart (two tables, or only one). The records hold the
 * employees once (per age band, outcome "not stated"; or per outcome, age
 * "unknown", when only outcomes are given); the margins keep both sides as
 * written, with the totals rows of their tables when they have them.
 */
export interface Margins {
  outcome?: OutcomeMarginEntry[];
  ageBand?: AgeMarginEntry[];
  outcomeTotal?: {count: number; line: number};
  ageBandTotal?: {count: number; line: number};
}

/**
 * What a reply says of the request: answered with records ("ok"), no one
 * investigated ("nil"), refused under sections of the Act ("refused"), the
 * information not held ("not held"), or some questions answered and others
 * refused ("partial": records and a refusal).
 */
export type ReplyStatus = "ok" | "nil" | "refused" | "not held" | "partial";

/** A refusal in a reply: the sections of the FOI Act it cites, the questions it covers when it says, and the line saying so. */
export interface Refusal {
  /** Section numbers of the Act (`act`) cited. */
  sections: number[];
  /**
   * The Act the sections belong to, when the reply names the Scottish one: FOISA 2002's
   * sections differ in meaning (its section 38 is personal data, the FOI Act's is health
   * and safety). Absent means the FOI Act 2000.
   */
  act?: "FOIA 2000" | "FOISA 2002";
  /** Numbered questions refused ("questions 5 to 9"), or the answer the refusal stands in; empty when the reply does not say. */
  questions: number[];
  line: number;
  text: string;
}

/**
 * What a record's `line` counts in: the file's own text, the text extracted from
 * a document (one paragraph or table row per line; for spreadsheets a line
 * naming each sheet, then one line per row), the text read by OCR from a scanned
 * PDF, or, for an e-mail, its body or the attachment that holds the reply.
 */
export type TextSource =
  | "as received"
  | `extracted from ${"docx" | "pdf" | "xlsx" | "xls" | "ods" | "doc" | "odt" | "rtf" | "html"}`
  | "read by OCR from a scanned pdf"
  | `extracted from ${"eml" | "msg"} body`
  | `${"as received" | `extracted from ${"docx" | "pdf" | "xlsx" | "xls" | "ods" | "doc" | "odt" | "rtf" | "html"}` | "read by OCR from a scanned pdf" | `extracted from ${"eml" | "msg"} body`} (attachment "${string}" of the ${"eml" | "msg"})`;

/**
 * A place in the original file: a page of a PDF (1 is the first), or a sheet of a
 * spreadsheet (its name as written) and a cell in A1 notation ("C4"), or the row's
 * cells ("A4:D4") when the count's own cell cannot be told apart from the row's others.
 */
export type PlaceInFile = {page: number} | {sheet: string; cell: string};

/**
 * Where the lines of a reply's extracted text stand in the original file, kept small
 * (it crosses the reading worker's boundary): enough to give any line its PlaceInFile.
 */
export interface LinePlaces {
  /** PDF and scanned PDF: the 1-based line each page starts on, page 1 first. */
  pages?: number[];
  /**
   * Spreadsheets: each sheet in order, with the line naming it (row R of the sheet is R
   * lines below it) and its number of rows; `columns`, when a row's first cell is not in
   * column A, gives each row's first column (0 for A), row 1 first.
   */
  sheets?: {name: string; line: number; rows: number; columns?: number[]}[];
}

/** The file formats the kit reads. */
export type ReplyFormat =
  "text" | "csv" | "tsv" | "docx" | "pdf" | "xlsx" | "xls" | "ods" | "doc" | "odt" | "rtf" | "html" | "eml" | "msg";

export type CheckStatus = "pass" | "fail" | "not available";

/** One reconciliation check on a reply, with the numbers it compared. */
export interface Check {
  name: string;
  /** True for checks that inform but do not decide whether the reply adds up (e.g. the total implied by answer 9). */
  informational?: boolean;
  status: CheckStatus;
  /** Plain-language statement of what was compared, with the numbers. */
  detail: string;
  expected: number | null;
  actual: number | null;
}

export interface Warning {
  file: string;
  line: number | null;
  message: string;
  /** The text of the line the warning is about, when it is about one. */
  text?: string;
}

/** Metadata kept beside each reply in `data/responses/<name>.meta.json`. */
export interface ReplyMeta {
  authority: string;
  /** ISO date the reply was sent. */
  replyDate: string;
  /** ISO date range the figures cover. */
  periodStart: string;
  periodEnd: string;
  licence: string;
  attribution: string;
  source: string;
  notes?: string;
}

/** A numbered answer of the reply (1-10), with the lines it spans. */
export interface Answer {
  number: number;
  question: string;
  text: string;
  /** The 1-based line of the reply each line of `text` stands on, so a quotation can cite its line (absent in data written before it existed). */
  textLines?: number[];
  /** The 1-based line of the answer's number ("5.", "Q5", "Question 5:"); the echoed question stands between it and `startLine`. Absent in data written before it existed. */
  headingLine?: number;
  /** The 1-based line where the answer starts, after the echoed question. */
  startLine: number;
  endLine: number;
}

/**
 * Whether a reading can be trusted: "verified" when a check confirms it (the
 * rows agree with a totals row or with answer 5, or answer 5 itself states a
 * nil return, refusal or "not held"), "unverified" when no check could run (a
 * guess is never verified by itself: it goes to a person), "conflicting" when
 * a check fails. Kept beside the status: a refusal can be verified, an
 * answered reply conflicting.
 */
export type Verdict = "verified" | "unverified" | "conflicting";
export const VERDICTS = ["conflicting", "unverified", "verified"] as const;

/** A reply's verdict and the reason a person can act on. */
export interface ReplyVerdict {
  verdict: Verdict;
  /** One sentence: what confirmed the reading, or why nothing could, or which check failed. */
  reason: string;
}

/** Everything taken from one reply. */
export interface ParsedReply {
  file: string;
  authority: string;
  meta: ReplyMeta | null;
  /**
   * "ok" when records were read; "nil" when no one was investigated; "refused"
   * (see `refusal`) and "not held" give no records and never a count of 0;
   * "partial" has records and a refusal of other questions.
   */
  status: ReplyStatus;
  /** The status in words (for every status but "ok"). */
  statusDetail?: string;
  /** The 1-based line that gives a status other than "ok" (the nil return, refusal or "not held"), when one does. */
  statusLine?: number | null;
  /** The refusal, for "refused" and "partial" replies. */
  refusal?: Refusal;
  /** Ages and outcomes given apart (see Margins); absent when the reply gives them together. */
  margins?: Margins;
  /** Files a person wrote for this reply: a transcription that stands in for the reading, corrections applied after it. */
  human?: {
    transcription?: string;
    corrections?: {file: string; applied: number; dropped: {record: CaseRecord; reason: string; line: number}[]};
    /**
     * A person read the reply and vouches for the reading as it now stands (a corrections
     * row with action "checked", or one setting the status): the verdict becomes "verified"
     * by a person, whatever the checks could confirm.
     */
    checked?: {file: string; line: number; reason: string; status?: ReplyStatus};
  };
  records: CaseRecord[];
  answers: Record<string, Answer>;
  /** Figures taken from the answers. */
  fields: ReplyFields;
  checks: Check[];
  warnings: Warning[];
  /**
   * Checks that inform without deciding whether the reply adds up (the total of all
   * disciplinary proceedings implied by answers 5 and 9). Kept apart from `checks`
   * so that code counting failed reconciliations is not changed by them.
   */
  infoChecks?: Check[];
  /**
   * Why the reading is in doubt although a check may pass: two readings of the
   * reply agree with its totals but not with each other. Makes the verdict
   * "unverified"; absent when there is no such doubt.
   */
  doubt?: string;
  /** Whether the reading can be trusted (see Verdict); absent in data written before it existed. */
  verdict?: ReplyVerdict;
  /** The file's format and how its text was obtained. */
  source?: {format: ReplyFormat; encoding: string | null; textSource: TextSource; lineCount: number};
  /** How the table was laid out, and the line of its header; null when there was none. */
  table?: {layout: string; headerLine: number} | null;
  /**
   * Why a reply has no records, as a short code: "none investigated", "not
   * held", "section 12", "section 14", "section 40", "section N" for another
   * section first cited, "withheld" (refused citing no section). Absent for
   * "ok" and "partial" replies (a partial reply's refusal is in `refusal`).
   */
  nilReason?: string;
}

export interface ReplyFields {
  hasPolicy: boolean | null;
  policyInCodeOfConduct: boolean | null;
  policyIntroduced: string | null;
  investigated: number | null;
  investigatedLine: number | null;
  pctOfDisciplinary: number | null;
  pctOfDisciplinaryLine: number | null;
  /** The percentage as written (e.g. "3.1%", "less than 1%"), to judge its rounding. */
  pctOfDisciplinaryRaw?: string | null;
  /** Count of employees in the totals row of the table, if the reply has one. */
  tableTotal: number | null;
  tableTotalLine: number | null;
}

/**
 * A council's status in the campaign: a reply's own status, or "unreadable"
 * (the kit could not read the file: listed with the reason, never a failed
 * build) or "awaiting" (asked, per authorities.csv, with no reply yet).
 * Only "ok", "nil" and "partial" contribute to pooled figures; "nil" adds
 * councils with zero cases; a refusal, "not held", "unreadable" and
 * "awaiting" add nothing and are never counted as zero.
 */
export type CampaignStatus = ReplyStatus | "unreadable" | "awaiting";

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = [
  "ok",
  "partial",
  "nil",
  "refused",
  "not held",
  "unreadable",
  "awaiting"
];
