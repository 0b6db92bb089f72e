/**
 * Splitting delimited rows (CSV, TSV, semicolons) whose quoted cells may hold
 * the delimiter, doubled quotes and line breaks, while keeping the line each
 * cell stands on, so a count in a row that spans lines still points at its own
 * line. Also reads a whole CSV text (the transcription and corrections files)
 * into rows with their lines. Pure.
 */

/** A row's cells, the 1-based line each cell's text starts on, and how many lines the row spans. */
export interface SplitRow {
  cells: string[];
  cellLines: number[];
  span: number;
}

/** A quoted cell left open this many lines is a stray quote, not a cell with line breaks. */
const MAX_SPAN = 20;

/**
 * Tokenises `text` (one or more lines joined by "\n") into cells. A cell is
 * quoted when a quote is its first character after spaces; inside, "" is a
 * quote and anything else (the delimiter, a line break) is text. Returns null
 * when a quoted cell is still open at the end.
 */
function tokenise(text: string, delimiter: string): {cells: string[]; offsets: number[]} | null {
  const cells: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  const n = text.length;
  // Spaces before a cell are padding; so are tabs, unless the tab is the delimiter.
  const padding = delimiter === "\t" ? " " : " \t";
  for (;;) {
    let start = i;
    while (start < n && padding.includes(text[start])) start++;
    let cell = "";
    let offset = start;
    let contentEnd: number;
    if (text[start] === '"') {
      let j = start + 1;
      offset = j;
      let closed = false;
      while (j < n) {
        const c = text[j];
        if (c === '"') {
          if (text[j + 1] === '"') {
            cell += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        cell += c;
        j++;
      }
      if (!closed) return null;
      contentEnd = j - 1;
      // Text after the closing quote (a council's `"3" *`) is kept, not lost.
      const end = text.indexOf(delimiter, j);
      cell += text.slice(j, end < 0 ? n : end);
      i = end < 0 ? n : end;
    } else {
      const end = text.indexOf(delimiter, i);
      cell = text.slice(i, end < 0 ? n : end);
      i = end < 0 ? n : end;
      contentEnd = i;
    }
    // The cell's line is the line of its first character that is not white space ("\n3" stands on the second line).
    let first = offset;
    while (first < contentEnd && /\s/.test(text[first])) first++;
    if (first < contentEnd) offset = first;
    cells.push(cell);
    offsets.push(offset);
    if (i >= n) break;
    i += delimiter.length;
  }
  return {cells, offsets};
}

/**
 * Splits the row that starts at `lines[index]` (0-based). When a quoted cell
 * holds line breaks, the following lines are joined until it closes; a quote
 * that never closes is taken literally, as a character of a one-line row, and
 * so is one whose joined row would have more than `maxCells` cells (a stray
 * quote that happens to meet another). Returns null when the row has no delimiter.
 */
export function splitDelimitedRow(
  lines: readonly string[],
  index: number,
  delimiter: string,
  maxCells = Infinity
): SplitRow | null {
  const first = lines[index];
  if (!first.includes('"')) {
    if (!first.includes(delimiter)) return null;
    const cells = first.split(delimiter);
    return {cells, cellLines: cells.map(() => index + 1), span: 1};
  }
  let text = first;
  for (let span = 1; span <= MAX_SPAN && index + span <= lines.length; span++) {
    if (span > 1) text += "\n" + lines[index + span - 1];
    const row = tokenise(text, delimiter);
    if (!row) continue;
    if (span > 1 && row.cells.length > maxCells) break;
    if (row.cells.length < 2) return null;
    const cellLines = row.offsets.map((offset) => index + 1 + countNewlines(text, offset));
    return {cells: row.cells, cellLines, span};
  }
  if (!first.includes(delimiter)) return null;
  const cells = first.split(delimiter);
  return {cells, cellLines: cells.map(() => index + 1), span: 1};
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** One row of a CSV file: its cells, the 1-based line it starts on, and its text as written. */
export interface CsvRow {
  cells: string[];
  line: number;
  text: string;
}

/**
 * Reads a whole CSV text into rows, each with the line it starts on, quoted
 * line breaks included. Blank lines are skipped. Returns the 1-based line of a
 * quote left open as `unclosed` instead of guessing where the cell ends.
 */
export function parseCsvRows(text: string, delimiter = ","): {rows: CsvRow[]; unclosed: number | null} {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\n|\r/);
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    if (!lines[i].includes('"')) {
      rows.push({cells: lines[i].split(delimiter), line: i + 1, text: lines[i]});
      continue;
    }
    let joined = lines[i];
    let span = 1;
    let row = tokenise(joined, delimiter);
    while (!row && i + span < lines.length) {
      joined += "\n" + lines[i + span++];
      row = tokenise(joined, delimiter);
    }
    if (!row) return {rows, unclosed: i + 1};
    rows.push({cells: row.cells, line: i + 1, text: joined});
    i += span - 1;
  }
  return {rows, unclosed: null};
}
