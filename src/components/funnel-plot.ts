/**
 * A funnel plot of councils: each council's share of its cases in one group (an age
 * band) against its number of cases, with the pooled share and its 95% and 99.8%
 * control limits (src/lib/stats/funnel.ts). With fewer than two councils to set side by
 * side it says so instead of drawing a lonely dot.
 */
import * as Plot from "../vendor/plot.js";
import {html} from "htl";
import type {Funnel, FunnelPoint} from "../lib/stats/funnel.js";
import {countNoun, formatCount, formatShare} from "../lib/present/index.js";

export interface FunnelPlotOptions {
  width: number;
  /** What the share is of, for labels: "aged 16-24". */
  group: string;
  title?: string;
  height?: number;
}

const where = (p: FunnelPoint) =>
  p.outside998
    ? `outside the 99.8% limits (${p.outside998})`
    : p.outside95
      ? `outside the 95% limits (${p.outside95})`
      : "within the limits";

export function funnelPlot(
  f: Funnel,
  {width, group, title, height = 380}: FunnelPlotOptions
): HTMLElement | SVGSVGElement {
  if (f.points.length < 2)
    return html`<p class="funnel-empty"><em>${
      f.points.length === 0 ? "No council has cases to plot yet" : `Only ${f.points[0].label} has cases so far`
    }, so there are no councils to compare: the funnel plot appears when two or more have cases.</em></p>`;
  const line = (y: "lower95" | "upper95" | "lower998" | "upper998", dash: string) =>
    Plot.line(f.limits, {
      x: "n",
      y,
      stroke: "currentColor",
      strokeOpacity: 0.6,
      strokeDasharray: dash,
      curve: "linear"
    });
  return Plot.plot({
    title: title ?? `Share of each council's investigated employees ${group}, by its number of cases`,
    subtitle: `${countNoun(f.points.length, "council")}; the line across is the pooled share, ${formatShare(f.pooled, {digits: 1})} of ${formatCount(f.cases)}; dashed lines are 95% limits, dotted 99.8%.`,
    width,
    height,
    marginLeft: 56,
    x: {label: "Employees investigated (known counts)", type: "sqrt", grid: true},
    y: {label: `Share ${group} (%)`, percent: true, domain: [0, 100], grid: true},
    marks: [
      line("lower95", "6,3"),
      line("upper95", "6,3"),
      line("lower998", "1,3"),
      line("upper998", "1,3"),
      Plot.ruleY([f.pooled], {stroke: "#ff725c", strokeWidth: 1.5}),
      Plot.dot(f.points, {
        x: "n",
        y: "value",
        r: 3.5,
        fill: (p: FunnelPoint) => (p.outside998 ? "#d62728" : p.outside95 ? "#ff9f1c" : "#4269d0"),
        fillOpacity: 0.8,
        stroke: "var(--theme-background, white)",
        strokeWidth: 0.5,
        title: (p: FunnelPoint) =>
          `${p.label}\n${formatCount(p.x)} of ${formatCount(p.n)} ${group} (${formatShare(p.value, {digits: 1})}), ${where(p)}`,
        tip: true
      })
    ]
  });
}
