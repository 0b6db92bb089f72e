/**
 * Where each record's count stands in the original file: the page of a PDF, or
 * the sheet and cell of a spreadsheet, from the record's line and the map of
 * lines to places its reader kept (LinePlaces). The one place a record gets its
 * `place`: the read path calls it after parsing. Pure.
 */
import {cleanCell, splitLines} from "../core/text.js";
import type {CaseRecord, LinePlaces, PlaceInFile} from "../core/types.js";

type Sheet = NonNullable<LinePlaces["sheets"]>[number];

/** "A" for column 0, "Z" for 25, "AA" for 26: a spreadsheet's own names for its columns. */
export function columnName(column: number): string {
  let name = "";
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** The page a line is on: the last page starting at or before it; null before the first. */
export function pageOf(line: number, pages: readonly number[]): number | null {
  let page: number | null = null;
  for (let k = 0; k < pages.length && pages[k] <= line; k++) page = k + 1;
  return page;
}

/** The sheet a line is a row of, and the row's number (1 is the sheet's first); null for a sheet's own line. */
function rowOf(line: number, sheets: readonly Sheet[]): {sheet: Sheet; row: number} | null {
  const sheet = sheets.find((s) => s.line < line && line <= s.line + s.rows);
  return sheet ? {sheet, row: line - sheet.line} : null;
}

/**
 * The records with `place` set where the map gives one. A PDF's record is on
 * the page of its count's line. A spreadsheet's record names its count's cell:
 * the one cell of its row written as the count ("3", "<5"); when several are
 * (a cross-tab's row "16-24  1  1  2"), the one under the header cell naming
 * the record's outcome or age band; failing that, the one cell holding the
 * count among words. When no single cell can be told, the record names the
 * cells of its row ("A4:D4"), never a guess.
 */
export function placeRecords(
  records: readonly CaseRecord[],
  text: string,
  places: LinePlaces | undefined,
  headerLine: number | null
): CaseRecord[] {
  if (!places || records.length === 0) return [...records];
  const {pages, sheets} = places;
  let lines: string[] | null = null;
  const cellsOn = (line: number) => (lines ??= splitLines(text))[line - 1]?.split("\t").map(cleanCell) ?? [];
  return records.map((record) => {
    let place: PlaceInFile | null = null;
    if (pages?.length) {
      const page = pageOf(record.line, pages);
      if (page != null) place = {page};
    } else if (sheets?.length) {
      place = cellOf(record, sheets, cellsOn, headerLine);
    }
    return place ? {...record, place} : record;
  });
}

function cellOf(
  record: CaseRecord,
  sheets: readonly Sheet[],
  cellsOn: (line: number) => string[],
  headerLine: number | null
): PlaceInFile | null {
  const at = rowOf(record.line, sheets);
  if (!at) return null;
  const {sheet, row} = at;
  // A cell's column in the sheet: its place in the line plus the column the row's line starts in.
  const start = (r: number) => sheet.columns?.[r - 1] ?? 0;
  const cells = cellsOn(record.line);
  const want = cleanCell(record.countRaw);
  let hits = cells.flatMap((cell, k) => (cell === want ? [start(row) + k] : []));
  if (hits.length > 1 && headerLine != null) {
    const header = rowOf(headerLine, sheets);
    if (header?.sheet === sheet) {
      const labels = [record.outcomeRaw, record.ageRaw].map((l) => cleanCell(l).toLowerCase());
      const named = cellsOn(headerLine).flatMap((cell, k) =>
        labels.includes(cell.toLowerCase()) ? [start(header.row) + k] : []
      );
      hits = hits.filter((column) => named.includes(column));
    }
  }
  if (hits.length === 0 && want !== "") {
    // The count inside a cell of words ("3 employees"): the one cell holding it as a word.
    const word = new RegExp(`(?:^|[^\\w.])${want.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:$|[^\\w.])`);
    const holding = cells.flatMap((cell, k) => (word.test(cell) ? [start(row) + k] : []));
    if (holding.length === 1) hits = holding;
  }
  if (hits.length === 1) return {sheet: sheet.name, cell: `${columnName(hits[0])}${row}`};
  // No single cell: the cells of the row, over its lines when it spans several, from its first to its last written cell.
  const first = rowOf(record.firstLine, sheets)?.sheet === sheet ? record.firstLine - sheet.line : row;
  let [from, to] = [Infinity, -1];
  for (let r = first; r <= row; r++)
    cellsOn(sheet.line + r).forEach((cell, k) => {
      if (cell === "") return;
      from = Math.min(from, start(r) + k);
      to = Math.max(to, start(r) + k);
    });
  if (to < 0) return null;
  const cell =
    from === to && first === row ? `${columnName(from)}${row}` : `${columnName(from)}${first}:${columnName(to)}${row}`;
  return {sheet: sheet.name, cell};
}
