import type {PlaceInFile} from "../core/types.js";

/** Where a figure or a quotation stands in a reply, as a reader can follow it: "responses/x.txt, answer 7, line 28". */
export interface Place {
  file: string;
  /** Numbered answer of the reply, when the place is in one. */
  answer: number | null;
  /** 1-based line, and the last line when the place spans several. */
  line: number | null;
  endLine?: number | null;
}

/** "line 28", "lines 28-30". */
export function formatLines(line: number, endLine: number | null = null): string {
  return endLine == null || endLine === line ? `line ${line}` : `lines ${line}-${endLine}`;
}

/** "responses/x.txt, answer 7, line 28"; {withFile: false} gives "answer 7, line 28". */
export function formatPlace(place: Place, {withFile = true}: {withFile?: boolean} = {}): string {
  const parts = [
    withFile ? place.file : null,
    place.answer != null ? `answer ${place.answer}` : null,
    place.line != null ? formatLines(place.line, place.endLine ?? null) : null
  ];
  return parts.filter((p) => p != null).join(", ");
}

/**
 * A record's place in the original file, in words for a reader holding it: "page 2",
 * "sheet Table 1, cell C5" (or "cells A5:D5" when only the row's cells are known).
 */
export function formatPlaceInFile(place: PlaceInFile): string {
  if ("page" in place) return `page ${place.page}`;
  return `sheet ${place.sheet}, ${place.cell.includes(":") ? "cells" : "cell"} ${place.cell}`;
}

/**
 * The same place as a reference for a table of data: "page 2", or the cell as a spreadsheet
 * writes a reference to it ("Data!C4", "'Table 1'!C5", the name quoted when it is not one word),
 * so it can be pasted into the spreadsheet's Go To box.
 */
export function placeReference(place: PlaceInFile): string {
  if ("page" in place) return `page ${place.page}`;
  // A spreadsheet quotes a sheet's name unless it is one plain word that does not look like a cell ("C4", "R1C1").
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(place.sheet) && !/^(?:[A-Za-z]{1,3}\d+|R\d*C\d*)$/i.test(place.sheet);
  const sheet = plain ? place.sheet : `'${place.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${place.cell}`;
}
