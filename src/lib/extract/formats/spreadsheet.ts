/**
 * Node-only: spreadsheets (.xlsx, old binary .xls, OpenDocument .ods) through
 * SheetJS Community Edition. Every sheet is kept, in workbook order: a line
 * names the sheet, then one line per spreadsheet row from row 1, cells as the
 * spreadsheet shows them (its number formats: "3.1%", "<5") separated by tabs.
 * So row R of a sheet is R lines below the line naming it, and a title above
 * the header or notes below the table stay where they were. A cell merged down
 * over several rows passes its value to each of them. Each sheet's name, its
 * first line and, where a row does not start in column A, the column it starts
 * in are kept beside the text (LinePlaces), so a record can name its cell.
 */
import * as XLSX from "@e965/xlsx";
import * as cptable from "@e965/xlsx/dist/cpexcel.full.mjs";
import {LIMITS, tooBig} from "./limits.js";
import {openZip} from "./zip.js";
import {cellText} from "./grid.js";
import {ReplyError} from "../../core/errors.js";
import type {LinePlaces} from "../../core/types.js";

// Old .xls files store text in the Windows code page they were saved with.
XLSX.set_cptable(cptable);

export type SheetFormat = "xlsx" | "xls" | "ods";
const NAMES: Record<SheetFormat, string> = {xlsx: "Excel .xlsx", xls: "Excel .xls", ods: "OpenDocument .ods"};

/** The line that opens a sheet in the text; row R of the sheet is R lines below it. */
export const sheetLine = (name: string, index: number, count: number, rows: number) =>
  `Sheet "${name.replace(/[\t,;|]/g, " ")}" (${index} of ${count}): ${rows === 0 ? "empty" : `its rows 1 to ${rows} follow, one line each`}`;

export function spreadsheetText(
  bytes: Uint8Array,
  file: string,
  format: SheetFormat
): {text: string; places: LinePlaces} {
  // Zip-based workbooks are checked for bombs before SheetJS unpacks them.
  if (format !== "xls") {
    const zip = openZip(bytes, file, NAMES[format]);
    zip.verifyAll();
    if (format === "ods") checkOdsRepeats(zip.text("content.xml") ?? "", file);
  }
  let book: XLSX.WorkBook;
  try {
    // sheetRows stops SheetJS reading rows past the cell limit (a sheet of that many rows is over it anyway).
    book = readWorkbook(bytes, LIMITS.sheetCells);
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(file, null, `the file is not a readable ${NAMES[format]} workbook (${why})`);
  }
  const names = book.SheetNames ?? [];
  if (names.length === 0) throw new ReplyError(file, null, `the ${NAMES[format]} workbook has no sheets`);
  const out: string[] = [];
  const sheets: NonNullable<LinePlaces["sheets"]> = [];
  let cells = 0;
  names.forEach((name, index) => {
    const {rows, columns} = sheetRows(book.Sheets[name], file);
    cells += rows.reduce((n, row) => n + row.length, 0);
    if (cells > LIMITS.sheetCells)
      tooBig(file, `its sheets hold more than ${LIMITS.sheetCells.toLocaleString("en-GB")} cells`);
    out.push(sheetLine(name, index + 1, names.length, rows.length));
    // Kept only when some row starts right of column A: most sheets need no list of columns.
    sheets.push({name, line: out.length, rows: rows.length, ...(columns.some((c) => c > 0) ? {columns} : {})});
    out.push(...rows.map((row) => row.join("\t").replace(/\t+$/, "")));
  });
  if (!out.some((line, i) => i > 0 && line.trim() && !line.startsWith('Sheet "')))
    throw new ReplyError(file, null, `the ${NAMES[format]} workbook's sheets are empty`);
  return {text: out.join("\n") + "\n", places: {sheets}};
}

/**
 * An OpenDocument sheet states repeats (`table:number-rows-repeated`,
 * `table:number-columns-repeated`) that SheetJS expands before any cell limit
 * applies: a 1 KB file can ask for a billion cells. The cells with content are
 * counted as stated (a cell with text, or a value in its attributes), before
 * SheetJS reads anything. Empty repeated cells (every LibreOffice sheet ends with
 * a million empty rows) are not counted: they are no cells.
 */
