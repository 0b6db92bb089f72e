/**
 * A funnel plot's numbers: each unit's share (x of n) against its number of cases n,
 * with control limits around the pooled share. How institutions are compared without a
 * league table of noise: a unit outside the limits differs from the pool by more than
 * chance alone would often give; a small unit far from the pool usually does not.
 *
 * The limits are the normal approximation to the binomial around the pooled share p:
 *   p ± z·sqrt(p(1 − p)/n), clipped to [0, 1],
 * with z = 1.96 for 95% and 3.09 for 99.8% (about 2 and 3 standard deviations).
 * Pure, no I/O: the page and tests import it.
 */
import {normalQuantile} from "./intervals.js";

export interface FunnelUnit {
  /** Identifies the unit (a council's slug). */
  key: string;
  label: string;
  /** Cases in the chosen group (e.g. employees aged 16-24). */
  x: number;
  /** All the unit's cases; null when it gave no count. */
  n: number | null;
}

export type FunnelSide = "above" | "below" | null;

export interface FunnelPoint extends FunnelUnit {
  n: number;
  value: number;
  /** Beyond the 95% limits (above or below), else null. */
  outside95: FunnelSide;
  outside998: FunnelSide;
}

export interface FunnelLimit {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export interface Funnel {
  /** Σx / Σn over the plotted units. */
  pooled: number;
  cases: number;
  points: FunnelPoint[];
  /** The limits at every n from 1 to the largest unit's n (at most `steps` values, always including both ends). */
  limits: FunnelLimit[];
  /** Units not plotted: no count at all, or no cases (a share of nothing is undefined). */
  noCount: number;
  zeroCases: number;
}

/** Two-sided z for a confidence level: 1.959964 for 0.95, 3.090232 for 0.998. */
export const zFor = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2);

/** The limits p ± z·sqrt(p(1 − p)/n), clipped to [0, 1]. */
export function funnelLimits(p: number, n: number, confidence: number): [number, number] {
  const half = zFor(confidence) * Math.sqrt((p * (1 - p)) / n);
  return [Math.max(0, p - half), Math.min(1, p + half)];
}

const side = (value: number, [lo, hi]: [number, number]): FunnelSide =>
  value > hi ? "above" : value < lo ? "below" : null;

export function funnel(units: readonly FunnelUnit[], {steps = 200}: {steps?: number} = {}): Funnel {
  const plotted = units.filter((u): u is FunnelUnit & {n: number} => u.n != null && u.n > 0);
  const cases = plotted.reduce((s, u) => s + u.n, 0);
  const pooled = cases ? plotted.reduce((s, u) => s + u.x, 0) / cases : NaN;
  const points = plotted.map((u): FunnelPoint => {
    const value = u.x / u.n;
    return {
      ...u,
      value,
      outside95: side(value, funnelLimits(pooled, u.n, 0.95)),
      outside998: side(value, funnelLimits(pooled, u.n, 0.998))
    };
  });
  const largest = Math.max(0, ...plotted.map((u) => u.n));
  const ns = new Set<number>();
  // Evenly spaced on a square-root scale, where the limits change fastest for small n.
  const count = largest > 0 ? steps : -1;
  for (let i = 0; i <= count; i++) ns.add(Math.max(1, Math.round((1 + ((Math.sqrt(largest) - 1) * i) / steps) ** 2)));
  const limits = [...ns]
    .sort((a, b) => a - b)
    .map((n) => {
      const [lower95, upper95] = funnelLimits(pooled, n, 0.95);
      const [lower998, upper998] = funnelLimits(pooled, n, 0.998);
      return {n, lower95, upper95, lower998, upper998};
    });
  return {
    pooled,
    cases,
    points,
    limits,
    noCount: units.filter((u) => u.n == null).length,
    zeroCases: units.filter((u) => u.n === 0).length
  };
}
