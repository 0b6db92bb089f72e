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

/**
 * Whether a chunk reads as running text: several words and a good length,
 * unlike a table's short cells ("25-34", "Final written warning", "2").
 */
const isProse = (chunk: Chunk) => chunk.text.length >= 20 && chunk.text.split(" ").length >= 4;

/** An empty strip of the page, from x0 to x1, between two columns of text. */
interface Gutter {
  x0: number;
  x1: number;
}

/** Lines from..to (inclusive) of a page, laid out in columns split by its gutters (left to right). */
interface Region {
  from: number;
  to: number;
  gutters: Gutter[];
}

/**
 * A line's chunks left and right of a gutter, or null when a chunk lies across
 * it (or inside it). A chunk reaching into the gutter from one side narrows
 * the gutter, as a column's ragged right edge does, as long as the gutter stays
 * at least minWidth wide; the gutter is changed only when the line fits.
 */
function splitAt(line: Line, gutter: Gutter, minWidth: number): {left: Chunk[]; right: Chunk[]} | null {
  let {x0, x1} = gutter;
  const left: Chunk[] = [];
  const right: Chunk[] = [];
  for (const c of line.chunks) {
    if (c.x1 <= x0) left.push(c);
    else if (c.x0 >= x1) right.push(c);
    else if (c.x0 < x0 && c.x1 < x1) {
      x0 = c.x1;
      left.push(c);
    } else if (c.x0 > x0 && c.x1 > x1) {
      x1 = c.x0;
      right.push(c);
    } else return null;
  }
  if (x1 - x0 < minWidth) return null;
  [gutter.x0, gutter.x1] = [x0, x1];
  return {left, right};
}

/**
 * The run of lines around a seed line that a gutter splits, if it is text in
 * columns: going up and down while no chunk crosses the gutter and no line is
 * more than about two blank lines from the next, up to a full-width heading
 * between two blocks of columns, and leaving out a full-width table at either
 * end (see below). It is columns when running text sits on
 * both sides, in two or more lines each, six or more in all, side by side
 * rather than one above the other.
 */
function growRegion(lines: Line[], seed: number, gutter: Gutter): Region | null {
  const minWidth = Math.max(3, lines[seed].size * 0.6);
  const near = (a: Line, b: Line) => Math.abs(a.y - b.y) <= 3 * Math.max(a.size, b.size);
  if (!splitAt(lines[seed], gutter, minWidth)) return null;
  let [from, to] = [seed, seed];
  while (to + 1 < lines.length && near(lines[to], lines[to + 1]) && splitAt(lines[to + 1], gutter, minWidth)) to++;
  while (from > 0 && near(lines[from - 1], lines[from]) && splitAt(lines[from - 1], gutter, minWidth)) from--;
  const sides = (i: number) => splitAt(lines[i], gutter, 0)!;
  // A line with no running text and a piece that starts where no running text starts (a table's cell) is stray;
  // stray lines at either end that reach both sides of the gutter are a full-width part (a table's header and rows
  // whose cells happen to miss the gutter), not the columns. Stray lines on one side only may be a table in a column.
  const starts = lines.slice(from, to + 1).flatMap((l) => l.chunks.filter(isProse).map((c) => c.x0));
  const stray = (i: number) =>
    !lines[i].chunks.some(isProse) &&
    lines[i].chunks.some((c) => !starts.some((x) => Math.abs(c.x0 - x) <= lines[i].size));
  const twoSided = (i: number) => {
    const {left, right} = sides(i);
    return left.length > 0 && right.length > 0;
  };
  let head = from;
  while (head <= to && stray(head)) head++;
  if (lines.slice(from, head).some((_, k) => twoSided(from + k))) from = head;
  let tail = to;
  while (tail >= from && stray(tail)) tail--;
  if (lines.slice(tail + 1, to + 1).some((_, k) => twoSided(tail + 1 + k))) to = tail;
  // A line on one side only, standing apart from the line above it on its side, while the other side is blank
  // for two lines or more above and below it, is a full-width heading between two blocks of columns: the region
  // ends there. (The last lines of the longer column follow the line above them closely.)
  const has = (i: number) => {
    const {left, right} = sides(i);
    return [left.length > 0, right.length > 0];
  };
  const between = (i: number) => {
    const [onLeft, onRight] = has(i);
    if (onLeft === onRight) return false;
    const [own, other] = onLeft ? [0, 1] : [1, 0];
    const nearest = (side: number, step: number) => {
      let k = i + step;
      while (k >= from && k <= to && !has(k)[side]) k += step;
      return k >= from && k <= to ? lines[k].y : null;
    };
    const [size, ownAbove, above, below] = [lines[i].size, nearest(own, -1), nearest(other, -1), nearest(other, 1)];
    return (
      above != null &&
      below != null &&
      above - lines[i].y >= 2 * size &&
      lines[i].y - below >= 2 * size &&
      (ownAbove == null || ownAbove - lines[i].y > 1.5 * size)
    );
  };
  if (between(seed)) return null;
  for (let i = seed - 1; i > from; i--)
    if (between(i)) {
      from = i + 1;
      break;
    }
  for (let i = seed + 1; i < to; i++)
    if (between(i)) {
      to = i - 1;
      break;
    }
  if (from > to) return null;
  const leftY: number[] = [];
  const rightY: number[] = [];
  for (let i = from; i <= to; i++) {
    const {left, right} = sides(i);
    if (left.length && isProse(left.at(-1)!)) leftY.push(lines[i].y);
    if (right.length && isProse(right[0])) rightY.push(lines[i].y);
  }
  if (leftY.length < 2 || rightY.length < 2 || leftY.length + rightY.length < 6) return null;
  // Side by side: the two sides' running text shares its height on the page (y falls down the page).
  const overlap = Math.min(leftY[0], rightY[0]) - Math.max(leftY.at(-1)!, rightY.at(-1)!);
  if (overlap <= 0) return null;
  return {from, to, gutters: [{...gutter}]};
}

