/**
 * Node-only: a spreadsheet reply as its grid, for the review desk's screen. SheetJS reads
 * the workbook (only one the kit's own bounded reader has already read: its zip-bomb and
 * cell limits have passed), and each sheet goes to the page as rows of cells as the
 * spreadsheet shows them, from A1, at most GRID_ROWS rows and GRID_COLUMNS columns (the
 * page says when a sheet is cut). Each sheet also names the line of the kit's text that
 * opens it (spreadsheet.ts's `sheetLine`): row R of the sheet is R lines below it, which is
 * how a record's line finds its row.
 */
import * as XLSX from "@e965/xlsx";
import {cellValue, readWorkbook, sheetLine} from "../lib/extract/formats/spreadsheet.js";

export const GRID_ROWS = 500;
export const GRID_COLUMNS = 60;

export interface SheetGrid {
  name: string;
  /** The line of the kit's text naming this sheet (1 first), or null when the text has none. */
  line: number | null;
  /** Rows from row 1, each cell's text as the spreadsheet shows it ("" for an empty cell). */
  rows: string[][];
  /** The sheet's size, A1 to its last cell (0 by 0 for an empty sheet), whatever is shown. */
  totalRows: number;
  totalColumns: number;
  /** Merged ranges within what is shown, as A1 ranges ("A5:A6"). */
  merges: string[];
}

/** The opening of the line spreadsheet.ts writes for a sheet, up to its row count. */
const sheetLinePrefix = (name: string, index: number, count: number) => {
  const line = sheetLine(name, index, count, 0);
  return line.slice(0, line.lastIndexOf(": ") + 2);
};

/** Every sheet of a workbook as a grid (see the module's comment). */
export function sheetGrids(bytes: Uint8Array, lines: readonly string[] | null): SheetGrid[] {
  // One row more than is shown is not needed: `!fullref` keeps the sheet's whole size.
  const book = readWorkbook(bytes, GRID_ROWS);
  const names = book.SheetNames ?? [];
  let from = 0;
  return names.map((name, i) => {
    const sheet = book.Sheets[name];
    const ref = sheet?.["!fullref"] ?? sheet?.["!ref"];
    const range = ref ? XLSX.utils.decode_range(ref) : null;
    const totalRows = range ? range.e.r + 1 : 0;
    const totalColumns = range ? range.e.c + 1 : 0;
    const data = (sheet?.["!data"] ?? []) as (XLSX.CellObject | undefined)[][];
    const rowCount = Math.min(totalRows, GRID_ROWS);
    const columnCount = Math.min(totalColumns, GRID_COLUMNS);
    const rows = Array.from({length: rowCount}, (_, r) =>
      Array.from({length: columnCount}, (_, c) => cellValue(data[r]?.[c]))
    );
    const merges = (sheet?.["!merges"] ?? [])
      .filter((m) => m.s.r < rowCount && m.s.c < columnCount)
      .map((m) => XLSX.utils.encode_range(m));
    let line: number | null = null;
    if (lines) {
      const prefix = sheetLinePrefix(name, i + 1, names.length);
      const at = lines.findIndex((l, j) => j >= from && l.startsWith(prefix));
      if (at >= 0) {
        line = at + 1;
        from = at + 1;
      }
    }
    return {name, line, rows, totalRows, totalColumns, merges};
  });
}
