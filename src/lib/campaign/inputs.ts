/**
 * The campaign's own files, checked: the request (data/campaign/request.json)
 * and the authorities it went to (data/campaign/authorities.csv, optional).
 * Bad input is a ReplyError naming the file and, for the CSV, the line.
 * Pure: the loaders read the files and pass the text here.
 */
import {csvParseRows} from "d3-dsv";
import {ReplyError} from "../core/errors.js";
import type {AskedAuthority, CampaignRequest} from "./campaign-data.js";

export const REQUEST_FILE = "campaign/request.json";
export const AUTHORITIES_FILE = "campaign/authorities.csv";

/** Checks request.json; `file` names it in errors. */
export function parseRequest(text: string, file = REQUEST_FILE): CampaignRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReplyError(file, null, `not valid JSON (${(error as Error).message})`);
  }
  if (value == null || typeof value !== "object" || Array.isArray(value))
    throw new ReplyError(file, null, "expected an object with title, sent, periodEnd, ageBands, questions, source");
  const r = value as Record<string, unknown>;
  const missing = ["title", "sent", "periodEnd", "source"].filter(
    (k) => typeof r[k] !== "string" || !(r[k] as string).trim()
  );
  if (missing.length) throw new ReplyError(file, null, `lacks ${missing.join(", ")} (non-empty text)`);
  if (!Array.isArray(r.ageBands) || !r.ageBands.length || !r.ageBands.every((b) => typeof b === "string" && b.trim()))
    throw new ReplyError(file, null, 'ageBands must be a list of age bands as text, e.g. ["16-24", "25-34"]');
  if (new Set(r.ageBands).size !== r.ageBands.length)
    throw new ReplyError(file, null, "ageBands names an age band twice");
  if (!Array.isArray(r.questions)) throw new ReplyError(file, null, "questions must be a list of {number, text}");
  const numbers = new Set<number>();
  r.questions.forEach((q: unknown, i) => {
    const question = q as Record<string, unknown> | null;
    if (!Number.isInteger(question?.number) || typeof question?.text !== "string" || !question.text.trim())
      throw new ReplyError(file, null, `question ${i + 1} needs a whole "number" and a non-empty "text"`);
    if (numbers.has(question.number as number))
      throw new ReplyError(file, null, `question number ${String(question.number)} appears twice`);
    numbers.add(question.number as number);
  });
  return {
    title: r.title as string,
    sent: r.sent as string,
    periodEnd: r.periodEnd as string,
    ageBands: r.ageBands as string[],
    questions: (r.questions as {number: number; text: string}[]).map((q) => ({number: q.number, text: q.text})),
    source: r.source as string
  };
}

const COLUMNS = ["name", "code", "type", "region"] as const;

/** Names compared as a reader would: case, accents and runs of spaces do not matter. */
export function sameNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Reads authorities.csv: a header naming `name` (required) and any of `code`,
 * `type`, `region`, in any order; one authority a row. Empty cells are null;
 * blank lines are skipped; a name given twice is an error naming both lines.
 */
export function parseAuthoritiesCsv(text: string, file = AUTHORITIES_FILE): AskedAuthority[] {
  const rows = csvParseRows(text.replace(/^\uFEFF/, ""));
  // Lines counted as the file has them (a quoted cell may hold a line break).
  const lineOf: number[] = [];
  let line = 1;
  for (const row of rows) {
    lineOf.push(line);
    line += 1 + row.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  }
  if (!rows.length)
    throw new ReplyError(file, 1, "empty: expected a header row naming the columns name, code, type, region");
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => h && !(COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    throw new ReplyError(file, 1, `unknown column ${unknown[0]}: the columns are name, code, type, region`);
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  if (at.name < 0) throw new ReplyError(file, 1, "the header needs a name column");
  const seen = new Map<string, number>();
  const out: AskedAuthority[] = [];
  rows.slice(1).forEach((row, i) => {
    const lineNo = lineOf[i + 1];
    if (row.every((cell) => !cell.trim())) return;
    const cell = (c: (typeof COLUMNS)[number]) => (at[c] < 0 ? null : row[at[c]]?.trim() || null);
    const name = cell("name");
    if (!name) throw new ReplyError(file, lineNo, "no name in this row");
    const key = sameNameKey(name);
    if (seen.has(key)) throw new ReplyError(file, lineNo, `${name} is listed already, at line ${seen.get(key)}`);
    seen.set(key, lineNo);
    out.push({name, code: cell("code"), type: cell("type"), region: cell("region")});
  });
  return out;
}
