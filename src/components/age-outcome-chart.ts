/**
 * Employees investigated by age band, stacked by outcome in severity order,
 * drawn from a pivot of age band by outcome (`pivot(records, {rows: "ageBand",
 * cols: "outcome", orders})`): known counts only; the caption says how many
 * lines with a withheld count it could not draw.
 */
import * as Plot from "../vendor/plot.js";
import type {PivotResult} from "../lib/pivot/pivot.js";
import {colorRange} from "./pivot-chart.js";

export interface AgeOutcomeChartOptions {
  width: number;
  title?: string;
}

export function ageOutcomeChart(result: PivotResult, {width, title}: AgeOutcomeChartOptions) {
  if (result.spec.rows !== "ageBand" || result.spec.cols !== "outcome") {
    throw new Error(
      `ageOutcomeChart: needs a pivot of age band by outcome, not ${result.spec.rows} by ${result.spec.cols}`
    );
  }
  const present = result.colKeys.filter((_, j) => result.colTotals[j].knownRows > 0);
  const data = result.cells.flat().filter((c) => c.knownRows > 0);
  const withheld = result.total.withheldRows;
  return Plot.plot({
    title,
    caption: withheld
      ? `${withheld} line${withheld === 1 ? "" : "s"} with a withheld count ${withheld === 1 ? "is" : "are"} not drawn.`
      : undefined,
    width,
    height: 300,
    marginLeft: 60,
    x: {domain: result.rowKeys, label: "Age band"},
    y: {grid: true, label: "Employees investigated"},
    // The explorer's ramp: the lightest outcome stays visible on a light card.
    color: {domain: present, range: colorRange("outcome", present.length), legend: true, label: "Outcome"},
    marks: [Plot.barY(data, {x: "row", y: "known", fill: "col", order: present, tip: true}), Plot.ruleY([0])]
  });
}
