/**
 * Layout analysis of text: the runs of lines that read as rows of cells, each
 * run a grid with every cell's line. Every format reaches the parser as text
 * with one table row per line (cells separated by tabs, src/lib/extract/), and
 * councils' own text replies lay tables out with tabs, pipes, runs of spaces,
 * commas, or bullets with dashes between the cells ("• 25-34 – Final written
 * warning – 2"); Leicester's reply puts each cell on a tab-indented line of
 * its own. Each way of splitting a line is tried on its own, so a run of rows
 * is found whatever splits it; which grid is a table is decided by its cells'
 * types (typed.ts), not here.
 */
import {AGE_BAND_AT_START} from "./cells.js";
import {splitDelimitedRow} from "./delimited.js";
import {isRuleLine} from "./rows.js";
import {cleanCell, isBlank} from "../../core/text.js";

export interface GridCell {
  text: string;
  /** 1-based line of the reply's text the cell stands on. */
  line: number;
}

export interface GridRow {
  cells: GridCell[];
  /** 1-based first line of the row, and the row as written (its lines joined). */
  firstLine: number;
  text: string;
}

export interface Grid {
  /** How the rows were split, in the words the kit reports a table's layout with. */
  layout: string;
  rows: GridRow[];
  /** 1-based first and last lines of the grid. */
  startLine: number;
  endLine: number;
}

interface LineSplitter {
  layout: string;
  /** True when one row alone may be a table: cells split by tabs, pipes or a list item's dashes. */
  single?: boolean;
  /**
   * The cells of lines[i] (how many lines the row takes, and the 1-based line each cell starts on
   * when a row spans lines), or null when it is not a row of two or more cells.
   */
  split(lines: readonly string[], i: number): {cells: string[]; span: number; cellLines?: number[]} | null;
}

/** A line of nothing but white space (non-breaking spaces included), tested without rewriting it. */
const BLANK = /^[\s\u00a0\u2007\u202f\ufeff]*$/;

const atLeastTwo = (cells: string[]) => (cells.filter((c) => c.trim()).length >= 2 ? cells : null);

/** A list item's marker: a bullet, a dash or a star before the row's first cell. */
const BULLET = /^\s*(?:[•·▪◦‣∙●○■□➢➤►*]|-(?=\s)|–(?=\s))\s*/;

