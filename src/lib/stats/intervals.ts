/**
 * Intervals for a share of a few dozen cases: every share the pages state comes with a Wilson
 * interval. Pure, no I/O, like the rest of stats/: imported by pages and by Node tests.
 */

/** Standard normal quantile (Wichura 1988, algorithm AS 241, ~1e-16 relative accuracy).
 * Written out because simple-statistics' `probit` is only accurate to ~3 digits. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const poly = (c: number[], x: number) => c.reduceRight((acc, ci) => acc * x + ci, 0);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        poly(
          [
            3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
            45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727
          ],
          r
        )) /
      poly(
        [
          1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
          39307.89580009271061, 28729.085735721942674, 5226.495278852545925
        ],
        r
      )
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      poly(
        [
          1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
          1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4
        ],
        r
      ) /
      poly(
        [
          1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
          0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9
        ],
        r
      );
  } else {
    r -= 5;
    x =
      poly(
        [
          6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
          0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7
        ],
        r
      ) /
      poly(
        [
          1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
          1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15
        ],
        r
      );
  }
  return q < 0 ? -x : x;
}

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** Wilson score interval, no continuity correction (Newcombe 1998, method 3): unlike the
 * Wald interval it stays inside [0, 1] and keeps near-nominal coverage for small n and 0 counts. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`wilsonInterval: n must be a nonnegative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`wilsonInterval: successes must be an integer in 0..n (${n}), got ${successes}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`wilsonInterval: confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return {estimate: NaN, lower: 0, upper: 1};
  const z = normalQuantile(1 - (1 - confidence) / 2),
    z2 = z * z,
    p = successes / n;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Pin the exact ends so 0/n and n/n give bounds of exactly 0 and 1 despite rounding.
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half)
  };
}
