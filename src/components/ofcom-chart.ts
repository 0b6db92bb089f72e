/**
 * The Ofcom comparison as charts: each band's observed share of investigated employees (with its Wilson
 * interval) beside the share expected if cases followed social media use; and the ratio of the two.
 */
import * as Plot from "../vendor/plot.js";
import {countNoun, formatCount, formatNumber, formatShare, formatStatedPercent} from "../lib/present/index.js";
import type {Comparison} from "../lib/ofcom/comparison.js";

export interface OfcomChartOptions {
  width: number;
  title?: string;
  height?: number;
}

export const OBSERVED_LABEL = "Investigated employees (95% Wilson interval)";
export const EXPECTED_LABEL = "Expected if cases followed social media use";
const COLORS = ["#4269d0", "#ff725c"];
const ratio = (x: number) => formatNumber(x, {digits: 2});

export function ofcomChart(c: Comparison, {width, title, height = 340}: OfcomChartOptions) {
  const level = formatShare(c.confidence);
  const observed = c.bands.map((b) => ({...b, kind: OBSERVED_LABEL}));
  const expected = c.bands.map((b) => ({...b, kind: EXPECTED_LABEL}));
  return Plot.plot({
    title: title ?? `Share of investigated employees by age band, observed and expected (${c.authority})`,
    subtitle: `${countNoun(c.n, "employee")}; points show the observed share with its ${level} Wilson interval, bars the expected share.`,
    width,
    height,
    marginLeft: 56,
    x: {domain: c.bands.map((b) => b.band), label: "Age band", padding: 0.35},
    y: {percent: true, grid: true, nice: true, zero: true, label: "Share of investigated employees (%)"},
    color: {domain: [OBSERVED_LABEL, EXPECTED_LABEL], range: COLORS, legend: true},
    marks: [
      Plot.barY(expected, {
        x: "band",
        y: "expectedShare",
        fill: "kind",
        fillOpacity: 0.35,
        stroke: "kind",
        inset: 6,
        title: (b) =>
          `${b.band}: expected ${formatShare(b.expectedShare, {digits: 1})} (${formatNumber(b.expected, {digits: 1})} of ${formatCount(b.n)})\nOfcom rate ${formatStatedPercent(b.ofcomPct)}: ${b.ofcomSource}\nWorkforce share ${formatShare(b.workforceShare, {digits: 1})}`
      }),
      Plot.ruleX(observed, {x: "band", y1: "shareLower", y2: "shareUpper", stroke: "kind", strokeWidth: 2.5}),
      Plot.tickY(observed, {x: "band", y: "shareLower", stroke: "kind", inset: 22}),
      Plot.tickY(observed, {x: "band", y: "shareUpper", stroke: "kind", inset: 22}),
      Plot.dot(observed, {
        x: "band",
        y: "share",
        fill: "kind",
        r: 5,
        stroke: "var(--theme-background, white)",
        title: (b) =>
          `${b.band}: ${formatCount(b.known)} of ${formatCount(b.n)} = ${formatShare(b.share, {digits: 1})}\n${level} interval ${formatShare(b.shareLower, {digits: 1})} to ${formatShare(b.shareUpper, {digits: 1})}`,
        tip: true
      }),
      Plot.ruleY([0])
    ]
  });
}

/** Observed ÷ expected per band with its interval; 1 (the dashed line) means as many cases as expected. */
export function ofcomRatioChart(c: Comparison, {width, title, height = 240}: OfcomChartOptions) {
  const level = formatShare(c.confidence);
  const finite = c.bands.filter((b) => Number.isFinite(b.ratioUpper));
  return Plot.plot({
    title: title ?? `Observed ÷ expected cases by age band, with ${level} intervals`,
    width,
    height,
    marginLeft: 56,
    x: {
      domain: [0, Math.max(2, ...finite.map((b) => b.ratioUpper)) * 1.05],
      grid: true,
      label: "Observed ÷ expected (1 = as expected)"
    },
    y: {domain: c.bands.map((b) => b.band), label: "Age band"},
    marks: [
      Plot.ruleX([1], {strokeDasharray: "4 3"}),
      Plot.ruleY(finite, {y: "band", x1: "ratioLower", x2: "ratioUpper", stroke: COLORS[0], strokeWidth: 2.5}),
      Plot.dot(finite, {
        y: "band",
        x: "ratio",
        fill: COLORS[0],
        r: 4.5,
        title: (b) => `${b.band}: ${ratio(b.ratio)} (${ratio(b.ratioLower)} to ${ratio(b.ratioUpper)})`,
        tip: true
      })
    ]
  });
}