/**
 * Where a page's text runs in columns: every place where running text sits
 * just left of a strip that running text starts just right of, in the same
 * or a nearby line, is tried as a gutter (growRegion); regions of different
 * gutters over the same lines are one region of three or more columns when no
 * line crosses any of their gutters, else the larger is kept.
 */
function columnRegions(lines: Line[]): Region[] {
  const found: Region[] = [];
  const covers = (r: Region, i: number, g: Gutter) =>
    r.from <= i && i <= r.to && r.gutters.some((h) => h.x0 < g.x1 && g.x0 < h.x1);
  lines.forEach((line, i) => {
    for (const right of line.chunks) {
      if (!isProse(right)) continue;
      for (let j = Math.max(0, i - 2); j <= Math.min(lines.length - 1, i + 2); j++) {
        const left = lines[j].chunks.filter((c) => c.x1 < right.x0).at(-1);
        if (!left || !isProse(left)) continue;
        const gutter = {x0: left.x1, x1: right.x0};
        if (found.some((r) => covers(r, i, gutter))) continue;
        const region = growRegion(lines, i, gutter);
        if (region) found.push(region);
      }
    }
  });
  found.sort((a, b) => b.to - b.from - (a.to - a.from));
  const regions: Region[] = [];
  for (const r of found) {
    const overlapping = regions.filter((q) => q.from <= r.to && r.from <= q.to);
    if (overlapping.length === 0) {
      regions.push(r);
      continue;
    }
    // The same gutter found again from another seed, or lines already split by more than one region: left as they are.
    const q = overlapping[0];
    const sameGutter = q.gutters.some((h) => h.x0 < r.gutters[0].x1 && r.gutters[0].x0 < h.x1);
    if (overlapping.length > 1 || sameGutter) continue;
    const merged: Region = {
      from: Math.min(q.from, r.from),
      to: Math.max(q.to, r.to),
      gutters: [...q.gutters, ...r.gutters].map((g) => ({...g})).sort((a, b) => a.x0 - b.x0)
    };
    let fits = true;
    for (let i = merged.from; i <= merged.to && fits; i++)
      fits = merged.gutters.every((g) => splitAt(lines[i], g, 0) != null);
    if (fits) regions.splice(regions.indexOf(q), 1, merged);
  }
  return regions.sort((a, b) => a.from - b.from);
}

/**
 * A page's lines in reading order, as parts read one after another: the lines
 * outside column regions as they are, and in a column region each column's
 * lines, left column first. Whether each part starts afresh (no table carried
 * into it) is said with it: only a page's first part, when it is not a column,
 * may carry on a table from the page before.
 */
function readingParts(lines: Line[]): {lines: Line[]; fresh: boolean}[] {
  const parts: {lines: Line[]; fresh: boolean}[] = [];
  let at = 0;
  for (const region of columnRegions(lines)) {
    if (region.from > at) parts.push({lines: lines.slice(at, region.from), fresh: parts.length > 0});
    const mids = region.gutters.map((g) => (g.x0 + g.x1) / 2);
    const column = (c: Chunk) => mids.filter((m) => m < (c.x0 + c.x1) / 2).length;
    for (let k = 0; k <= mids.length; k++)
      parts.push({
        lines: lines
          .slice(region.from, region.to + 1)
          .map((line) => ({...line, chunks: line.chunks.filter((c) => column(c) === k)}))
          .filter((line) => line.chunks.length > 0),
        fresh: true
      });
    at = region.to + 1;
  }
  if (at < lines.length) parts.push({lines: lines.slice(at), fresh: parts.length > 0});
  return parts;
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
  return pdfItemsToLines(pages).text;
}

/**
 * The same text, with the 1-based line each page starts on (page 1 first), so a
 * record can say which page of the PDF its count is on. Every line a page gives
 * is written while that page is read (a table's rows are flushed at its end, even
 * when its columns carry over), so the lines from one start to the next are that
 * page's.
 */
export function pdfItemsToLines(pages: PdfTextItem[][]): {text: string; pages: number[]} {
  const out: string[] = [];
  const starts: number[] = [];
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
  const readLines = (lines: Line[]) =>
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
  for (const items of pages) {
    starts.push(out.length + 1);
    for (const part of readingParts(pageLines(items))) {
      if (part.fresh) {
        flush();
        table = null;
      }
      readLines(part.lines);
    }
    flush(); // the table's columns carry over to the next page
    out.push("");
  }
  return {text: out.join("\n"), pages: starts};
}
