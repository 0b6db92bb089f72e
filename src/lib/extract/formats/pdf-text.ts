/**
 * Turning what the PDF library (and OCR) hand back, pieces of text with their
 * positions, into plain text with one table row per line (cells separated by
 * tabs), so the row-table reader can read it and every number has a line in
 * the extracted text. Pure: no file access. (Word, spreadsheets and the other
 * formats are turned into text by their readers in src/lib/extract/formats/.)
 */

/** One piece of text on a PDF page, as pdf.js reports it. */
export interface PdfTextItem {
  str: string;
  /** pdf.js's transform matrix: [a, b, c, d, x, y]. */
  transform: number[];
  width: number;
  height: number;
}

/** A run of text on one line, with where it starts and ends on the page. */
interface Chunk {
  text: string;
  x0: number;
  x1: number;
}

interface Line {
  y: number;
  size: number;
  chunks: Chunk[];
}

/**
 * A page's items as lines, top to bottom; on each line the items, left to
 * right, are joined into chunks: a gap wider than about a character (or two
 * spaces inside one item) separates chunks, a smaller gap is a space.
 */
function pageLines(items: PdfTextItem[]): Line[] {
  const words = items.filter(
    (it) =>
      typeof it.str === "string" &&
      it.str.trim() !== "" &&
      Array.isArray(it.transform) &&
      it.transform.length >= 6 &&
      it.transform.every(Number.isFinite)
  );
  const rows: {y: number; size: number; items: PdfTextItem[]}[] = [];
  for (const it of words) {
    const y = it.transform[5];
    const size = Math.abs(it.height || Math.hypot(it.transform[2], it.transform[3]) || 10);
    const row = rows.find((r) => Math.abs(r.y - y) <= Math.max(2, Math.min(r.size, size) * 0.4));
    if (row) row.items.push(it);
    else rows.push({y, size, items: [it]});
  }
  rows.sort((a, b) => b.y - a.y); // PDF's y axis points up
  return rows.map((row) => {
    // An item holding a whole line ("16-24    Dismissal    1") is split where it has two or more spaces.
    const pieces: Chunk[] = [];
    for (const it of row.items) {
      const x = it.transform[4];
      const width = it.width || 0;
      const perChar = it.str.length ? width / it.str.length : 0;
      for (const m of it.str.matchAll(/\S+(?: \S+)*/g)) {
        pieces.push({
          text: m[0].replace(/\t/g, " "),
          x0: x + perChar * m.index!,
          x1: x + perChar * (m.index! + m[0].length)
        });
      }
    }
    pieces.sort((a, b) => a.x0 - b.x0);
    const chunks: Chunk[] = [];
    for (const piece of pieces) {
      const last = chunks.at(-1);
      const gap = last ? piece.x0 - last.x1 : Infinity;
      if (last && gap <= Math.max(6, row.size * 0.9)) {
        last.text += gap > row.size * 0.15 ? ` ${piece.text}` : piece.text;
        last.x1 = Math.max(last.x1, piece.x1);
      } else {
        chunks.push({...piece});
      }
    }
    return {y: row.y, size: row.size, chunks};
  });
}

/** Which column a chunk sits in: the column whose span it overlaps most, or null when it straddles columns. */
function columnOf(chunk: Chunk, starts: number[], tolerance: number): number | null {
  const width = Math.max(chunk.x1 - chunk.x0, 1e-6);
  let best = -1;
  let bestOverlap = -1;
  for (let k = 0; k < starts.length; k++) {
    const from = k === 0 ? -Infinity : starts[k] - tolerance;
    const to = k + 1 < starts.length ? starts[k + 1] - tolerance : Infinity;
    const overlap = Math.min(chunk.x1, to) - Math.max(chunk.x0, from);
    if (overlap > bestOverlap) [best, bestOverlap] = [k, overlap];
  }
  return bestOverlap >= width * 0.7 || (chunk.x1 - chunk.x0 < tolerance && bestOverlap >= 0) ? best : null;
}

const NUMERIC = /^(?:[<>≤*~]|\d|fewer|less|under|withheld|redacted|nil|none|-$)/i;

