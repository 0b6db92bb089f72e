/**
 * Tables recognised from their cells' types (cells.ts), in any orientation and
 * column order, whatever their header says or whether they have one:
 *
 * - a long table: a column of ages, one of outcomes, one of counts;
 * - a cross-tab either way round: ages down and outcomes across, or outcomes
 *   down and ages across, counts inside ("-", "nil" or a blank for none);
 * - a case list: a row per case with its age (a band, or an exact age under a
 *   header naming the age) and its outcome, each row counting one employee;
 * - a table of one margin: ages and counts, or outcomes and counts.
 *
 * Totals are recognised by their label ("Total", "Grand total", first or last)
 * and by arithmetic (an unlabelled row or column that is the sum of the
 * others); they become the table's total, a check, and are never counted.
 */
import {buildRecord, type RecordContext, type RowInput} from "../record.js";
import {
  AGE_BAND_AT_START,
  exactAge,
  isCountLike,
  isInterior,
  typeCell,
  type CellType,
  type TypedCell
} from "./cells.js";
import type {Grid, GridCell, GridRow} from "./grids.js";
import {columnRole, isSubtotalLabel} from "./header.js";
import type {TableResult} from "./tabbed.js";

export interface TypedTable extends TableResult {
  /** What the cells' types made of the grid. */
  shape: "long table" | "cross-tab" | "case list" | "table of one margin";
  /** How much of the grid the reading explains (cells read as counts or cases): to choose between overlapping grids. */
  score: number;
  /** The first line of the grid the table came from (its header may be later). */
  startLine: number;
}

interface Slot {
  cell: GridCell;
  typed: TypedCell;
}

type Side = "age" | "outcome";
const other = (side: Side): Side => (side === "age" ? "outcome" : "age");

/** A reply's cells typed once: the same text stands in several grids (one table split several ways). */
export type TypeCache = Map<string, TypedCell>;

/** A cell's type, worked out once per reply. */
function typedOnce(text: string, ctx: RecordContext, cache: TypeCache): TypedCell {
  let t = cache.get(text);
  if (!t) cache.set(text, (t = typeCell(text, ctx.mappings)));
  return t;
}

/** The cells of a row, typed; a missing cell reads as empty. */
function typedRows(grid: Grid, ctx: RecordContext, cache: TypeCache): Slot[][] {
  return grid.rows.map((row) => row.cells.map((cell) => ({cell, typed: typedOnce(cell.text, ctx, cache)})));
}

const EMPTY: TypedCell = {type: "empty", text: "", value: null};
const at = (row: Slot[] | undefined, j: number): TypedCell => row?.[j]?.typed ?? EMPTY;
const lineOf = (row: GridRow, slots: Slot[], j: number): number => slots[j]?.cell.line ?? row.firstLine;

function emptyResult(grid: Grid, headerLine: number, shape: TypedTable["shape"]): TypedTable {
  return {
    records: [],
    total: null,
    totalLine: null,
    warnings: [],
    headerLine,
    endLine: grid.endLine,
    layout: shape === "cross-tab" ? "cross-tab" : (grid.layout as TableResult["layout"]),
    shape,
    score: 0,
    startLine: grid.startLine
  };
}

function add(result: TypedTable, row: GridRow, input: Omit<RowInput, "firstLine" | "lineText">, ctx: RecordContext) {
  const built = buildRecord({...input, firstLine: row.firstLine, lineText: row.text}, ctx);
  result.records.push(built.record);
  result.warnings.push(...built.warnings);
}

/** A totals row's number: kept as the table's total (the first one found), never as a record. */
function takeTotal(result: TypedTable, value: number | null, line: number) {
  if (value == null || result.total != null) return;
  result.total = value;
  result.totalLine = line;
}

const sumOf = (cells: TypedCell[]): number | null =>
  cells.every((c) => c.type !== "withheld") ? cells.reduce((s, c) => s + (c.value ?? 0), 0) : null;

