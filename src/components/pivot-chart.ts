/**
 * A Plot chart of a pivot, fitted to what the reader chose: stacked bars for
 * counts and for shares of a row or column (each bar then sums to 100%), a
 * heatmap for shares of the total, or grouped bars on request. Values come
 * from the pivot (known counts only); withheld counts are not drawn, and the
 * caption says how many there are. The table beside it holds every number.
 */
import * as Plot from "../vendor/plot.js";
import {interpolateBlues, interpolateYlOrRd, schemeObservable10} from "../vendor/plot.js";
import {formatCell, formatMeasure} from "../lib/pivot/format.js";
import {formatPercent} from "../lib/present/index.js";
import {dimensionName, measureName, type Dimension, type PivotCell, type PivotResult} from "../lib/pivot/pivot.js";
import type {ChartKind} from "../lib/pivot/url-state.js";

export interface PivotChartOptions {
  width: number;
  kind?: ChartKind;
  title?: string;
  subtitle?: string;
}

interface Datum {
  row: string;
  col: string;
  value: number | null;
  text: string;
  withheld: boolean;
}

/**
 * Colours for the parts of a bar: ordered dimensions get a sequential ramp
 * (from light to dark, but never so light that a swatch vanishes on white),
 * the others categorical colours.
 */
export function colorRange(dimension: Dimension, n: number): readonly string[] {
  if (dimension === "authority" || dimension === "upheld") return schemeObservable10;
  const interpolate = dimension === "ageBand" ? interpolateBlues : interpolateYlOrRd;
  return n === 1 ? [interpolate(0.6)] : Array.from({length: n}, (_, k) => interpolate(0.2 + (0.75 * k) / (n - 1)));
}

/** The chart a measure reads best as, when the reader leaves the choice to us. */
export function fittedKind(result: PivotResult, kind: ChartKind = "auto"): Exclude<ChartKind, "auto"> {
  if (kind !== "auto") return kind;
  return result.spec.measure === "pctTotal" ? "heatmap" : "stacked";
}

/** Bars (or heatmap rows and columns) drawn at most; the table beside the chart lists every one. */
const MAX_BARS = 40;
/**
 * Colours in a bar at most: the categorical scheme's ten, or more along an
 * ordered ramp; the smallest parts beyond them are drawn together as "other".
 */
const maxParts = (dimension: Dimension) => (dimension === "authority" || dimension === "upheld" ? 10 : 16);

/** Indices of the `max` keys with the largest totals, in their own order (all of them when they fit). */
function largest(totals: readonly number[], max: number): number[] {
  const all = totals.map((_, i) => i);
  if (totals.length <= max) return all;
  const kept = new Set([...all].sort((a, b) => totals[b] - totals[a] || a - b).slice(0, max));
  return all.filter((i) => kept.has(i));
}

/** Several cells drawn as one ("other"): their figures added; a share of the same base adds up too. */
function merge(cells: readonly PivotCell[]): PivotCell {
  const sum = (f: (c: PivotCell) => number) => cells.reduce((s, c) => s + f(c), 0);
  const values = cells.map((c) => c.value).filter((v): v is number => v != null);
  return {
    row: null,
    col: null,
    known: sum((c) => c.known),
    lines: sum((c) => c.lines),
    knownRows: sum((c) => c.knownRows),
    withheldRows: sum((c) => c.withheldRows),
    min: sum((c) => c.min),
    max: cells.some((c) => c.max == null) ? null : sum((c) => c.max!),
    value: values.length ? values.reduce((a, b) => a + b, 0) : null
  };
}

