/** Observed ÷ expected shares per category, with intervals. */
import {prepareCounts} from "./multinomial.js";
import {wilsonInterval} from "./intervals.js";

export interface RatioRow {
  observed: number;
  n: number;
  share: number;
  shareLower: number;
  shareUpper: number;
  expectedShare: number;
  expected: number;
  ratio: number;
  ratioLower: number;
  ratioUpper: number;
}

/** Observed ÷ expected share per category, with Wilson bounds on the observed share divided by
 * the expected share. This treats the expected share as fixed (its own survey error is ignored),
 * so the ratio interval is narrower than a full one. Expected share 0 gives NaN/Infinity ratios. */
export function observedExpectedRatios(observed: number[], probs: number[], confidence = 0.95): RatioRow[] {
  const {n} = prepareCounts("observedExpectedRatios", observed, probs);
  return observed.map((o, i) => {
    const w = wilsonInterval(o, n, confidence),
      p = probs[i];
    return {
      observed: o,
      n,
      share: w.estimate,
      shareLower: w.lower,
      shareUpper: w.upper,
      expectedShare: p,
      expected: n * p,
      ratio: w.estimate / p,
      ratioLower: w.lower / p,
      ratioUpper: w.upper / p
    };
  });
}