/**
 * A cross-tab with its header in row h and its labels in column L: the header
 * names one side (outcomes or ages) across, the label column the other side
 * down, and the cells between hold counts.
 */
function crossTab(grid: Grid, m: Slot[][], ctx: RecordContext, h: number, L: number, across: Side): TypedTable | null {
  const header = m[h];
  const down = other(across);
  const cols = header.map((_, j) => j).filter((j) => j !== L && at(header, j).type === across);
  if (!cols.length) return null;
  const totalCol = header.findIndex((s, j) => j !== L && s.typed.type === "total");
  const named = header.filter((s, j) => j !== L && j !== totalCol && s.typed.type !== "empty").length;
  if (cols.length * 2 < named) return null;
  const body = m.slice(h + 1);
  let labelled = 0,
    interior = 0,
    odd = 0;
  for (const row of body) {
    const label = at(row, L).type;
    if (label === down) labelled++;
    for (const j of cols)
      if (isInterior(at(row, j))) interior++;
      else if (label === down) odd++;
  }
  if (!labelled || odd > interior * 0.2) return null;
  const result = emptyResult(grid, grid.rows[h].firstLine, "cross-tab");
  result.endLine = grid.rows[h].firstLine;
  const columnSums = cols.map(() => 0);
  const unlabelled: {row: GridRow; slots: Slot[]}[] = [];
  body.forEach((slots, k) => {
    const row = grid.rows[h + 1 + k];
    const label = at(slots, L);
    const cells = cols.map((j) => at(slots, j));
    if (!cells.some((c) => c.type !== "empty") && label.type !== "total") return;
    if (cells.some((c) => !isInterior(c))) return; // prose or another table's row inside the grid
    result.endLine = Math.max(result.endLine, ...slots.map((s) => s.cell.line));
    const stated = totalCol >= 0 ? at(slots, totalCol) : null;
    if (label.type === "total") {
      takeTotal(result, stated?.value ?? sumOf(cells), totalCol >= 0 ? lineOf(row, slots, totalCol) : row.firstLine);
      return;
    }
    if (label.type === "empty") {
      unlabelled.push({row, slots});
      return;
    }
    cols.forEach((j, c) => {
      const cell = at(slots, j);
      if (!isCountLike(cell) || cell.value === 0) return;
      columnSums[c] += cell.value ?? 0;
      const [ageRaw, outcomeRaw] =
        down === "age" ? [label.text, header[j].typed.text] : [header[j].typed.text, label.text];
      add(result, row, {ageRaw, outcomeRaw, countRaw: cell.text, line: lineOf(row, slots, j)}, ctx);
      result.score++;
    });
    const rowSum = sumOf(cells);
    if (stated?.type === "count" && rowSum != null && stated.value !== rowSum)
      result.warnings.push({
        file: ctx.file,
        line: lineOf(row, slots, totalCol),
        message: `the row's total says ${stated.value} but its cells add up to ${rowSum}`,
        text: row.text
      });
  });
  // A row with no label whose cells are the columns' sums is a totals row written without its label.
  for (const {row, slots} of unlabelled) {
    const cells = cols.map((j) => at(slots, j));
    const sums = cells.every((c, i) => (c.value ?? 0) === columnSums[i]);
    if (sums || unlabelled.length === 1)
      takeTotal(result, totalCol >= 0 ? at(slots, totalCol).value : sumOf(cells), row.firstLine);
  }
  return result.records.length || result.total != null ? result : null;
}

interface Columns {
  age: number;
  outcome: number;
  count: number;
  /**
   * Further count columns beside the first, each headed by what splits the count (a year,
   * "Male"/"Female"): every cell is a record of its own, the header kept under `extra`.
   */
  split: {column: number; key: string; value: string}[];
  /** True when the age column holds exact ages (a number per case), read only under a header naming the age. */
  exact: boolean;
}

