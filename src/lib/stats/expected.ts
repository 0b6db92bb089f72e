/** Expected shares per category, from weights such as workforce share × Ofcom rate. */

/** Normalise nonnegative weights (e.g. workforce share × Ofcom rate per band) to shares summing to 1. */
export function expectedShares(bandWeights: number[]): number[] {
  if (bandWeights.length === 0) throw new Error("expectedShares: no weights given");
  bandWeights.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0)
      throw new Error(`expectedShares: weight ${i} must be a finite nonnegative number, got ${w}`);
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
