/** One goodness-of-fit answer for a profile: the exact test when feasible, else simulation, with chi-square as description. */
import {
  DEFAULT_MAX_OUTCOMES,
  exactMultinomialTest,
  monteCarloMultinomialTest,
  multinomialOutcomeCount,
  prepareCounts,
  type TestResult
} from "./multinomial.js";

/** Pearson's chi-square Σ(O − E)²/E. A cell with E = 0 adds 0 if O = 0, otherwise Infinity. */
export function chiSquareStatistic(observed: number[], expected: number[]): number {
  if (observed.length !== expected.length)
    throw new Error("chiSquareStatistic: observed and expected must be the same length");
  return observed.reduce((s, o, i) => {
    const e = expected[i];
    return s + (e === 0 ? (o === 0 ? 0 : Infinity) : (o - e) ** 2 / e);
  }, 0);
}

/** Smallest expected count n·p over categories with p > 0 (the usual "all ≥ 5" rule's input). */
export function minExpectedCount(observed: number[], probs: number[]): number {
  const n = prepareCounts("minExpectedCount", observed, probs).n;
  return Math.min(...probs.filter((p) => p > 0).map((p) => n * p));
}

export interface GoodnessOfFit extends TestResult {
  test: "exact" | "monte-carlo";
  reason: string;
  n: number;
  outcomes: number;
  draws: number | null;
  chiSquare: number;
  df: number;
  minExpected: number;
  /** True when some expected count is below 5, so an asymptotic chi-square p-value should not be quoted. */
  chiSquareUnreliable: boolean;
}

/** Exact test when enumeration is feasible, Monte Carlo otherwise; chi-square shown only as a descriptive statistic. */
export function goodnessOfFit(
  observed: number[],
  probs: number[],
  options: {maxOutcomes?: number; draws?: number; seed?: number} = {}
): GoodnessOfFit {
  const {n, logp} = prepareCounts("goodnessOfFit", observed, probs);
  const maxOutcomes = options.maxOutcomes ?? DEFAULT_MAX_OUTCOMES;
  const outcomes = multinomialOutcomeCount(n, logp.length);
  const minExpected = minExpectedCount(observed, probs);
  const common = {
    n,
    outcomes,
    minExpected,
    chiSquare: chiSquareStatistic(
      observed,
      probs.map((p) => n * p)
    ),
    df: logp.length - 1,
    chiSquareUnreliable: minExpected < 5
  };
  const exact = exactMultinomialTest(observed, probs, maxOutcomes);
  if (exact) {
    return {
      ...common,
      test: "exact",
      draws: null,
      pValue: exact.pValue,
      method: exact.method,
      reason: `${outcomes} possible outcomes (limit ${maxOutcomes}): enumerated exactly`
    };
  }
  const mc = monteCarloMultinomialTest(observed, probs, {draws: options.draws, seed: options.seed});
  return {
    ...common,
    test: "monte-carlo",
    draws: mc.draws,
    pValue: mc.pValue,
    method: mc.method,
    reason: `${outcomes} possible outcomes exceed the limit of ${maxOutcomes}: estimated by simulation`
  };
}
