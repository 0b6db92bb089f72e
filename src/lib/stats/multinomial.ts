/**
 * Multinomial goodness-of-fit tests for an observed profile of a few dozen cases against expected
 * shares. With ~31 cases the chi-square approximation is poor, so the p-values here are exact
 * (full enumeration) or simulated with the same ordering statistic.
 */
import {mulberry32} from "./random.js";

/** Validated inputs with zero-probability categories split off (they carry no outcomes); shared by the tests, fit.ts and ratios.ts. */
export interface Prepared {
  n: number;
  counts: number[];
  logp: number[];
  impossible: boolean;
}

export function prepareCounts(fn: string, observed: number[], probs: number[]): Prepared {
  if (observed.length !== probs.length || observed.length === 0)
    throw new Error(
      `${fn}: observed (${observed.length}) and probs (${probs.length}) must be nonempty and the same length`
    );
  observed.forEach((o, i) => {
    if (!Number.isInteger(o) || o < 0) throw new Error(`${fn}: observed[${i}] must be a nonnegative integer, got ${o}`);
  });
  probs.forEach((p, i) => {
    if (!Number.isFinite(p) || p < 0)
      throw new Error(`${fn}: probs[${i}] must be a finite nonnegative number, got ${p}`);
  });
  const total = probs.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6)
    throw new Error(`${fn}: probs must sum to 1 (got ${total}); use expectedShares() to normalise`);
  const keep = probs.map((p) => p > 0);
  return {
    n: observed.reduce((a, b) => a + b, 0),
    counts: observed.filter((_, i) => keep[i]),
    logp: probs.filter((_, i) => keep[i]).map((p) => Math.log(p / total)),
    impossible: observed.some((o, i) => o > 0 && !keep[i])
  };
}

export function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf;
}

/** Number of count vectors of k categories summing to n: C(n + k − 1, k − 1). */
export function multinomialOutcomeCount(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i < k; i++) c = (c * (n + i)) / i;
  return Math.round(c);
}

/** Relative tolerance when comparing outcome probabilities, as R's binom.test (1 + 1e-7),
 * so outcomes tied with the observed one in exact arithmetic are not lost to rounding. */
export const LOG_TOLERANCE = Math.log1p(1e-7);
export const DEFAULT_MAX_OUTCOMES = 5_000_000;

export interface TestResult {
  pValue: number;
  method: string;
}

/**
 * Exact multinomial goodness-of-fit test: p = total probability of every outcome (count
 * vector summing to n) no more likely than the one observed. With two categories this is
 * R's two-sided binom.test. Returns null (does not throw) when the outcomes exceed
 * `maxOutcomes`, so callers can fall back to monteCarloMultinomialTest.
 */
export function exactMultinomialTest(
  observed: number[],
  probs: number[],
  maxOutcomes = DEFAULT_MAX_OUTCOMES
): (TestResult & {outcomes: number}) | null {
  const {n, counts, logp, impossible} = prepareCounts("exactMultinomialTest", observed, probs);
  const k = logp.length,
    outcomes = multinomialOutcomeCount(n, k);
  const method = "exact multinomial test (probability ordering)";
  if (impossible) return {pValue: 0, method: `${method}: observed count in a zero-probability category`, outcomes};
  if (outcomes > maxOutcomes) return null;
  const lf = logFactorials(n);
  const term = (x: number, j: number) => x * logp[j] - lf[x];
  const threshold = counts.reduce((s, x, j) => s + term(x, j), 0) + LOG_TOLERANCE;
  let sum = 0;
  // Recurse over categories; the last one takes whatever count remains. acc = log-probability minus lf[n].
  const walk = (j: number, remaining: number, acc: number): void => {
    if (j === k - 1) {
      const lp = acc + term(remaining, j);
      if (lp <= threshold) sum += Math.exp(lp + lf[n]);
      return;
    }
    for (let x = 0; x <= remaining; x++) walk(j + 1, remaining - x, acc + term(x, j));
  };
  walk(0, n, 0);
  return {pValue: Math.min(1, sum), method, outcomes};
}

/**
 * Monte Carlo version of the exact test, with the same ordering statistic (the outcome's
 * multinomial probability, not chi-square), so both estimate the same p-value. Each draw
 * samples n cases from probs (cost ∝ draws × n). p = (hits + 1) / (draws + 1), which never
 * reports an impossible 0 and is a valid p-value for a finite simulation.
 */
export function monteCarloMultinomialTest(
  observed: number[],
  probs: number[],
  {draws = 100_000, seed = 1}: {draws?: number; seed?: number} = {}
): TestResult & {draws: number} {
  if (!Number.isInteger(draws) || draws < 1)
    throw new RangeError(`monteCarloMultinomialTest: draws must be a positive integer, got ${draws}`);
  const {n, counts, logp, impossible} = prepareCounts("monteCarloMultinomialTest", observed, probs);
  const method = `Monte Carlo multinomial test (probability ordering, ${draws} draws, seed ${seed})`;
  if (impossible) return {pValue: 0, method: `${method}: observed count in a zero-probability category`, draws};
  const k = logp.length,
    lf = logFactorials(n),
    rand = mulberry32(seed);
  const cumulative: number[] = [];
  logp.reduce((c, lp, j) => (cumulative[j] = c + Math.exp(lp)), 0);
  const logProb = (x: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += x[j] * logp[j] - lf[x[j]];
    return s;
  };
  const threshold = logProb(counts) + LOG_TOLERANCE;
  const sample = new Int32Array(k);
  let hits = 0;
  for (let d = 0; d < draws; d++) {
    sample.fill(0);
    for (let i = 0; i < n; i++) {
      const u = rand();
      let j = 0;
      while (j < k - 1 && u >= cumulative[j]) j++;
      sample[j]++;
    }
    if (logProb(sample) <= threshold) hits++;
  }
  return {pValue: (hits + 1) / (draws + 1), method, draws};
}