/** A table being read: its columns (from its header line) and its rows so far. */
interface Table {
  starts: number[];
  size: number;
  rows: {cells: string[]; y: number; raw: Line[]}[];
  /** Columns in which rows have held numbers: a line with a number there starts a row of its own. */
  countColumns: Set<number>;
  /** How many rows (besides the header) the table has read; a header followed by none was not a table. */
  bodyRows: number;
}

const joinChunks = (line: Line) => line.chunks.map((c) => c.text).join("\t");
const rowText = (cells: string[]) => cells.join("\t").replace(/\t+$/, "");

/**
 * Puts pages' text items back into lines: items at the same height form a
 * line, read left to right; a gap wider than about a character becomes a tab
 * (a column break in a table), a smaller gap a space. A table (a line of two
 * or more columns followed by lines whose pieces fall in those columns) is
 * read against its header's columns: each piece goes in the column it sits
 * under, an empty cell stays an empty cell, two pieces under one column are
 * one cell ("first written warning" spread out), and a line holding only
 * the rest of cells that wrapped ("Final written" / "warning") is joined to
 * the row above. A table running onto the next page keeps its columns. Pages
 * follow each other with a blank line between them.
 */
export function pdfItemsToText(pages: PdfTextItem[][]): string {
  const out: string[] = [];
  let table: Table | null = null;
  const flush = () => {
    if (!table) return;
    if (table.bodyRows === 0) for (const row of table.rows) out.push(...row.raw.map(joinChunks));
    else for (const row of table.rows) out.push(rowText(row.cells));
    table.rows = [];
  };
  const startTable = (line: Line) => {
    if (line.chunks.length >= 2)
      table = {
        starts: line.chunks.map((c) => c.x0),
        size: line.size,
        rows: [{cells: line.chunks.map((c) => c.text), y: line.y, raw: [line]}],
        countColumns: new Set(),
        bodyRows: 0
      };
    else out.push(joinChunks(line));
  };
  for (const items of pages) {
    const lines = pageLines(items);
    lines.forEach((line, index) => {
      if (table) {
        const tolerance = Math.max(2, table.size * 0.5);
        const columns = line.chunks.map((c) => columnOf(c, table!.starts, tolerance));
        const fits = columns.every((c) => c != null) && (index > 0 || line.chunks.length >= 2 || table.rows.length > 0);
        if (fits) {
          const cells = table.starts.map(() => "");
          line.chunks.forEach(
            (c, k) => (cells[columns[k]!] = cells[columns[k]!] ? `${cells[columns[k]!]} ${c.text}` : c.text)
          );
          const previous = table.rows.at(-1);
          const close = previous != null && previous.y - line.y <= Math.max(line.size, table.size) * 1.6;
          const ownCount = columns.some((c, k) => table!.countColumns.has(c!) && NUMERIC.test(line.chunks[k].text));
          const continues = previous != null && close && cells[0] === "" && !ownCount;
          const last = table.starts.length - 1;
          if (
            !continues &&
            table.bodyRows === 0 &&
            line.chunks.length > table.starts.length &&
            columns.filter((c) => c === last).length >= 2
          ) {
            // A line of more columns right after a would-be header of fewer ("MADE UP" above "Age group  Outcome  Number")
            // is the real header: its extra pieces all pile into the last column, which has no right edge.
            flush();
            table = null;
            startTable(line);
            return;
          }
          if (previous && continues) {
            // The rest of cells that wrapped onto a second line.
            previous.cells = previous.cells.map((cell, k) =>
              cells[k] ? (cell ? `${cell} ${cells[k]}` : cells[k]) : cell
            );
            previous.raw.push(line);
            previous.y = line.y;
          } else {
            if (table.rows.length > 0 || index === 0) table.bodyRows++;
            cells.forEach((cell, k) => NUMERIC.test(cell) && k > 0 && table!.countColumns.add(k));
            table.rows.push({cells, y: line.y, raw: [line]});
          }
          return;
        }
        flush();
        table = null;
      }
      startTable(line);
    });
    flush(); // the table's columns carry over to the next page
    out.push("");
  }
  return out.join("\n");
}
