/**
 * The Ofcom page (src/ofcom.md) in named parts: why the request asked for age bands, what the
 * comparison assumes about the workforce, how 55+ is compared, and the test in a line. Pure:
 * built from data/campaign/ofcom-replies.json, data/campaign/ofcom.json and the comparison the reader's choices give.
 */
import type {Comparison} from "../ofcom/comparison.js";
import type {OfcomData} from "../ofcom/reference.js";
import type {OfcomReply} from "../ofcom/comparable-replies.js";
import {
  formatCount,
  formatDate,
  formatPlace,
  formatPValue,
  formatShare,
  formatStatedPercent
} from "../present/index.js";
import {DEFAULT_MAX_OUTCOMES} from "../stats/multinomial.js";

/** Why the request asked for age bands, in its own words when the reply quotes them. */
export function askedBecause(reply: OfcomReply) {
  const reason = reply.caveats.bandsReason;
  return reason ? {quote: reason.quote, place: formatPlace(reason)} : null;
}

/** Ofcom's rate for one band of its own, as stated ("36%"). */
export const ofcomRate = (ofcom: Pick<OfcomData, "reference">, band: string) =>
  formatStatedPercent(ofcom.reference.rates.find((r) => r.band === band)!.pct);

export function ofcomView(reply: OfcomReply, comparison: Comparison, ofcom: OfcomData, oldestMode: string) {
  const context = ofcom.workforceContext.find((c) => c.authority === reply.authority) ?? null;
  const largest = context?.largestAgeGroup
    ? `, the largest age group being ${context.largestAgeGroup} with ${formatStatedPercent(context.largestAgeGroupPct!)} of staff`
    : "";
  const fit = comparison.fit;
  const outcomes = fit
    ? fit.test === "exact"
      ? "enumerated exactly"
      : `more than the ${formatCount(DEFAULT_MAX_OUTCOMES)} that are enumerated, so estimated by simulation`
    : "";
  const blendNote =
    comparison.workforce.weight5564 != null
      ? " The blend weight comes from the workforce profile, not the slider."
      : oldestMode === "blend"
        ? ""
        : " The blend weight is used only by the blend.";
  return {
    cases: formatCount(comparison.n),
    /** Equal staff per band (no profile), or the profile's file and source. */
    workforce: comparison.workforce,
    context: context
      ? `For context, the council had ${formatCount(context.staff)} staff at ${formatDate(context.asOf)}${largest} (${context.citation.replace(/\.$/, "")}); with no full band table, that is not used in the sums.`
      : "",
    oldest: `55+ is now compared with ${comparison.oldest.source}: ${formatStatedPercent(comparison.oldest.pct)}.${blendNote}`,
    test: fit
      ? `${fit.method}, p = ${formatPValue(fit.pValue)}; ${formatCount(fit.outcomes)} possible outcomes, ${outcomes}. Intervals: Wilson score, ${formatShare(comparison.confidence)}; a ratio's interval is the share's interval divided by the expected share, treating Ofcom's rate as exact.`
      : "not run: no cases.",
    sources: `${reply.source ?? reply.file} Ofcom figures: ${ofcom.reference.citation.citation}`
  };
}