const SPLITTERS: LineSplitter[] = [
  {
    layout: "tab-separated rows",
    single: true,
    split(lines, i) {
      const line = lines[i].replace(/\s+$/, "");
      if (!/\S\t|\t\S/.test(line) || /^\t[^\t]*$/.test(line)) return null;
      // A quoted cell may hold tabs and line breaks (a spreadsheet saved as TSV): the row then spans lines.
      const row = splitDelimitedRow(lines, i, "\t", 32);
      const cells = row && atLeastTwo(row.cells);
      return cells && {cells, span: row.span, cellLines: row.cellLines};
    }
  },
  {
    layout: "pipe table",
    single: true,
    split(lines, i) {
      const line = lines[i].trim();
      if ((line.match(/\|/g) ?? []).length < 2 && !/^\|/.test(line)) return null;
      const cells = atLeastTwo(line.replace(/^\|/, "").replace(/\|$/, "").split("|"));
      return cells && {cells, span: 1};
    }
  },
  {
    layout: "list rows",
    single: true,
    split(lines, i) {
      // "• 25-34 – Final written warning – 2", "25-34: dismissal: 1": cells between spaced dashes or colons.
      // A spaced hyphen separates cells only in a list item: elsewhere it is a cross-tab's mark for none.
      const bulleted = BULLET.test(lines[i]);
      // "25 - 34" is one cell, an age band, not two cells either side of a separator.
      const line = lines[i]
        .replace(BULLET, "")
        .trim()
        .replace(/(?<![\d\-–—])(\d{2})\s+[-–—]\s+(\d{2})(?![\d\-–—])/g, (all, from: string, to: string) =>
          Number(from) >= 15 && Number(from) < Number(to) ? `${from}-${to}` : all
        );
      const cells = line.split(bulleted ? /\s+[–—-]\s+|\s*:\s+|\s*;\s+/ : /\s+[–—]\s+|\s*:\s+|\s*;\s+/);
      const fair = cells.every((c) => c.length <= 80 && !/^\s*[-–—]?\s*$/.test(c));
      return cells.length >= 2 && cells.length <= 8 && fair ? {cells, span: 1} : null;
    }
  },
  {
    layout: "space-aligned columns",
    split(lines, i) {
      // Tabs are the tab splitter's: collapsing a run of them would shift a cross-tab's blank cells.
      if (lines[i].includes("\t")) return null;
      const cells = atLeastTwo(
        lines[i]
          .replace(BULLET, "")
          .trim()
          .split(/\s{2,}/)
      );
      return cells && {cells, span: 1};
    }
  },
  {
    layout: "rows spaced by single spaces",
    split(lines, i) {
      // "25-34 Final written warning 1", "Total 4": a letter typed with one space between its columns.
      // Only an age band first and a count last mark the cells off; the middle is one cell.
      const line = lines[i].replace(BULLET, "").trim();
      if (line.includes("\t") || /\s{2,}/.test(line)) return null;
      const total = /^((?:grand\s+)?total)\s*:?\s+(\d+)$/i.exec(line);
      if (total) return {cells: [total[1], total[2]], span: 1};
      const aged = AGE_BAND_AT_START.exec(line);
      const counted = aged && /^(.+?)\s+(\d{1,4}|[<>≤]\s?\d+|\*|-|–|—|nil|none)$/i.exec(aged[2]);
      return counted && counted[1].length <= 60 ? {cells: [aged[1], counted[1], counted[2]], span: 1} : null;
    }
  },
  {
    layout: "comma-separated rows",
    split(lines, i) {
      if (!lines[i].includes(",")) return null;
      const row = splitDelimitedRow(lines, i, ",", 16);
      if (!row) return null;
      const cells = atLeastTwo(row.cells);
      return cells && cells.length <= 16 && cells.every((c) => c.length <= 80)
        ? {cells, span: row.span, cellLines: row.cellLines}
        : null;
    }
  }
];

/** Rows of one splitter: maximal runs of consecutive rows, a blank or rule line between rows allowed. */
/** What gridsOf works out once per text, for every splitter: which lines are blank or rules, which repeat. */
interface LineFacts {
  skip: boolean[];
  repeated: ReadonlySet<string>;
}

function runsOf(lines: readonly string[], splitter: LineSplitter, facts: LineFacts): Grid[] {
  const grids: Grid[] = [];
  let rows: GridRow[] = [];
  let gap = 0;
  const close = () => {
    // One row is a table only where its cells are marked off unmistakably (tabs, pipes, a list item's dashes).
    if (rows.length >= 2 || (rows.length === 1 && splitter.single))
      grids.push({
        layout: splitter.layout,
        rows,
        startLine: rows[0].firstLine,
        endLine: rows.at(-1)!.cells.reduce((m, c) => Math.max(m, c.line), rows.at(-1)!.firstLine)
      });
    rows = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (facts.skip[i]) {
      if (++gap > 1) close();
      continue;
    }
    const row = lines[i].length <= 2000 ? splitter.split(lines, i) : null;
    if (!row) {
      // A table running onto the next page: a few lines of page furniture, then its header again.
      const resume = rows.length ? resumeAfterBreak(lines, i, splitter, rows, facts.repeated) : -1;
      if (resume >= 0) {
        i = resume - 1;
        continue;
      }
      close();
      gap = 0;
      continue;
    }
    if (rows.length && isHeaderAgain(row.cells, rows[0])) continue; // the header repeated on a new page
    gap = 0;
    rows.push({
      cells: row.cells.map((text, k) => ({text: cleanCell(text), line: row.cellLines?.[k] ?? i + 1})),
      firstLine: i + 1,
      text: lines.slice(i, i + row.span).join("\n")
    });
    i += row.span - 1;
  }
  close();
  return grids;
}

