/**
 * Small-sample statistics for comparing an observed age profile (a few dozen FOI cases)
 * with an expected one. Pure functions, no I/O: imported by pages and by Node tests.
 * With ~31 cases the chi-square approximation is poor, so the p-values here are exact
 * (full enumeration) or simulated, and every share comes with a Wilson interval.
 */

/** Standard normal quantile (Wichura 1988, algorithm AS 241, ~1e-16 relative accuracy).
 * Written out because simple-statistics' `probit` is only accurate to ~3 digits. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const poly = (c: number[], x: number) => c.reduceRight((acc, ci) => acc * x + ci, 0);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly([3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
      45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727], r)) /
      poly([1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
        39307.89580009271061, 28729.085735721942674, 5226.495278852545925], r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly([1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
      1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4], r) /
      poly([1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
        0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9], r);
  } else {
    r -= 5;
    x = poly([6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
      0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7], r) /
      poly([1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
        1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15], r);
  }
  return q < 0 ? -x : x;
}

export interface Interval { estimate: number; lower: number; upper: number }

/** Wilson score interval, no continuity correction (Newcombe 1998, method 3): unlike the
 * Wald interval it stays inside [0, 1] and keeps near-nominal coverage for small n and 0 counts. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`wilsonInterval: n must be a nonnegative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`wilsonInterval: successes must be an integer in 0..n (${n}), got ${successes}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`wilsonInterval: confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return { estimate: NaN, lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2), z2 = z * z, p = successes / n;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Pin the exact ends so 0/n and n/n give bounds of exactly 0 and 1 despite rounding.
  return { estimate: p, lower: successes === 0 ? 0 : Math.max(0, centre - half), upper: successes === n ? 1 : Math.min(1, centre + half) };
}

/** Normalise nonnegative weights (e.g. workforce share × Ofcom rate per band) to shares summing to 1. */
export function expectedShares(bandWeights: number[]): number[] {
  if (bandWeights.length === 0) throw new Error("expectedShares: no weights given");
  bandWeights.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0) throw new Error(`expectedShares: weight ${i} must be a finite nonnegative number, got ${w}`);
  });
  const total = bandWeights.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error("expectedShares: all weights are zero, so no shares can be formed");
  return bandWeights.map((w) => w / total);
}

/** Blend two rates (Ofcom's 55-64 and 65+) into one for a wider band: weightA·a + (1−weightA)·b.
 * The weight (e.g. the share of 55+ staff aged 55-64) is an assumption the caller must state. */
export function blendRates(a: number, b: number, weightA: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b < 0)
    throw new RangeError(`blendRates: rates must be finite and nonnegative, got ${a} and ${b}`);
  if (!(weightA >= 0 && weightA <= 1)) throw new RangeError(`blendRates: weightA must be in [0, 1], got ${weightA}`);
  return weightA * a + (1 - weightA) * b;
}

/** Validated inputs with zero-probability categories split off (they carry no outcomes). */
interface Prepared { n: number; counts: number[]; logp: number[]; impossible: boolean }

function prepare(fn: string, observed: number[], probs: number[]): Prepared {
  if (observed.length !== probs.length || observed.length === 0)
    throw new Error(`${fn}: observed (${observed.length}) and probs (${probs.length}) must be nonempty and the same length`);
  observed.forEach((o, i) => {
    if (!Number.isInteger(o) || o < 0) throw new Error(`${fn}: observed[${i}] must be a nonnegative integer, got ${o}`);
  });
  probs.forEach((p, i) => {
    if (!Number.isFinite(p) || p < 0) throw new Error(`${fn}: probs[${i}] must be a finite nonnegative number, got ${p}`);
  });
  const total = probs.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6) throw new Error(`${fn}: probs must sum to 1 (got ${total}); use expectedShares() to normalise`);
  const keep = probs.map((p) => p > 0);
  return {
    n: observed.reduce((a, b) => a + b, 0),
    counts: observed.filter((_, i) => keep[i]),
    logp: probs.filter((_, i) => keep[i]).map((p) => Math.log(p / total)),
    impossible: observed.some((o, i) => o > 0 && !keep[i]),
  };
}

