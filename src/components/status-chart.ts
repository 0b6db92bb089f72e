/**
 * Councils per status, as horizontal bars, each named by its word (present/status.ts):
 * answered, partly refused, nil return, refused, information not held, unreadable (and
 * awaiting reply when the list of the authorities asked is given). Refusals are a bar of their own, never part of the zeros.
 */
import * as Plot from "../vendor/plot.js";
import type {StatusRow} from "../lib/report/campaign-figures.js";
import {countNoun, formatCount} from "../lib/present/index.js";

export interface StatusChartOptions {
  width: number;
  title?: string;
}

export function statusChart(rows: readonly StatusRow[], {width, title}: StatusChartOptions) {
  return Plot.plot({
    title,
    width,
    height: 36 + 28 * rows.length,
    marginLeft: 150,
    marginRight: 48,
    x: {
      label: "Councils",
      grid: true,
      nice: true,
      tickFormat: (d: number) => (Number.isInteger(d) ? formatCount(d) : "")
    },
    y: {domain: rows.map((r) => r.label), label: null},
    marks: [
      Plot.barX(rows, {
        y: "label",
        x: "councils",
        fill: (r: StatusRow) =>
          r.status === "ok" || r.status === "partial" || r.status === "nil" ? "#4269d0" : "#a0a0a0",
        title: (r: StatusRow) => `${r.label}: ${countNoun(r.councils, "council")}`
      }),
      Plot.text(rows, {
        y: "label",
        x: "councils",
        text: (r: StatusRow) => formatCount(r.councils),
        dx: 4,
        textAnchor: "start"
      }),
      Plot.ruleX([0])
    ]
  });
}
