/**
 * CSV that a spreadsheet opens as data, never as formulas: the one rule for every
 * CSV the kit writes (records.csv, the explorer's table, transcription templates).
 *
 * A cell starting with `=`, `+`, `-` or `@` is a formula to Excel, LibreOffice and
 * Google Sheets (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`), and a leading tab or
 * carriage return lets one through in some of them. Following OWASP's guidance on
 * CSV injection, such a cell is written with a single quote in front, which
 * spreadsheets show as text. A number ("-3", "+1.5", "12") is left as it is: it is
 * no formula, and a quote would turn it into text. Here, not in present/, because
 * the parsers (parse/) write transcription templates and must not import from
 * further down the library's path.
 */
import {csvFormat, csvFormatRows} from "d3-dsv";

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell's text made safe for a spreadsheet: a leading formula character gets a `'` in front, numbers are untouched. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

/** The reverse, for CSV a person edits and the kit reads back (a transcription started from a template). */
export function unguardFormula(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) && !NUMBER.test(text.slice(1)) ? text.slice(1) : text;
}

const safeValue = (value: unknown): unknown => (typeof value === "string" ? formulaSafe(value) : value);

/** d3-dsv's csvFormat (objects, named columns), every text cell made formula-safe. */
export function safeCsvFormat<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const safe = rows.map((row) =>
    Object.fromEntries(columns.map((c) => [c, safeValue((row as Record<string, unknown>)[c])]))
  );
  return csvFormat(safe, [...columns]);
}

/** d3-dsv's csvFormatRows (arrays of cells), every text cell made formula-safe. */
export function safeCsvFormatRows(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[]
): string {
  return csvFormatRows(
    rows.map((row) => row.map((cell) => (typeof cell === "string" ? formulaSafe(cell) : cell))) as string[][]
  );
}
