/**
 * The Ofcom comparison as charts: each band's observed share of investigated employees (with its Wilson
 * interval) beside the share expected if cases followed social media use; and the ratio of the two.
 */
import * as Plot from "@observablehq/plot";
import {percent} from "../lib/present/format.js";
import type {Comparison} from "../lib/ofcom/comparison.js";

export interface OfcomChartOptions {
  width: number;
  title?: string;
  height?: number;
}

export const OBSERVED_LABEL = "Investigated employees (95% Wilson interval)";
export const EXPECTED_LABEL = "Expected if cases followed social media use";
const COLORS = ["#4269d0", "#ff725c"];

export function ofcomChart(c: Comparison, {width, title, height = 340}: OfcomChartOptions) {
  const level = percent(c.confidence);
  const observed = c.bands.map((b) => ({...b, kind: OBSERVED_LABEL}));
  const expected = c.bands.map((b) => ({...b, kind: EXPECTED_LABEL}));
  return Plot.plot({
    title: title ?? `Share of investigated employees by age band, observed and expected (${c.authority})`,
    subtitle: `${c.n} employees; points show the observed share with its ${level} Wilson interval, bars the expected share.`,
    width,
    height,
    marginLeft: 56,
    x: {domain: c.bands.map((b) => b.band), label: "Age band", padding: 0.35},
    y: {percent: true, grid: true, nice: true, zero: true, label: "Share of investigated employees (%)"},
    color: {domain: [OBSERVED_LABEL, EXPECTED_LABEL], range: COLORS, legend: true},
    marks: [
      Plot.barY(expected, {x: "band", y: "expectedShare", fill: "kind", fillOpacity: 0.35, stroke: "kind", inset: 6,
        title: (b) => `${b.band}: expected ${percent(b.expectedShare, 1)} (${b.expected.toFixed(1)} of ${b.n})\nOfcom rate ${b.ofcomPct}%: ${b.ofcomSource}\nWorkforce share ${percent(b.workforceShare, 1)}`}),
      Plot.ruleX(observed, {x: "band", y1: "shareLower", y2: "shareUpper", stroke: "kind", strokeWidth: 2.5}),
      Plot.tickY(observed, {x: "band", y: "shareLower", stroke: "kind", inset: 22}),
      Plot.tickY(observed, {x: "band", y: "shareUpper", stroke: "kind", inset: 22}),
      Plot.dot(observed, {x: "band", y: "share", fill: "kind", r: 5, stroke: "var(--theme-background, white)",
        title: (b) => `${b.band}: ${b.known} of ${b.n} = ${percent(b.share, 1)}\n${level} interval ${percent(b.shareLower, 1)} to ${percent(b.shareUpper, 1)}`, tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** Observed ÷ expected per band with its interval; 1 (the dashed line) means as many cases as expected. */
export function ofcomRatioChart(c: Comparison, {width, title, height = 240}: OfcomChartOptions) {
  const level = percent(c.confidence);
  const finite = c.bands.filter((b) => Number.isFinite(b.ratioUpper));
  return Plot.plot({
    title: title ?? `Observed ÷ expected cases by age band, with ${level} intervals`,
    width,
    height,
    marginLeft: 56,
    x: {domain: [0, Math.max(2, ...finite.map((b) => b.ratioUpper)) * 1.05], grid: true, label: "Observed ÷ expected (1 = as expected)"},
    y: {domain: c.bands.map((b) => b.band), label: "Age band"},
    marks: [
      Plot.ruleX([1], {strokeDasharray: "4 3"}),
      Plot.ruleY(finite, {y: "band", x1: "ratioLower", x2: "ratioUpper", stroke: COLORS[0], strokeWidth: 2.5}),
      Plot.dot(finite, {y: "band", x: "ratio", fill: COLORS[0], r: 4.5,
        title: (b) => `${b.band}: ${b.ratio.toFixed(2)} (${b.ratioLower.toFixed(2)} to ${b.ratioUpper.toFixed(2)})`, tip: true})
    ]
  });
}
