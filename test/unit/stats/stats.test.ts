import {test} from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {wilsonInterval, normalQuantile} from "../../../src/lib/stats/intervals.js";
import {blendRates, expectedShares} from "../../../src/lib/stats/expected.js";
import {
  exactMultinomialTest,
  monteCarloMultinomialTest,
  multinomialOutcomeCount
} from "../../../src/lib/stats/multinomial.js";
import {chiSquareStatistic, goodnessOfFit, minExpectedCount} from "../../../src/lib/stats/fit.js";
import {mulberry32} from "../../../src/lib/stats/random.js";
import {observedExpectedRatios} from "../../../src/lib/stats/ratios.js";

const close = (actual: number, expected: number, tol: number, label = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${label} expected ${expected} ± ${tol}, got ${actual}`);

// --- independent reference code, written plainly (no shared helpers with the module) ---

/** n! / (x1! … xk!) · Π p^x, by direct products. */
function multinomialPmf(x: number[], p: number[]): number {
  let coef = 1,
    seen = 0;
  for (const xi of x) for (let i = 1; i <= xi; i++) coef = (coef * ++seen) / i;
  return x.reduce((acc, xi, j) => acc * p[j] ** xi, coef);
}

/** All count vectors of length k summing to n, by plain recursion. */
function allOutcomes(n: number, k: number): number[][] {
  if (k === 1) return [[n]];
  const out: number[][] = [];
  for (let x = 0; x <= n; x++) for (const rest of allOutcomes(n - x, k - 1)) out.push([x, ...rest]);
  return out;
}

/** Brute-force exact test: sum of P(y) over outcomes y with P(y) <= P(observed)·(1 + 1e-7). */
function bruteForceP(observed: number[], p: number[]): number {
  const n = observed.reduce((a, b) => a + b, 0);
  const pObs = multinomialPmf(observed, p);
  return allOutcomes(n, p.length)
    .map((y) => multinomialPmf(y, p))
    .filter((q) => q <= pObs * (1 + 1e-7))
    .reduce((a, b) => a + b, 0);
}

/** Wilson bounds by solving (p̂ − π)² = z²π(1 − π)/n for π with the quadratic formula. */
function wilsonByQuadratic(x: number, n: number, z: number): [number, number] {
  const ph = x / n,
    a = 1 + (z * z) / n,
    b = -(2 * ph + (z * z) / n),
    c = ph * ph;
  const disc = Math.sqrt(b * b - 4 * a * c);
  return [(-b - disc) / (2 * a), (-b + disc) / (2 * a)];
}

// --- normal quantile ---

test("normalQuantile matches R's qnorm", () => {
  // R 4.x: qnorm(0.975) = 1.959963984540054, qnorm(0.995) = 2.575829303548901,
  // qnorm(0.9) = 1.281551565544601, qnorm(1e-10) = -6.361340902404056.
  close(normalQuantile(0.975), 1.959963984540054, 1e-12);
  close(normalQuantile(0.995), 2.575829303548901, 1e-12);
  close(normalQuantile(0.9), 1.281551565544601, 1e-12);
  close(normalQuantile(1e-10), -6.361340902404056, 1e-9);
  assert.equal(normalQuantile(0.5), 0);
  assert.throws(() => normalQuantile(0), /in \(0, 1\)/);
  assert.throws(() => normalQuantile(1), /in \(0, 1\)/);
});

// --- Wilson ---

test("wilsonInterval reproduces Newcombe (1998) Table I, method 3", () => {
  // Newcombe R.G. (1998) "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no continuity
  // correction), 95%: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0.0000–0.1611; 1/29 → 0.0061–0.1718.
  const table: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718]
  ];
  for (const [x, n, lo, hi] of table) {
    const w = wilsonInterval(x, n);
    close(w.lower, lo, 5e-5, `${x}/${n} lower`);
    close(w.upper, hi, 5e-5, `${x}/${n} upper`);
    assert.equal(w.estimate, x / n);
    // Same bounds to full precision from the quadratic-formula derivation (z = qnorm(0.975)).
    const [ql, qu] = wilsonByQuadratic(x, n, 1.959963984540054);
    close(w.lower, ql, 1e-12, `${x}/${n} lower vs quadratic`);
    close(w.upper, qu, 1e-12, `${x}/${n} upper vs quadratic`);
  }
});

test("wilsonInterval edge cases", () => {
  assert.deepEqual(wilsonInterval(0, 0), {estimate: NaN, lower: 0, upper: 1});
  const all = wilsonInterval(29, 29);
  assert.equal(all.upper, 1);
  close(all.lower, 1 - wilsonInterval(0, 29).upper, 1e-12, "symmetry: lower(29/29) = 1 − upper(0/29)");
  // A higher confidence gives a wider interval.
  const w90 = wilsonInterval(11, 31, 0.9),
    w99 = wilsonInterval(11, 31, 0.99);
  assert.ok(w99.lower < w90.lower && w99.upper > w90.upper);
  assert.throws(() => wilsonInterval(5, 4), /successes/);
  assert.throws(() => wilsonInterval(-1, 4), /successes/);
  assert.throws(() => wilsonInterval(1.5, 4), /successes/);
  assert.throws(() => wilsonInterval(1, -4), /n must be/);
  assert.throws(() => wilsonInterval(1, 4, 1), /confidence/);
});

test("property: Wilson bounds lie in [0, 1] and contain the estimate", () => {
  fc.assert(
    fc.property(
      fc.integer({min: 1, max: 2000}).chain((n) => fc.tuple(fc.integer({min: 0, max: n}), fc.constant(n))),
      fc.double({min: 0.5, max: 0.9999, noNaN: true}),
      ([x, n], conf) => {
        const w = wilsonInterval(x, n, conf);
        return w.lower >= 0 && w.upper <= 1 && w.lower <= w.estimate && w.estimate <= w.upper;
      }
    )
  );
});

// --- shares and blending ---

test("expectedShares normalises weights and rejects bad input", () => {
  const s = expectedShares([1, 3, 0, 4]);
  assert.deepEqual(s, [0.125, 0.375, 0, 0.5]);
  close(
    expectedShares([0.1 * 93, 0.3 * 90, 0.6 * 80]).reduce((a, b) => a + b, 0),
    1,
    1e-15
  );
  assert.throws(() => expectedShares([0, 0]), /all weights are zero/);
  assert.throws(() => expectedShares([1, -1]), /weight 1 must be a finite nonnegative/);
  assert.throws(() => expectedShares([1, NaN]), /finite nonnegative/);
  assert.throws(() => expectedShares([]), /no weights/);
});

test("blendRates blends Ofcom's 55-64 and 65+ rates with a stated weight", () => {
  close(blendRates(49, 28, 0.5), 38.5, 1e-12);
  assert.equal(blendRates(49, 28, 1), 49);
  assert.equal(blendRates(49, 28, 0), 28);
  close(blendRates(49, 28, 0.8), 44.8, 1e-12);
  assert.throws(() => blendRates(49, 28, 1.2), /weightA/);
  assert.throws(() => blendRates(49, 28, NaN), /weightA/);
  assert.throws(() => blendRates(-1, 28, 0.5), /rates/);
  assert.throws(() => blendRates(49, Infinity, 0.5), /rates/);
});

// --- exact multinomial test ---

test("two categories: exact test equals R's two-sided binom.test", () => {
  // R: binom.test(7, 20, 0.5) → p-value = 0.2632 (= 2·P(X ≤ 7) = 0.263176 by symmetry).
  const a = exactMultinomialTest([7, 13], [0.5, 0.5]);
  assert.ok(a);
  close(a.pValue, 0.2632, 5e-5, "binom.test(7, 20)");
  close(a.pValue, bruteForceP([7, 13], [0.5, 0.5]), 1e-12);
  assert.equal(a.outcomes, 21);
  // R documentation ?binom.test example (Mendel's peas): binom.test(682, 925, p = 3/4) → p-value = 0.3825.
  const mendel = exactMultinomialTest([682, 243], [0.75, 0.25]);
  assert.ok(mendel);
  close(mendel.pValue, 0.3825, 5e-5, "Mendel");
  // binom.test(2, 10, 0.3): by hand, only X = 3 (P = 0.2668) is more likely than X = 2 (P = 0.2335),
  // so p = 1 − C(10,3)·0.3³·0.7⁷ = 1 − 120·0.027·0.0823543 = 0.73317.
  const b = exactMultinomialTest([2, 8], [0.3, 0.7]);
  assert.ok(b);
  close(b.pValue, 1 - 120 * 0.027 * 0.0823543, 1e-12, "binom.test(2, 10, 0.3)");
});

test("three or more categories agree with brute-force enumeration", () => {
  // Hand check: n = 2 over 3 equal categories; the outcomes (2,0,0),(0,2,0),(0,0,2) have P = 1/9 each,
  // the (1,1,0)-type ones 2/9 each; so p for (2,0,0) = 3/9.
  close(exactMultinomialTest([2, 0, 0], [1 / 3, 1 / 3, 1 / 3])!.pValue, 1 / 3, 1e-12, "hand case");
  const cases: [number[], number[]][] = [
    [
      [1, 4, 0, 5],
      [0.1, 0.2, 0.3, 0.4]
    ],
    [
      [3, 3, 3],
      [0.2, 0.3, 0.5]
    ],
    [[0, 11, 12, 4, 4], expectedShares([93, 90, 80, 68, 38.5])],
    [
      [0, 11, 12, 4, 4],
      [0.2, 0.2, 0.2, 0.2, 0.2]
    ]
  ];
  for (const [obs, p] of cases) {
    const r = exactMultinomialTest(obs, p);
    assert.ok(r);
    close(r.pValue, bruteForceP(obs, p), 1e-10, JSON.stringify(obs));
    assert.equal(
      r.outcomes,
      allOutcomes(
        obs.reduce((a, b) => a + b, 0),
        p.length
      ).length
    );
  }
});

test("n = 31 with 5 categories runs in well under a second", () => {
  const t0 = performance.now();
  const r = exactMultinomialTest([0, 11, 12, 4, 4], expectedShares([93, 90, 80, 68, 38.5]));
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(r!.outcomes, 52360); // C(35, 4)
  assert.equal(multinomialOutcomeCount(31, 5), 52360);
});

test("exact test edge cases", () => {
  // n = 0: the only outcome is the observed one.
  assert.equal(exactMultinomialTest([0, 0, 0], [0.2, 0.3, 0.5])!.pValue, 1);
  // Zero-probability category with an observation: impossible under the null, p = 0.
  assert.equal(exactMultinomialTest([1, 2, 3], [0, 0.5, 0.5])!.pValue, 0);
  // Zero-probability category without observations is dropped.
  close(
    exactMultinomialTest([0, 2, 3], [0, 0.5, 0.5])!.pValue,
    exactMultinomialTest([2, 3], [0.5, 0.5])!.pValue,
    1e-15
  );
  // Too many outcomes: returns null so callers can switch to Monte Carlo.
  assert.equal(exactMultinomialTest([10, 10, 10], [0.2, 0.3, 0.5], 10), null);
  assert.throws(() => exactMultinomialTest([1, 2], [0.5, 0.3, 0.2]), /same length/);
  assert.throws(() => exactMultinomialTest([1, -2], [0.5, 0.5]), /nonnegative integer/);
  assert.throws(() => exactMultinomialTest([1, 2.5], [0.5, 0.5]), /nonnegative integer/);
  assert.throws(() => exactMultinomialTest([1, 2], [0.5, 0.4]), /sum to 1/);
  assert.throws(() => exactMultinomialTest([1, 2], [1.5, -0.5]), /finite nonnegative/);
  assert.throws(() => exactMultinomialTest([], []), /nonempty/);
});

// --- Monte Carlo ---

test("Monte Carlo agrees with the exact p-value and is deterministic for a seed", () => {
  const obs = [0, 11, 12, 4, 4],
    p = expectedShares([93, 90, 80, 68, 38.5]);
  const exact = exactMultinomialTest(obs, p)!.pValue;
  const mc = monteCarloMultinomialTest(obs, p, {draws: 100_000, seed: 7});
  // Standard error ≤ sqrt(0.25 / 1e5) ≈ 0.0016; 0.01 is over 6 standard errors.
  close(mc.pValue, exact, 0.01, "MC vs exact");
  const mid = [5, 7, 3],
    q = [0.3, 0.4, 0.3];
  close(
    monteCarloMultinomialTest(mid, q, {draws: 50_000}).pValue,
    exactMultinomialTest(mid, q)!.pValue,
    0.015,
    "MC vs exact (mid p)"
  );
  assert.deepEqual(
    monteCarloMultinomialTest(obs, p, {draws: 2000, seed: 3}),
    monteCarloMultinomialTest(obs, p, {draws: 2000, seed: 3})
  );
  assert.equal(mc.draws, 100_000);
});

test("Monte Carlo edge cases", () => {
  // n = 0: every draw equals the observation, so p = (draws + 1) / (draws + 1) = 1.
  assert.equal(monteCarloMultinomialTest([0, 0], [0.5, 0.5], {draws: 10}).pValue, 1);
  assert.equal(monteCarloMultinomialTest([1, 2, 3], [0, 0.5, 0.5], {draws: 10}).pValue, 0);
  assert.throws(() => monteCarloMultinomialTest([1, 2], [0.5, 0.5], {draws: 0}), /draws/);
  assert.throws(() => monteCarloMultinomialTest([1, 2], [0.6, 0.5]), /sum to 1/);
  // mulberry32 is reproducible and in [0, 1).
  const r1 = mulberry32(42),
    r2 = mulberry32(42);
  for (let i = 0; i < 100; i++) {
    const u = r1();
    assert.equal(u, r2());
    assert.ok(u >= 0 && u < 1);
  }
});

test("property: p-values are always in [0, 1]", () => {
  const arb = fc.integer({min: 2, max: 4}).chain((k) =>
    fc.tuple(
      fc.array(fc.integer({min: 0, max: 6}), {minLength: k, maxLength: k}),
      fc.array(fc.integer({min: 0, max: 10}), {minLength: k, maxLength: k}).filter((w) => w.some((x) => x > 0))
    )
  );
  fc.assert(
    fc.property(arb, fc.integer({min: 0, max: 1000}), ([obs, w], seed) => {
      const p = expectedShares(w);
      const e = exactMultinomialTest(obs, p)!.pValue;
      const m = monteCarloMultinomialTest(obs, p, {draws: 200, seed}).pValue;
      return e >= 0 && e <= 1 && m >= 0 && m <= 1;
    }),
    {numRuns: 200}
  );
});

// --- chi-square helpers and goodnessOfFit ---

test("chiSquareStatistic and minExpectedCount", () => {
  // (10−5)²/5 + (0−5)²/5 = 10
  assert.equal(chiSquareStatistic([10, 0], [5, 5]), 10);
  assert.equal(chiSquareStatistic([0, 4], [0, 4]), 0);
  assert.equal(chiSquareStatistic([1, 3], [0, 4]), Infinity);
  assert.throws(() => chiSquareStatistic([1], [1, 2]), /same length/);
  close(minExpectedCount([0, 11, 12, 4, 4], [0.2, 0.2, 0.2, 0.2, 0.2]), 6.2, 1e-12);
  close(minExpectedCount([1, 3, 0], [0, 0.25, 0.75]), 1, 1e-12); // zero-probability category ignored
});

test("goodnessOfFit chooses exact when feasible, Monte Carlo otherwise", () => {
  const obs = [0, 11, 12, 4, 4],
    p = expectedShares([93, 90, 80, 68, 38.5]);
  const g = goodnessOfFit(obs, p);
  assert.equal(g.test, "exact");
  assert.equal(g.draws, null);
  assert.equal(g.n, 31);
  assert.equal(g.df, 4);
  assert.equal(g.outcomes, 52360);
  assert.equal(g.pValue, exactMultinomialTest(obs, p)!.pValue);
  const e = p.map((x) => 31 * x);
  close(
    g.chiSquare,
    obs.reduce((s, o, i) => s + (o - e[i]) ** 2 / e[i], 0),
    1e-12
  );
  close(g.minExpected, Math.min(...e), 1e-12);
  assert.equal(g.chiSquareUnreliable, Math.min(...e) < 5);
  assert.match(g.reason, /enumerated exactly/);

  const f = goodnessOfFit(obs, p, {maxOutcomes: 1000, draws: 20_000, seed: 5});
  assert.equal(f.test, "monte-carlo");
  assert.equal(f.draws, 20_000);
  assert.match(f.reason, /exceed the limit of 1000/);
  close(f.pValue, g.pValue, 0.02, "fallback vs exact");

  // All expected counts ≥ 5 → no warning; a small one → warning.
  assert.equal(goodnessOfFit([20, 20], [0.5, 0.5]).chiSquareUnreliable, false);
  assert.equal(goodnessOfFit([2, 8], [0.3, 0.7]).chiSquareUnreliable, true);
  // Zero-probability category: dropped from df.
  assert.equal(goodnessOfFit([0, 4, 6], [0, 0.5, 0.5]).df, 1);
});

// --- observed / expected ratios ---

test("observedExpectedRatios uses Wilson bounds over a fixed expected share", () => {
  const obs = [0, 11, 12, 4, 4],
    p = [0.2, 0.2, 0.2, 0.2, 0.2];
  const rows = observedExpectedRatios(obs, p);
  assert.equal(rows.length, 5);
  rows.forEach((r, i) => {
    const w = wilsonInterval(obs[i], 31);
    assert.equal(r.n, 31);
    assert.equal(r.observed, obs[i]);
    assert.equal(r.share, obs[i] / 31);
    assert.equal(r.shareLower, w.lower);
    assert.equal(r.shareUpper, w.upper);
    close(r.expected, 6.2, 1e-12);
    close(r.ratio, obs[i] / 31 / 0.2, 1e-12);
    close(r.ratioLower, w.lower / 0.2, 1e-12);
    close(r.ratioUpper, w.upper / 0.2, 1e-12);
  });
  assert.equal(rows[0].ratioLower, 0);
  const wide = observedExpectedRatios(obs, p, 0.99)[1],
    narrow = rows[1];
  assert.ok(wide.ratioLower < narrow.ratioLower && wide.ratioUpper > narrow.ratioUpper);
  assert.ok(Number.isNaN(observedExpectedRatios([0, 3], [0, 1])[0].ratio));
  assert.throws(() => observedExpectedRatios([1, 2], [0.5, 0.6]), /sum to 1/);
});