/** Draws from the pivot's cells (a few dozen objects, however many records): never from the records. */
export function pivotChart(result: PivotResult, options: PivotChartOptions): HTMLElement | SVGSVGElement {
  const {spec} = result;
  const {width} = options;
  const kind = fittedKind(result, options.kind);
  // One dimension: its totals are the one series.
  const allCols = spec.cols ? result.colKeys : [measureName(spec.measure)];
  const cellAt = (i: number, j: number): PivotCell => (spec.cols ? result.cells[i][j] : result.rowTotals[i]);
  // Shares of a column read best with one bar per column.
  const transpose = spec.measure === "pctCol" && kind !== "heatmap" && spec.cols !== null;
  const colName = spec.cols ? dimensionName(spec.cols) : "Measure";

  // What fits: the largest bars; in a bar, the largest parts and the rest as "other".
  const rowTotals = result.rowTotals.map((t) => t.known);
  const colTotals = spec.cols ? result.colTotals.map((t) => t.known) : [result.total.known];
  const rowsAreParts = transpose;
  const colsAreParts = !transpose && kind !== "heatmap";
  const partDim = transpose ? spec.rows : (spec.cols ?? spec.rows);
  const rowIdx = largest(rowTotals, rowsAreParts ? maxParts(partDim) - 1 : MAX_BARS);
  const colIdx = largest(colTotals, colsAreParts ? maxParts(partDim) - 1 : MAX_BARS);
  const merged = (n: number, kept: number[], isParts: boolean) =>
    isParts && kept.length < n ? [...Array(n).keys()].filter((i) => !kept.includes(i)) : [];
  const otherRows = merged(rowTotals.length, rowIdx, rowsAreParts);
  const otherCols = merged(colTotals.length, colIdx, colsAreParts);
  const otherLabel = (name: string, n: number) => `other ${name.toLowerCase()}s (${n})`;
  const rowKeys = [
    ...rowIdx.map((i) => result.rowKeys[i]),
    ...(otherRows.length ? [otherLabel(dimensionName(spec.rows), otherRows.length)] : [])
  ];
  const colKeys = [
    ...colIdx.map((j) => allCols[j]),
    ...(otherCols.length ? [otherLabel(colName, otherCols.length)] : [])
  ];
  const rowGroups = [...rowIdx.map((i) => [i]), ...(otherRows.length ? [otherRows] : [])];
  const colGroups = [...colIdx.map((j) => [j]), ...(otherCols.length ? [otherCols] : [])];
  const data: Datum[] = rowGroups.flatMap((rows, a) =>
    colGroups.map((cols, b) => {
      const cell =
        rows.length === 1 && cols.length === 1
          ? cellAt(rows[0], cols[0])
          : merge(rows.flatMap((i) => cols.map((j) => cellAt(i, j))));
      return {
        row: rowKeys[a],
        col: colKeys[b],
        value: cell.value,
        text: formatCell(cell, spec.measure),
        withheld: cell.withheldRows > 0
      };
    })
  );
  const left = [
    ...(rowsAreParts || rowIdx.length === rowTotals.length
      ? []
      : [
          `the ${rowIdx.length} ${dimensionName(spec.rows).toLowerCase()}s with the most employees, of ${rowTotals.length}`
        ]),
    ...(colsAreParts || colIdx.length === colTotals.length
      ? []
      : [`the ${colIdx.length} ${colName.toLowerCase()}s with the most employees, of ${colTotals.length}`])
  ];

  const bar = transpose ? "col" : "row";
  const part = transpose ? "row" : "col";
  const barKeys = transpose ? colKeys : rowKeys;
  const partKeys = transpose ? rowKeys : colKeys;
  const valueLabel = spec.measure === "count" ? "Employees" : measureName(spec.measure);
  const title = (d: Datum) =>
    `${dimensionName(spec.rows)}: ${d.row}\n${colName}: ${d.col}\n${measureName(spec.measure)}: ${d.text}`;
  const withheldRows = result.total.withheldRows;
  const caption =
    [
      left.length ? `The chart shows ${left.join(" and ")}; the table lists every one.` : "",
      withheldRows
        ? `${withheldRows} line${withheldRows === 1 ? "" : "s"} with a withheld count ${withheldRows === 1 ? "is" : "are"} not drawn; the table shows where.`
        : "",
      spec.measure !== "count" && withheldRows ? "Percentages are of the counts the replies give." : ""
    ]
      .filter(Boolean)
      .join(" ") || undefined;
  const longest = (keys: readonly string[]) => Math.max(0, ...keys.map((k) => k.length));
  // Plot names its classes after className; the type size lives in components.css.
  const common = {title: options.title, subtitle: options.subtitle, caption, width, className: "plot-pivot-chart"};
  const drawn = data.filter((d) => d.value != null && d.value > 0);

  if (kind === "heatmap") {
    const max = Math.max(0, ...data.map((d) => d.value ?? 0));
    return Plot.plot({
      ...common,
      height: 60 + 36 * rowKeys.length + 40,
      marginLeft: Math.min(200, 10 + 7 * longest(rowKeys)),
      marginTop: 50,
      padding: 0.04,
      x: {domain: colKeys, axis: null},
      y: {domain: rowKeys, label: null},
      color: {type: "linear", domain: [0, max || 1], scheme: "YlOrRd", label: valueLabel},
      marks: [
        Plot.axisX({anchor: "top", label: null, lineWidth: 8, tickSize: 0}),
        Plot.cell(data, {
          x: "col",
          y: "row",
          fill: (d: Datum) => (d.withheld && !d.value ? null : (d.value ?? 0)),
          stroke: "currentColor",
          strokeOpacity: 0.15,
          title,
          tip: true
        }),
        Plot.text(data, {
          x: "col",
          y: "row",
          text: "text",
          fill: (d: Datum) => ((d.value ?? 0) > max * 0.6 ? "white" : "black"),
          lineWidth: 8
        })
      ]
    });
  }

  // Counts are whole people: no ticks at 0.5.
  const maxCount = Math.max(
    1,
    ...(kind === "grouped"
      ? data.map((d) => d.value ?? 0)
      : transpose
        ? colIdx.map((j) => colTotals[j])
        : rowIdx.map((i) => rowTotals[i]))
  );
  const valueScale = {
    label: `${valueLabel} →`,
    grid: true,
    ...(spec.measure === "count"
      ? {ticks: Math.min(10, maxCount)}
      : {tickFormat: (v: number) => formatPercent(v, {digits: 0})})
  };
  const color = {
    domain: partKeys,
    type: "ordinal" as const,
    range: colorRange(partDim, partKeys.length),
    legend: true,
    label: dimensionName(partDim)
  };
  const marginLeft = Math.min(220, 14 + 7 * longest(kind === "grouped" ? [...barKeys, ...partKeys] : barKeys));

  if (kind === "grouped") {
    return Plot.plot({
      ...common,
      height: 40 + barKeys.length * (partKeys.length * 13 + 16),
      marginLeft,
      marginRight: 40,
      x: valueScale,
      y: {domain: partKeys, axis: null},
      fy: {domain: barKeys, label: null},
      color,
      marks: [
        Plot.barX(data, {fy: bar, y: part, x: (d: Datum) => d.value ?? 0, fill: part, title, tip: true}),
        Plot.text(data, {
          fy: bar,
          y: part,
          x: (d: Datum) => d.value ?? 0,
          text: (d: Datum) => (d.value ? formatMeasure(d.value, spec.measure) : ""),
          textAnchor: "start",
          dx: 3,
          fontSize: 10
        }),
        Plot.frame({anchor: "left"}),
        Plot.ruleX([0])
      ]
    });
  }

  return Plot.plot({
    ...common,
    height: 50 + 32 * barKeys.length,
    marginLeft,
    x: {...valueScale, ...(spec.measure === "count" ? {} : {domain: [0, 100]})},
    y: {domain: barKeys, label: null},
    color,
    marks: [
      Plot.barX(drawn, {
        y: bar,
        x: "value",
        fill: part,
        order: partKeys as string[],
        stroke: "var(--theme-background, white)",
        strokeWidth: 0.5,
        title,
        tip: true
      }),
      Plot.ruleX([0])
    ]
  });
}