function logFactorials(n: number): Float64Array {
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
const LOG_TOLERANCE = Math.log1p(1e-7);
export const DEFAULT_MAX_OUTCOMES = 5_000_000;

export interface TestResult { pValue: number; method: string }

/**
 * Exact multinomial goodness-of-fit test: p = total probability of every outcome (count
 * vector summing to n) no more likely than the one observed. With two categories this is
 * R's two-sided binom.test. Returns null (does not throw) when the outcomes exceed
 * `maxOutcomes`, so callers can fall back to monteCarloMultinomialTest.
 */
export function exactMultinomialTest(observed: number[], probs: number[], maxOutcomes = DEFAULT_MAX_OUTCOMES):
  (TestResult & { outcomes: number }) | null {
  const { n, counts, logp, impossible } = prepare("exactMultinomialTest", observed, probs);
  const k = logp.length, outcomes = multinomialOutcomeCount(n, k);
  const method = "exact multinomial test (probability ordering)";
  if (impossible) return { pValue: 0, method: `${method}: observed count in a zero-probability category`, outcomes };
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
  return { pValue: Math.min(1, sum), method, outcomes };
}

/** Seeded 32-bit generator (mulberry32): small, fast and reproducible, so published p-values can be re-derived. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Monte Carlo version of the exact test, with the same ordering statistic (the outcome's
 * multinomial probability, not chi-square), so both estimate the same p-value. Each draw
 * samples n cases from probs (cost ∝ draws × n). p = (hits + 1) / (draws + 1), which never
 * reports an impossible 0 and is a valid p-value for a finite simulation.
 */
export function monteCarloMultinomialTest(observed: number[], probs: number[],
  { draws = 100_000, seed = 1 }: { draws?: number; seed?: number } = {}): TestResult & { draws: number } {
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`monteCarloMultinomialTest: draws must be a positive integer, got ${draws}`);
  const { n, counts, logp, impossible } = prepare("monteCarloMultinomialTest", observed, probs);
  const method = `Monte Carlo multinomial test (probability ordering, ${draws} draws, seed ${seed})`;
  if (impossible) return { pValue: 0, method: `${method}: observed count in a zero-probability category`, draws };
  const k = logp.length, lf = logFactorials(n), rand = mulberry32(seed);
  const cumulative: number[] = [];
  logp.reduce((c, lp, j) => (cumulative[j] = c + Math.exp(lp)), 0);
  const logProb = (x: ArrayLike<number>) => { let s = 0; for (let j = 0; j < k; j++) s += x[j] * logp[j] - lf[x[j]]; return s; };
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
  return { pValue: (hits + 1) / (draws + 1), method, draws };
}

/** Pearson's chi-square Σ(O − E)²/E. A cell with E = 0 adds 0 if O = 0, otherwise Infinity. */
export function chiSquareStatistic(observed: number[], expected: number[]): number {
  if (observed.length !== expected.length) throw new Error("chiSquareStatistic: observed and expected must be the same length");
  return observed.reduce((s, o, i) => {
    const e = expected[i];
    return s + (e === 0 ? (o === 0 ? 0 : Infinity) : ((o - e) ** 2) / e);
  }, 0);
}

/** Smallest expected count n·p over categories with p > 0 (the usual "all ≥ 5" rule's input). */
export function minExpectedCount(observed: number[], probs: number[]): number {
  const n = prepare("minExpectedCount", observed, probs).n;
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
export function goodnessOfFit(observed: number[], probs: number[],
  options: { maxOutcomes?: number; draws?: number; seed?: number } = {}): GoodnessOfFit {
  const { n, logp } = prepare("goodnessOfFit", observed, probs);
  const maxOutcomes = options.maxOutcomes ?? DEFAULT_MAX_OUTCOMES;
  const outcomes = multinomialOutcomeCount(n, logp.length);
  const minExpected = minExpectedCount(observed, probs);
  const common = {
    n, outcomes, minExpected,
    chiSquare: chiSquareStatistic(observed, probs.map((p) => n * p)),
    df: logp.length - 1,
    chiSquareUnreliable: minExpected < 5,
  };
  const exact = exactMultinomialTest(observed, probs, maxOutcomes);
  if (exact) {
    return { ...common, test: "exact", draws: null, pValue: exact.pValue, method: exact.method,
      reason: `${outcomes} possible outcomes (limit ${maxOutcomes}): enumerated exactly` };
  }
  const mc = monteCarloMultinomialTest(observed, probs, { draws: options.draws, seed: options.seed });
  return { ...common, test: "monte-carlo", draws: mc.draws, pValue: mc.pValue, method: mc.method,
    reason: `${outcomes} possible outcomes exceed the limit of ${maxOutcomes}: estimated by simulation` };
}

export interface RatioRow {
  observed: number; n: number; share: number; shareLower: number; shareUpper: number;
  expectedShare: number; expected: number; ratio: number; ratioLower: number; ratioUpper: number;
}

/** Observed ÷ expected share per category, with Wilson bounds on the observed share divided by
 * the expected share. This treats the expected share as fixed (its own survey error is ignored),
 * so the ratio interval is narrower than a full one. Expected share 0 gives NaN/Infinity ratios. */
export function observedExpectedRatios(observed: number[], probs: number[], confidence = 0.95): RatioRow[] {
  const { n } = prepare("observedExpectedRatios", observed, probs);
  return observed.map((o, i) => {
    const w = wilsonInterval(o, n, confidence), p = probs[i];
    return { observed: o, n, share: w.estimate, shareLower: w.lower, shareUpper: w.upper, expectedShare: p,
      expected: n * p, ratio: w.estimate / p, ratioLower: w.lower / p, ratioUpper: w.upper / p };
  });
}
