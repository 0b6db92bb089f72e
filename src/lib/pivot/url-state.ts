/**
 * The explorer's view as a URL query string, so that a copied link reproduces
 * it and the browser's back and forward buttons walk through a reader's steps.
 * Pure: parsing and formatting are shared with the tests; `syncWithUrl` is the
 * one part that touches `window`, and only when called.
 */
import {type Dimension, type Measure, type PivotSpec, type Selection} from "./pivot.js";

export type {Selection} from "./pivot.js";

export type ChartKind = "auto" | "heatmap" | "stacked" | "grouped";
export const CHART_KINDS: readonly {key: ChartKind; label: string}[] = [
  {key: "auto", label: "Fitted to the measure"},
  {key: "heatmap", label: "Heatmap"},
  {key: "stacked", label: "Stacked bars"},
  {key: "grouped", label: "Grouped bars"}
];

/** The explorer's view: always two dimensions. */
export interface ExploreState extends Omit<PivotSpec, "cols"> {
  cols: Dimension;
  chart: ChartKind;
  selection: Selection | null;
}

export const DEFAULT_STATE: ExploreState = {
  rows: "ageBand",
  cols: "outcome",
  measure: "count",
  authorities: null,
  excludeNoCase: false,
  chart: "auto",
  selection: null
};

/** Readable names in the URL for the dimensions and measures. */
const DIMENSION_PARAM: Record<Dimension, string> = {
  ageBand: "age",
  outcome: "outcome",
  tier: "tier",
  upheld: "upheld",
  authority: "authority"
};
const MEASURE_PARAM: Record<Measure, string> = {
  count: "count",
  pctTotal: "pct-total",
  pctRow: "pct-row",
  pctCol: "pct-col"
};
/** Stands for a total in `cell-row` / `cell-col`. */
export const TOTAL_PARAM = "*";

const lookup = <K extends string>(table: Record<K, string>, value: string | null): K | undefined =>
  (Object.keys(table) as K[]).find((k) => table[k] === value);

/**
 * Reads a view from a query string. Anything unknown or malformed falls back to
 * the default, so an old or hand-edited link still opens a sensible view.
 * `authorities` lists the authorities in the data: others in the link are ignored.
 */
export function parseState(search: string, authorities: readonly string[] = []): ExploreState {
  const q = new URLSearchParams(search);
  // Authority is a dimension only when the data has several.
  const dimension = (param: string | null) => {
    const key = lookup(DIMENSION_PARAM, param);
    return key === "authority" && authorities.length < 2 ? undefined : key;
  };
  let rows = dimension(q.get("rows")) ?? DEFAULT_STATE.rows;
  let cols = dimension(q.get("cols")) ?? DEFAULT_STATE.cols;
  if (rows === cols) [rows, cols] = [DEFAULT_STATE.rows, DEFAULT_STATE.cols];
  const measure = lookup(MEASURE_PARAM, q.get("measure")) ?? DEFAULT_STATE.measure;
  const chosen = q.getAll("authority").filter((a) => authorities.includes(a));
  const chart = CHART_KINDS.find((c) => c.key === q.get("chart"))?.key ?? DEFAULT_STATE.chart;
  const cellRow = q.get("cell-row"),
    cellCol = q.get("cell-col");
  const fromParam = (v: string) => (v === TOTAL_PARAM ? null : v);
  const selection = cellRow != null && cellCol != null ? {row: fromParam(cellRow), col: fromParam(cellCol)} : null;
  return {
    rows,
    cols,
    measure,
    authorities: chosen.length ? chosen : null,
    excludeNoCase: q.get("exclude") === "no-case",
    chart,
    selection
  };
}

/** Writes a view as a query string ("" for the default view), naming only what differs from the default. */
export function formatState(state: ExploreState): string {
  const q = new URLSearchParams();
  if (state.rows !== DEFAULT_STATE.rows || state.cols !== DEFAULT_STATE.cols) {
    q.set("rows", DIMENSION_PARAM[state.rows]);
    q.set("cols", DIMENSION_PARAM[state.cols]);
  }
  if (state.measure !== DEFAULT_STATE.measure) q.set("measure", MEASURE_PARAM[state.measure]);
  for (const a of state.authorities ?? []) q.append("authority", a);
  if (state.excludeNoCase) q.set("exclude", "no-case");
  if (state.chart !== DEFAULT_STATE.chart) q.set("chart", state.chart);
  if (state.selection) {
    q.set("cell-row", state.selection.row ?? TOTAL_PARAM);
    q.set("cell-col", state.selection.col ?? TOTAL_PARAM);
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

export const sameSelection = (a: Selection | null, b: Selection | null) =>
  a == null || b == null ? a === b : a.row === b.row && a.col === b.col;

/** An element holding a view and announcing changes with "input" events, as Framework's `view()` expects. */
export interface StateHolder extends EventTarget {
  value: ExploreState;
}

/**
 * Keeps a state holder and the address bar in step: each change the reader
 * makes pushes a history entry; back and forward set the holder from the URL
 * (which then pushes nothing, since the URL already says it). Returns a
 * function that stops listening.
 */
export function syncWithUrl(holder: StateHolder, authorities: readonly string[]): () => void {
  const onInput = () => {
    const search = formatState(holder.value);
    if (search !== location.search) history.pushState(null, "", search || location.pathname);
  };
  const onPop = () => {
    holder.value = parseState(location.search, authorities);
    holder.dispatchEvent(new Event("input", {bubbles: true}));
  };
  holder.addEventListener("input", onInput);
  window.addEventListener("popstate", onPop);
  return () => {
    holder.removeEventListener("input", onInput);
    window.removeEventListener("popstate", onPop);
  };
}

/**
 * For `Generators.observe`: passes on `pick(holder.value)` at first and then
 * whenever it changes, so a page cell that reads only part of the view (the
 * table reads no chosen cell) is not redrawn when another part changes.
 */
export function watch<T>(
  holder: StateHolder,
  pick: (state: ExploreState) => T
): (notify: (value: T) => void) => () => void {
  return (notify) => {
    let last: string | undefined;
    const update = () => {
      const value = pick(holder.value);
      const key = JSON.stringify(value);
      if (key !== last) {
        last = key;
        notify(value);
      }
    };
    update();
    holder.addEventListener("input", update);
    return () => holder.removeEventListener("input", update);
  };
}

/** The part of a view the pivot depends on. */
export function specOf(state: ExploreState): PivotSpec & {cols: Dimension} {
  const {rows, cols, measure, authorities, excludeNoCase} = state;
  return {rows, cols, measure, authorities, excludeNoCase};
}
