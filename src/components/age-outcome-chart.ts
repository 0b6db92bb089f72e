/** Employees investigated by age band, stacked by outcome in severity order. */
import * as Plot from "@observablehq/plot";
import type {CaseRecord} from "../lib/types.js";
import {colorRange} from "./pivot-chart.js";

export interface AgeOutcomeChartOptions {
  width: number;
  ageBands: readonly string[];
  outcomes: readonly string[];
  title?: string;
}

export function ageOutcomeChart(records: readonly CaseRecord[], {width, ageBands, outcomes, title}: AgeOutcomeChartOptions) {
  const known = records.filter((r) => r.count != null);
  const present = outcomes.filter((o) => known.some((r) => r.outcome === o));
  return Plot.plot({
    title,
    width,
    height: 300,
    marginLeft: 60,
    x: {domain: ageBands, label: "Age band"},
    y: {grid: true, label: "Employees investigated"},
    // The explorer's ramp: the lightest outcome stays visible on a light card.
    color: {domain: present, range: colorRange("outcome", present.length), legend: true, label: "Outcome"},
    marks: [
      Plot.barY(known, Plot.groupX({y: "sum"}, {x: "ageBand", y: "count", fill: "outcome", order: [...outcomes], tip: true})),
      Plot.ruleY([0])
    ]
  });
}