/**
 * The count columns of a table that splits its counts by something else (years across,
 * "Male" and "Female"), when the first count column is one of them: every candidate column
 * with a header that is neither a total nor a role, whose body cells are counts, and the
 * first among them. Empty when the count column stands alone (then other columns are not
 * counts of employees and are left out, as before).
 */
function splitColumns(header: Slot[], body: Slot[][], cols: Columns, candidates: number[]): Columns["split"] {
  const heading = (j: number) => at(header, j);
  const splits = (j: number) => {
    const t = heading(j);
    if (t.type === "total" || t.type === "empty" || (t.type !== "year" && columnRole(t.text))) return false;
    return body.filter((row) => isCountLike(at(row, j)) || at(row, j).type === "nil").length * 2 >= body.length;
  };
  if (!splits(cols.count)) return [];
  const columns = candidates.filter(splits);
  if (columns.length < 2) return [];
  return columns.map((column) => ({column, key: splitKey(heading(column)), value: heading(column).text}));
}

/** The key a split column's header goes under in `extra`: "year" for years, "gender" for sexes, else "split". */
function splitKey(cell: TypedCell): string {
  if (cell.type === "year") return "year";
  if (/^(?:male|female|men|women|other|not stated|prefer not to say)$/i.test(cell.text)) return "gender";
  return "split";
}

/** The column holding most cells of a type among the body rows, when at least half of them hold one. */
function columnOf(
  m: Slot[][],
  width: number,
  test: (c: TypedCell) => boolean,
  taken: number[],
  merged = false
): number {
  let best = -1,
    most = 0;
  for (let j = 0; j < width; j++) {
    if (taken.includes(j)) continue;
    let n = 0,
      carry = false;
    for (const row of m) {
      const c = at(row, j);
      // With `merged`, an empty cell below one that passes is the same cell spanning rows.
      if (test(c)) [n, carry] = [n + 1, true];
      else if (merged && carry && c.type === "empty" && row.some((s) => s.typed.type !== "empty")) n++;
      else carry = false;
    }
    if (n > most) [best, most] = [j, n];
  }
  const rows = m.filter(
    (row) => row.some((s) => s.typed.type !== "empty") && !row.some((s) => s.typed.type === "total")
  ).length;
  return most > 0 && most * 2 >= rows ? best : -1;
}

/** A long table, a case list or a table of one margin: columns found by their cells' types. */
function longTable(grid: Grid, m: Slot[][], ctx: RecordContext): TypedTable | null {
  // The header is a row, among the first three, of column names and no counts.
  const h = m
    .slice(0, 3)
    .findIndex((row) => row.some((s) => s.typed.type === "header") && !row.some((s) => isCountLike(s.typed)));
  const header = h >= 0 ? m[h] : null;
  const role = (j: number) => (header ? columnRole(header[j]?.typed.text ?? "") : null);
  const body = m.slice(h + 1);
  const width = Math.max(...m.map((row) => row.length));
  const named = (j: number, what: string) => role(j) === what;
  const notOther = (j: number) => role(j) !== "extra";
  let age = columnOf(body, width, (c) => c.type === "age", [], true);
  let exact = false;
  if (age < 0) {
    // Exact ages ("34") look like counts: only a column headed as the age holds them.
    const j = [...Array(width).keys()].find((k) => named(k, "age"));
    if (j != null && body.filter((row) => exactAge(at(row, j)) != null).length * 2 >= body.length) {
      age = j;
      exact = true;
    }
  }
  const outcome = columnOf(body, width, (c) => c.type === "outcome", [age], true);
  const candidates = [...Array(width).keys()].filter((j) => j !== age && j !== outcome && notOther(j));
  const countAt = candidates.find((j) => named(j, "count")) ?? -1;
  // "nil" and "-" in a count column are counts of none: a column of them and digits is the counts, not a case list's.
  const countOrNil = (c: TypedCell) => isCountLike(c) || c.type === "nil";
  const count =
    countAt >= 0 && body.filter((row) => countOrNil(at(row, countAt))).length * 2 >= body.length
      ? countAt
      : columnOf(
          body,
          width,
          countOrNil,
          [...Array(width).keys()].filter((j) => !candidates.includes(j))
        );
  // A column numbering the rows (1, 2, 3...) is an index, not a count of employees.
  const values = count >= 0 ? body.map((row) => at(row, count).value).filter((v) => v != null) : [];
  const numbering = values.length >= 3 && values.every((v, i) => v === i + 1);
  const cols: Columns = {age, outcome, count: numbering ? -1 : count, exact, split: []};
  if (cols.count >= 0 && header) cols.split = splitColumns(header, body, cols, candidates);
  if ([age, outcome, cols.count].filter((j) => j >= 0).length < 2) return null;
  const shape: TypedTable["shape"] =
    age >= 0 && outcome >= 0 ? (cols.count >= 0 ? "long table" : "case list") : "table of one margin";
  const result = emptyResult(grid, grid.rows[Math.max(h, 0)].firstLine, shape);
  if (shape === "table of one margin") result.margin = age >= 0 ? "age" : "outcome";
  result.endLine = result.headerLine;
  readLongRows(grid, m, h + 1, cols, ctx, result);
  return result.records.length || result.total != null ? result : null;
}

