/**
 * Tables from Word, OpenDocument, HTML and spreadsheets as text: one line per
 * row, cells separated by tabs, so the row-table reader reads them. Merged
 * cells are expanded onto the grid: a cell spanning rows passes its value down
 * to every row it covers (a council that merges "25-34" over three outcome rows
 * means each of them is 25-34, and no row may be dropped for a blank age); a
 * cell spanning columns keeps its value in its first column and leaves the
 * others empty, so every row keeps the header's columns.
 */

export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** Word's vMerge continuation: this cell is the lower part of the merged cell above it. */
  continuesAbove?: boolean;
}

const MAX_SPAN_ROWS = 1000;
const MAX_SPAN_COLS = 100;

/** A cell's text on one line: tabs and line breaks become spaces, runs of spaces one. */
export const cellText = (text: string) => text.replace(/[\s\u00a0]+/g, " ").trim();

/**
 * A paragraph's text as the document model keeps it: tabs stay (a letter may align a table with
 * them), one per gap; other white space becomes one space.
 */
export const paragraphText = (text: string) =>
  text
    .replace(/[ \u00a0]*\t[\t \u00a0]*/g, "\t")
    .replace(/[ \u00a0]+/g, " ")
    .trim();

/** Lays rows of cells (with their spans) out on a grid and writes one line per row. */
export function gridLines(rows: GridCell[][]): string[] {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c] !== undefined) c++; // a column taken by a cell spanning down from above
      const colSpan = clamp(cell.colSpan, MAX_SPAN_COLS);
      const rowSpan = clamp(cell.rowSpan, MAX_SPAN_ROWS);
      const text = cell.continuesAbove && r > 0 ? (grid[r - 1][c] ?? "") : cellText(cell.text);
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colSpan; dc++) grid[r + dr][c + dc] = dc === 0 ? text : "";
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) =>
    Array.from({length: width}, (_, c) => row[c] ?? "")
      .join("\t")
      .replace(/\t+$/, "")
  );
}

function clamp(span: number | undefined, max: number): number {
  return span != null && Number.isFinite(span) && span >= 1 ? Math.min(Math.floor(span), max) : 1;
}