function checkOdsRepeats(xml: string, file: string): void {
  const tag = /<(\/?)table:(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
  const repeat = (attributes: string, name: string) =>
    Number(new RegExp(`table:number-${name}-repeated="(\\d+)"`).exec(attributes)?.[1] ?? 1);
  let rows = 1;
  let cells = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [, closing, element, attributes, selfClosing] = m;
    if (closing) {
      if (element === "table-row") rows = 1;
    } else if (element === "table-row") rows = repeat(attributes, "rows");
    else if (!selfClosing || attributes.includes("office:value-type=")) {
      cells += rows * repeat(attributes, "columns");
      if (cells > LIMITS.sheetCells)
        tooBig(
          file,
          `its repeated rows and columns would make more than ${LIMITS.sheetCells.toLocaleString("en-GB")} cells with content, the most the kit reads`
        );
    }
  }
}

/**
 * A workbook as the kit reads it: cells' values and formatted text, no formulas, styles or macros,
 * at most `sheetRows` rows a sheet (SheetJS stops reading there), quietly. The review desk's grid
 * reads workbooks the same way.
 */
export function readWorkbook(bytes: Uint8Array, sheetRows: number): XLSX.WorkBook {
  return quietly(() =>
    XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      sheetRows,
      WTF: false
    })
  );
}

/** SheetJS logs records it does not know ("Missing Info for XLS Record ...") to the console; a reader's output is its text or its error. */
function quietly<T>(read: () => T): T {
  const saved = [console.log, console.warn, console.error];
  console.log = console.warn = console.error = () => undefined;
  try {
    return read();
  } finally {
    [console.log, console.warn, console.error] = saved;
  }
}

/**
 * A sheet's rows from row 1 to its last row with content, each from its block's first used column to the
 * sheet's last, and the column (0 for A) each row's first cell is in.
 */
function sheetRows(sheet: XLSX.WorkSheet | undefined, file: string): {rows: string[][]; columns: number[]} {
  const data = (sheet?.["!data"] ?? []) as (XLSX.CellObject | undefined)[][];
  const text: string[][] = [];
  let last = -1;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const value = cellValue(row[c]);
      if (value === "") continue;
      (text[r] ??= [])[c] = value;
      last = Math.max(last, c);
    }
  }
  // A merged cell holds its value in its top-left cell only; pass it down the rows it covers.
  for (const merge of sheet?.["!merges"] ?? []) {
    const value = text[merge.s.r]?.[merge.s.c];
    if (value == null) continue;
    for (let r = merge.s.r + 1; r <= Math.min(merge.e.r, data.length - 1); r++) (text[r] ??= [])[merge.s.c] = value;
  }
  if (last < 0) return {rows: [], columns: []};
  // Checked before the grid is laid out: a stray cell far to the right must not make it huge.
  if (text.length * (last + 1) > LIMITS.sheetCells)
    tooBig(
      file,
      `a sheet spans ${text.length.toLocaleString("en-GB")} rows by ${(last + 1).toLocaleString("en-GB")} columns; the kit reads at most ${LIMITS.sheetCells.toLocaleString("en-GB")} cells`
    );
  // Rows run from the block's first used column, a block being rows between empty rows: a table that
  // starts in column B under a title in column A keeps no empty first cell (a line starting with a tab
  // reads as the tab-indented layout). A title or note left of its block's table starts where it starts.
  const full = Array.from({length: text.length}, (_, r) =>
    Array.from({length: last + 1}, (_, c) => text[r]?.[c] ?? "")
  );
  const firstUsed = (row: string[]) => row.findIndex((cell) => cell !== "");
  const rows: string[][] = [];
  const columns: number[] = [];
  for (let r = 0; r < full.length;) {
    if (firstUsed(full[r]) < 0) {
      rows.push([]);
      columns.push(0);
      r++;
      continue;
    }
    let end = r;
    while (end < full.length && firstUsed(full[end]) >= 0) end++;
    const block = full.slice(r, end);
    const tableRows = block.filter((row) => row.filter((cell) => cell !== "").length >= 2);
    const start = (tableRows.length ? tableRows : block).reduce((min, row) => Math.min(min, firstUsed(row)), Infinity);
    for (const row of block) {
      const from = Math.min(start, firstUsed(row));
      rows.push(row.slice(from));
      columns.push(from);
    }
    r = end;
  }
  return {rows, columns};
}

/** The cell as the spreadsheet shows it: its formatted text, else its value. */
/** A cell as the spreadsheet shows it: its formatted text, else its value (a date as YYYY-MM-DD). */
export function cellValue(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === "z") return "";
  const shown =
    cell.w ?? (cell.v == null ? "" : String(cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : cell.v));
  return cellText(shown);
}