function readLongRows(grid: Grid, m: Slot[][], from: number, cols: Columns, ctx: RecordContext, result: TypedTable) {
  const fits = (c: TypedCell, want: CellType) =>
    c.type === want || (want === "age" && cols.exact && exactAge(c) != null);
  let sum = 0;
  const unlabelled: {value: number; line: number}[] = [];
  // A label cell left empty under one filled (a merged cell: "25-34" spanning two outcomes) is the label above.
  let above: {age: TypedCell; outcome: TypedCell} | null = null;
  let filled = 0;
  for (let r = from; r < m.length; r++) {
    const slots = m[r];
    const row = grid.rows[r];
    let age = at(slots, cols.age),
      outcome = at(slots, cols.outcome);
    const count = at(slots, cols.count);
    if (above && cols.age >= 0 && cols.outcome >= 0 && (cols.count < 0 || isCountLike(count))) {
      if (age.type === "empty" && fits(outcome, "outcome")) [age, filled] = [above.age, filled + 1];
      else if (outcome.type === "empty" && fits(age, "age")) [outcome, filled] = [above.outcome, filled + 1];
    }
    if (slots.every((s) => s.typed.type === "empty")) continue;
    // A subtotal ("Subtotal", "25-34 total") repeats rows above it: neither a record nor the table's total.
    if (slots.some((s) => isSubtotalLabel(s.typed.text))) {
      result.endLine = row.firstLine;
      continue;
    }
    if (slots.some((s) => s.typed.type === "total")) {
      // A totals row whose empty cells were dropped (PDFs, hand-made tables): its last number is the total.
      const last = slots.map((s) => s.typed.type).lastIndexOf("count");
      const at = count.type === "count" ? cols.count : last;
      if (at >= 0) takeTotal(result, slots[at].typed.value, lineOf(row, slots, at));
      result.endLine = row.firstLine;
      continue;
    }
    const labels = [cols.age >= 0 ? age : null, cols.outcome >= 0 ? outcome : null].filter((c) => c != null);
    if (labels.every((c) => c.type === "empty") && count.type === "count") {
      unlabelled.push({value: count.value!, line: lineOf(row, slots, cols.count)});
      result.endLine = row.firstLine;
      continue;
    }
    const typedRight =
      (cols.age >= 0 && fits(age, "age")) ||
      (cols.outcome >= 0 && fits(outcome, "outcome")) ||
      (cols.count >= 0 && isCountLike(count));
    if (!typedRight) {
      if (result.records.length) break; // prose after the table
      continue;
    }
    if (fits(age, "age") && fits(outcome, "outcome")) above = {age, outcome};
    result.endLine = Math.max(result.endLine, ...slots.map((s) => s.cell.line));
    const written = {
      ageRaw: cols.age >= 0 ? age.text : "",
      outcomeRaw: cols.outcome >= 0 ? outcome.text : "",
      ...(cols.age < 0 ? {notStated: "age" as const} : cols.outcome < 0 ? {notStated: "outcome" as const} : {})
    };
    const counts = cols.split.length
      ? cols.split.map((s) => ({column: s.column, extra: {[s.key]: s.value}}))
      : [{column: cols.count, extra: null}];
    for (const {column, extra} of counts) {
      const cell = at(slots, column);
      if (column >= 0 && (cell.type === "nil" || cell.type === "empty" || cell.value === 0)) continue;
      const input = {
        ...written,
        countRaw: column >= 0 ? cell.text : "",
        line: column >= 0 ? lineOf(row, slots, column) : row.firstLine,
        ...(column < 0 ? {parsedCount: {count: 1, suppressed: false, bounds: null}} : {}),
        ...(extra ? {extra} : {})
      };
      add(result, row, input, ctx);
      sum += cell.value ?? (column < 0 ? 1 : 0);
      result.score++;
    }
  }
  if (filled)
    result.warnings.push({
      file: ctx.file,
      line: result.headerLine,
      message: `${filled} label cell${filled === 1 ? "" : "s"} left empty under a filled one (merged cells) ${filled === 1 ? "was" : "were"} read as the label above`
    });
  // An unlabelled number after the rows is their total when it is their sum, or the only one.
  for (const u of unlabelled) if (u.value === sum || unlabelled.length === 1) takeTotal(result, u.value, u.line);
}

