/**
 * The tidy records offered for download: one row per row of a reply's table,
 * flat (no nested values) so that the CSV and the JSON hold the same fields,
 * with the reply's period beside each row so rows from several replies can be
 * stacked. RECORD_FIELDS is the data dictionary; a unit test checks that every
 * field the rows carry is described there and nothing else is.
 * Pure: used by the download loaders, the /data page and tests.
 */
import {verdictOf} from "../parse/verdict.js";
import type {ParsedReply} from "../core/types.js";
import {placeReference} from "../present/index.js";

export interface TidyRecord {
  authority: string;
  file: string;
  periodStart: string | null;
  periodEnd: string | null;
  ageBand: string;
  ageRaw: string;
  outcome: string;
  outcomeRaw: string;
  tier: string | null;
  severity: number | null;
  upheld: boolean | null;
  count: number | null;
  suppressed: boolean;
  countLower: number | null;
  countUpper: number | null;
  countRaw: string;
  line: number;
  firstLine: number;
  lineText: string;
  place: string | null;
  provenance: "read" | "transcribed" | "corrected";
  correctionReason: string | null;
  verdict: "verified" | "unverified" | "conflicting";
}

export type FieldType = "text" | "date" | "integer" | "boolean";

export interface FieldDescription {
  name: keyof TidyRecord;
  type: FieldType;
  /** Whether the field may be empty (null in JSON, an empty cell in CSV). */
  nullable: boolean;
  meaning: string;
}

/** The data dictionary, in the order of the CSV's columns. */
export const RECORD_FIELDS: readonly FieldDescription[] = [
  {
    name: "authority",
    type: "text",
    nullable: false,
    meaning: "Public body that sent the reply, as named in the reply's metadata file."
  },
  {name: "file", type: "text", nullable: false, meaning: "The reply's file, relative to the project's data/ folder."},
  {
    name: "periodStart",
    type: "date",
    nullable: true,
    meaning: "First day the reply's figures cover (ISO date), from the reply's metadata."
  },
  {
    name: "periodEnd",
    type: "date",
    nullable: true,
    meaning: "Last day the reply's figures cover (ISO date), from the reply's metadata."
  },
  {
    name: "ageBand",
    type: "text",
    nullable: false,
    meaning:
      "The request's age band (16-24, 25-34, 35-44, 45-54, 55+), mapped from the reply's label through data/mappings/age-bands.csv; \"unknown\" when the label maps to none."
  },
  {name: "ageRaw", type: "text", nullable: false, meaning: "Age label as the reply wrote it."},
  {
    name: "outcome",
    type: "text",
    nullable: false,
    meaning:
      "Canonical outcome, mapped through data/mappings/outcomes.csv; the reply's text in lower case when no mapping matches."
  },
  {name: "outcomeRaw", type: "text", nullable: false, meaning: "Outcome as the reply wrote it."},
  {
    name: "tier",
    type: "text",
    nullable: true,
    meaning:
      "Broad group of the outcome (no action, informal, warning, exit), from the outcome mapping; empty when unmapped."
  },
  {
    name: "severity",
    type: "integer",
    nullable: true,
    meaning: "Rank of the outcome from least (0) to most serious, from the outcome mapping; empty when unmapped."
  },
  {
    name: "upheld",
    type: "boolean",
    nullable: true,
    meaning:
      "Whether the allegation was upheld, from the outcome mapping; empty when the outcome does not say (for example a resignation during the process)."
  },
  {
    name: "count",
    type: "integer",
    nullable: true,
    meaning: "Number of employees in this row; empty when the council withheld it."
  },
  {
    name: "suppressed",
    type: "boolean",
    nullable: false,
    meaning: 'True when the council withheld the count (for example "<5" under section 40 of the Act).'
  },
  {
    name: "countLower",
    type: "integer",
    nullable: true,
    meaning: 'Smallest value a withheld count can take, when the reply says ("<5" gives 1); empty otherwise.'
  },
  {
    name: "countUpper",
    type: "integer",
    nullable: true,
    meaning: 'Largest value a withheld count can take, when the reply says ("<5" gives 4); empty otherwise.'
  },
  {name: "countRaw", type: "text", nullable: false, meaning: "Count as the reply wrote it."},
  {
    name: "line",
    type: "integer",
    nullable: false,
    meaning: "Line of the reply's text (counting from 1) on which the count stands: where to look to check the number."
  },
  {
    name: "firstLine",
    type: "integer",
    nullable: false,
    meaning: "Line of the reply's text on which the row starts (the same as line for one-line rows)."
  },
  {
    name: "lineText",
    type: "text",
    nullable: false,
    meaning: "The row as written in the reply, its lines joined by line breaks."
  },
  {
    name: "place",
    type: "text",
    nullable: true,
    meaning:
      'Where the count stands in the original file, for a reader holding it rather than the kit\'s text: its page in a PDF ("page 2", a scanned PDF too), or its sheet and cell in a spreadsheet as the spreadsheet writes a reference ("Data!C4", "\'Table 1\'!C5"; the row\'s cells, "\'Table 1\'!A5:D5", when the count\'s own cell cannot be told). Empty for text, Word and HTML replies, and for rows a person transcribed.'
  },
  {
    name: "provenance",
    type: "text",
    nullable: false,
    meaning:
      'Who produced the row: "read" (the kit read it from the reply), "transcribed" (a person typed it from a reply the kit could not read, in <reply>.transcribed.csv) or "corrected" (a person corrected a row the kit mis-read, in <reply>.corrections.csv).'
  },
  {
    name: "correctionReason",
    type: "text",
    nullable: true,
    meaning: "For a corrected row, the reason the person gave for the correction; empty otherwise."
  },
  {
    name: "verdict",
    type: "text",
    nullable: false,
    meaning:
      'The verdict on the reading of the row\'s reply: "verified" (a check confirms it: the rows agree with a totals row or with answer 5), "unverified" (no check could run: a person should compare the rows with the reply before using them) or "conflicting" (a check fails). See the data-quality page for the reason.'
  }
];