const sameCells = (cells: string[], row: GridRow) =>
  cells.length === row.cells.length &&
  cells.every((c, k) => cleanCell(c).toLowerCase() === row.cells[k].text.toLowerCase());

/** A row the same as the grid's first, which has no number of its own: a header repeated, not a data row repeated. */
const isHeaderAgain = (cells: string[], first: GridRow) =>
  sameCells(cells, first) && !first.cells.some((c) => /^\d+$/.test(c.text));

/** Lines a page break leaves between a table's two halves: page numbers, "continued", a form feed. */
const PAGE_FURNITURE = /^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?|\(?cont(?:inued|'d|d)?\.?\)?|\f)\s*$/i;

/** A caption saying a table goes on from the page before: "Table 1 (continued)", "cont'd". */
const CONTINUED = /\b(?:continued|cont(?:'d|d)?\.?)(?=\W|$)/i;

/**
 * Where a grid's rows resume after a page break at `from` (0-based: the next
 * line to read as a row), or -1. Only page furniture, blank lines, running
 * heads (lines the document repeats) and a "continued" caption may stand
 * between, and up to two other short lines where that caption says the table
 * goes on: any other caption ("Agency workers:") means a new table, not the
 * same one continued. The rows resume after the grid's header if it stands
 * again; without it, they resume only where something says the page broke (a
 * page number, "continued") and the next row has as many cells as the last.
 */
function resumeAfterBreak(
  lines: readonly string[],
  from: number,
  splitter: LineSplitter,
  rows: readonly GridRow[],
  repeated: ReadonlySet<string>
): number {
  let paged = false,
    continued = false,
    other = 0;
  for (let k = from; k < Math.min(lines.length, from + 6); k++) {
    const row = lines[k].length <= 2000 ? splitter.split(lines, k) : null;
    // A line the page break leaves that is none of those (a reference heading one page only) is let
    // through only where a caption says the table goes on.
    const plain = other === 0 || continued;
    if (row && isHeaderAgain(row.cells, rows[0])) return plain ? k + 1 : -1;
    if (row) return plain && paged && k > from && row.cells.length === rows.at(-1)!.cells.length ? k : -1;
    const line = lines[k];
    const goesOn = line.length <= 80 && CONTINUED.test(line);
    const broke = goesOn || PAGE_FURNITURE.test(line);
    continued ||= goesOn;
    paged ||= broke;
    if (!broke && !isBlank(line) && !repeated.has(line) && (line.length > 80 || ++other > 2)) return -1;
  }
  return -1;
}

/** Leicester's layout: each cell a tab-indented line, rows separated by blank lines. */
function tabIndented(lines: readonly string[]): Grid[] {
  const grids: Grid[] = [];
  let rows: GridRow[] = [];
  let cells: GridCell[] = [];
  const endRow = () => {
    if (cells.length)
      rows.push({cells, firstLine: cells[0].line, text: cells.map((c) => lines[c.line - 1]).join("\n")});
    cells = [];
  };
  const close = () => {
    endRow();
    if (rows.length >= 2 && rows.some((r) => r.cells.length >= 2))
      grids.push({
        layout: "tab-indented cells",
        rows,
        startLine: rows[0].firstLine,
        endLine: rows.at(-1)!.cells.at(-1)!.line
      });
    rows = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("\t") && !/\S\t/.test(line)) {
      cells.push({text: cleanCell(line), line: i + 1});
    } else if (isBlank(line)) endRow();
    else close();
  }
  close();
  return grids;
}

/** Every grid in the text, by every way of splitting rows; they may overlap (typed.ts chooses). */
export function gridsOf(lines: readonly string[]): Grid[] {
  const seen = new Set<string>();
  const repeated = new Set<string>(); // running heads and footers: lines a paged document repeats
  const skip = lines.map((line) => {
    const blank = BLANK.test(line);
    if (!blank) (seen.has(line) ? repeated : seen).add(line);
    return blank || isRuleLine(line);
  });
  return [...tabIndented(lines), ...SPLITTERS.flatMap((s) => runsOf(lines, s, {skip, repeated}))];
}