const JOINED_REST: ReadonlySet<CellType> = new Set(["outcome", "count", "withheld", "nil"]);

/** A header cell over two columns run together ("Age band Outcome"), cut where both halves name a column. */
function splitHeader(text: string): [string, string] {
  const ws = text.split(/\s+/);
  for (let k = 1; k < ws.length; k++) {
    const left = ws.slice(0, k).join(" "),
      right = ws.slice(k).join(" ");
    if (columnRole(left) === "age" && columnRole(right)) return [left, right];
  }
  return [text, ""];
}

/**
 * The grid with a column of joined cells split in two, or null when it has
 * none. Where a table's columns stand close (a PDF's narrow gutter, a letter
 * typed with one space between), a cell can hold an age band and the cell
 * beside it: "25-34 Final written warning". Read whole, such a cell is an
 * outcome and the age is lost; split, it is the two cells it was. A column is
 * split only when two or more of its cells are an age band followed by an
 * outcome or a count, and no more of them are ages alone: the unsplit grid is
 * read too, and the reading that explains more of the grid is kept.
 */
function splitJoined(grid: Grid, ctx: RecordContext, cache: TypeCache): Grid | null {
  const width = Math.max(...grid.rows.map((r) => r.cells.length));
  for (let j = 0; j < width; j++) {
    let joined = 0,
      alone = 0;
    for (const row of grid.rows) {
      const text = row.cells[j]?.text ?? "";
      const m = AGE_BAND_AT_START.exec(text);
      if (m && typedOnce(m[1], ctx, cache).type === "age" && JOINED_REST.has(typedOnce(m[2], ctx, cache).type))
        joined++;
      else if (typedOnce(text, ctx, cache).type === "age") alone++;
    }
    if (joined < 2 || alone >= joined) continue;
    return {
      ...grid,
      rows: grid.rows.map((row) => {
        const cell = row.cells[j];
        if (!cell) return row;
        const m = AGE_BAND_AT_START.exec(cell.text);
        const [first, second] = m && typedOnce(m[1], ctx, cache).type === "age" ? [m[1], m[2]] : splitHeader(cell.text);
        const cells = [
          ...row.cells.slice(0, j),
          {text: first, line: cell.line},
          {text: second, line: cell.line},
          ...row.cells.slice(j + 1)
        ];
        return {...row, cells};
      })
    };
  }
  return null;
}

