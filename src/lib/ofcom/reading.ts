/**
 * The plain-language reading of a comparison: what its few cases can and cannot show, every
 * number taken from the comparison and worded through src/lib/present/.
 */
import {
  countNoun,
  formatCount,
  formatNumber,
  formatPValue,
  formatRange,
  formatShare,
  listText
} from "../present/index.js";
import type {ScopeFact} from "../records/caveats.js";
import type {BandComparison, Comparison} from "./comparison.js";

export interface ReadingOptions {
  /** What the reply says it counted (records/caveats.ts), so the reading can name what else its cases include. */
  scope?: ScopeFact | null;
}

const testName = (c: Comparison) => (c.fit?.test === "exact" ? "exact test" : "simulated test");

/** Sentences saying what this sample can and cannot show, every number taken from the comparison. */
export function readingOf(c: Comparison, {scope = null}: ReadingOptions = {}): string[] {
  const level = formatShare(c.confidence);
  if (!c.fit)
    return [
      `No investigated employee has an exact count in one of the request's age bands, so there is nothing to compare.`
    ];
  const widths = c.bands.map((b) => b.shareUpper - b.shareLower);
  const points = (share: number) => formatNumber(100 * share);
  const basis =
    c.workforce.assumption === "equal"
      ? "and every age band had the same number of staff"
      : `and staff were spread across the bands as in ${c.workforce.file}`;
  const otherCases =
    scope?.broader && scope.channels.length
      ? `the ${listText(scope.channels)} cases counted with social media`
      : "what the council counted as a case";
  const out: string[] = [];
  out.push(
    `The comparison rests on ${countNoun(c.n, "investigated employee")}. With so few, the ${level} interval for a band's share of cases spans between ${points(Math.min(...widths))} and ${points(Math.max(...widths))} percentage points.`
  );
  const chance = `If investigations followed social media use ${basis}, an age profile at least this far from the expected one would turn up with probability ${formatPValue(c.fit.pValue)} (${testName(c)}).`;
  out.push(
    c.fit.pValue < 0.05
      ? `${chance} That is unlikely enough to doubt this simple model; it does not say what else shapes the cases (the age profile of the staff, their jobs, or ${otherCases}).`
      : `${chance} So these ${formatCount(c.n)} cases are consistent with that model; they cannot show that it holds, and a moderate real difference could go unseen in a sample this small.`
  );
  const describe = (b: BandComparison) =>
    `${b.band} (${formatCount(b.known)} against ${formatNumber(b.expected, {digits: 1, trim: true})} expected)`;
  const above = c.bands.filter((b) => b.ratioLower > 1).map(describe);
  const below = c.bands.filter((b) => b.ratioUpper < 1).map(describe);
  const clear = [...above, ...below];
  if (clear.length === 0)
    out.push(
      `In every band the ${level} interval for observed ÷ expected includes 1: no single band clearly has more or fewer cases than expected.`
    );
  else {
    const parts = [
      above.length ? `more cases than expected in ${listText(above)}` : "",
      below.length ? `fewer than expected in ${listText(below)}` : ""
    ].filter(Boolean);
    const rest = c.bands.length - clear.length;
    out.push(
      `The ${level} intervals for observed ÷ expected show ${parts.join(", and ")}${rest ? `; in the other ${countNoun(rest, "band")} the interval includes 1` : ""}.`
    );
  }
  if (c.workforce.assumption === "equal")
    out.push(
      `No age profile of the ${c.authority} workforce is in the data, so every expected share assumes equal staff numbers per band. A band with fewer staff would have fewer cases whatever its social media use, so a low ratio may reflect the workforce rather than behaviour.`
    );
  if (c.fit.chiSquareUnreliable)
    out.push(
      `The smallest expected count is ${formatNumber(c.fit.minExpected, {digits: 1, trim: true})}, under 5, so no chi-square p-value is quoted; the chi-square statistic (${formatNumber(c.fit.chiSquare, {digits: 1, trim: true})} on ${countNoun(c.fit.df, "degree")} of freedom) is descriptive only.`
    );
  const withheld = c.excluded.withheldRows;
  if (withheld) {
    const w = c.withheld;
    const one = withheld === 1;
    out.push(
      `${countNoun(withheld, "row")} ${one ? "has its count" : "have their counts"} withheld and ${one ? "is" : "are"} left out of the test. ` +
        (w?.computed
          ? `Filling ${one ? "it" : "them"} in every way the stated bounds allow (${formatRange(w.nMin!, w.nMax)} employees in all) gives p-values from ${formatPValue(w.pMin!)} to ${formatPValue(w.pMax!)}.`
          : `Their effect on the test is not bounded: ${w?.reason}.`)
    );
  }
  const unknown = c.excluded.unknownBand;
  if (unknown.length)
    out.push(
      `${countNoun(unknown.length, "row")} with an age label that maps to none of the request's bands ${unknown.length === 1 ? "is" : "are"} left out (${unknown.map((u) => `"${u.ageRaw}", line ${u.line}`).join("; ")}).`
    );
  return out;
}