export const RECORD_COLUMNS: (keyof TidyRecord)[] = RECORD_FIELDS.map((f) => f.name);

/** Every reply's records as flat rows, in the dictionary's field order. */
export function tidyRecords(replies: readonly ParsedReply[]): TidyRecord[] {
  return replies.flatMap((reply) => {
    const {verdict} = reply.verdict ?? verdictOf(reply);
    return reply.records.map((r) => ({
      authority: r.authority,
      file: r.file,
      periodStart: reply.meta?.periodStart ?? null,
      periodEnd: reply.meta?.periodEnd ?? null,
      ageBand: r.ageBand,
      ageRaw: r.ageRaw,
      outcome: r.outcome,
      outcomeRaw: r.outcomeRaw,
      tier: r.tier,
      severity: r.severity,
      upheld: r.upheld,
      count: r.count,
      suppressed: r.suppressed,
      countLower: r.countBounds?.[0] ?? null,
      countUpper: r.countBounds?.[1] ?? null,
      countRaw: r.countRaw,
      line: r.line,
      firstLine: r.firstLine,
      lineText: r.lineText,
      place: r.place ? placeReference(r.place) : null,
      provenance: r.provenance ?? "read",
      correctionReason: r.correction?.reason ?? null,
      verdict
    }));
  });
}

/** The type a value has, in the dictionary's terms (null for an empty value). */
export function valueType(value: unknown): FieldType | null {
  if (value == null) return null;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "text";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return "date";
  return "text";
}

/** What the rows actually hold, field by field: the types seen, and whether any value was empty. */
export function observedFields(rows: readonly object[]): Map<string, {types: Set<FieldType>; empty: number}> {
  const seen = new Map<string, {types: Set<FieldType>; empty: number}>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      const entry = seen.get(name) ?? {types: new Set(), empty: 0};
      const type = valueType(value);
      if (type) entry.types.add(type);
      else entry.empty++;
      seen.set(name, entry);
    }
  }
  return seen;
}