/** The best reading of one grid, or null when its cells make no table of ages, outcomes and counts. */
export function readGrid(grid: Grid, ctx: RecordContext, cache: TypeCache = new Map()): TypedTable | null {
  const whole = readCells(grid, ctx, cache);
  const split = splitJoined(grid, ctx, cache);
  const parted = split && readCells(split, ctx, cache);
  if (!parted || !whole) return parted ?? whole;
  const aged = (t: TypedTable) => t.records.filter((r) => r.ageBand !== "unknown").length;
  return parted.score > whole.score || (parted.score === whole.score && aged(parted) > aged(whole)) ? parted : whole;
}

/** The best reading of one grid's cells as they stand. */
function readCells(grid: Grid, ctx: RecordContext, cache: TypeCache): TypedTable | null {
  const m = typedRows(grid, ctx, cache);
  const readings: TypedTable[] = [];
  for (let h = 0; h < Math.min(3, m.length - 1); h++)
    for (const L of [0, 1])
      for (const across of ["outcome", "age"] as const) {
        if (L >= m[h].length) continue;
        const t = crossTab(grid, m, ctx, h, L, across);
        if (t) readings.push(t);
      }
  const long = longTable(grid, m, ctx);
  if (long) readings.push(long);
  for (const t of readings) if (totalAgrees(t)) t.score += 5; // a reading its own totals confirm beats one they do not
  return readings.reduce<TypedTable | null>((best, t) => (!best || t.score > best.score ? t : best), null);
}

/** True when the table's totals row is the sum of its rows (withheld counts allowing a range). */
function totalAgrees(t: TypedTable): boolean {
  if (t.total == null) return false;
  const known = t.records.reduce((s, r) => s + (r.count ?? 0), 0);
  const withheld = t.records.filter((r) => r.count == null);
  const low = known + withheld.reduce((s, r) => s + (r.countBounds?.[0] ?? 1), 0);
  const high = withheld.some((r) => !r.countBounds)
    ? Infinity
    : known + withheld.reduce((s, r) => s + r.countBounds![1], 0);
  return t.total >= low && t.total <= high;
}

/**
 * Every table the reply's grids hold, best reading first where grids overlap
 * (one table split by tabs and by spaces is one table), in the order they
 * stand in the reply.
 */
export function typedTables(grids: readonly Grid[], ctx: RecordContext, cache: TypeCache = new Map()): TypedTable[] {
  const readings = grids
    .map((g) => readGrid(g, ctx, cache))
    .filter((t): t is TypedTable => t != null)
    .sort((a, b) => b.score - a.score || a.startLine - b.startLine);
  const kept: TypedTable[] = [];
  for (const t of readings) if (!kept.some((k) => t.startLine <= k.endLine && k.startLine <= t.endLine)) kept.push(t);
  return kept.sort((a, b) => a.startLine - b.startLine);
}

/**
 * Grids whose rows hold ages but which no reading could make a table of: if
 * figures are then read from sentences on the same lines, they are a guess
 * about a table the kit could not read.
 */
export function unreadGrids(
  grids: readonly Grid[],
  tables: readonly TypedTable[],
  ctx: RecordContext,
  cache: TypeCache = new Map()
): Grid[] {
  return grids.filter((g) => {
    if (tables.some((t) => t.startLine <= g.endLine && g.startLine <= t.endLine)) return false;
    // Rows of a table: an age beside a count or an outcome label (not beside a sentence, which prose reads).
    const tableLike = g.rows.filter((r) => {
      const types = r.cells.map((c) => typedOnce(c.text, ctx, cache).type);
      return types.includes("age") && types.some((t) => t === "count" || t === "withheld" || t === "outcome");
    });
    return tableLike.length >= 2;
  });
}
