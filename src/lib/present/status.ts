/**
 * A reply's status in words. Statuses keep their meanings apart: a nil return
 * is a count of none, a refusal and "not held" are no count at all.
 */
import type {ParsedReply, Verdict} from "../types.js";
import {countNoun, listText} from "./lists.js";
import {formatCount} from "./numbers.js";

/** "answered", "nil return", "refused (section 12)", "information not held", "partly refused (sections 40 and 43)". */
export function statusLabel(reply: Pick<ParsedReply, "status" | "refusal">): string {
  const sections = reply.refusal?.sections.length
    ? ` (section${reply.refusal.sections.length === 1 ? "" : "s"} ${listText(reply.refusal.sections.map(String))})`
    : "";
  switch (reply.status) {
    case "ok":
      return "answered";
    case "nil":
      return "nil return";
    case "refused":
      return `refused${sections}`;
    case "not held":
      return "information not held";
    case "partial":
      return `partly refused${sections}`;
  }
}

/**
 * The verdicts of a campaign in one sentence: how many readings a check
 * confirms, and how many wait for a person (unverified, conflicting).
 */
export function verdictSentence(verdicts: readonly {verdict: Verdict; councils: number}[]): string {
  const n = (v: Verdict) => verdicts.find((x) => x.verdict === v)?.councils ?? 0;
  const read = n("verified") + n("unverified") + n("conflicting");
  if (!read) return "No reply has been read yet.";
  const waiting = n("unverified") + n("conflicting");
  const verified =
    n("verified") === read
      ? `A check confirms the reading of ${read === 1 ? "the one reply" : `all ${countNoun(read, "reply", "replies")}`}.`
      : `A check confirms the reading of ${countNoun(n("verified"), "reply", "replies")} of ${formatCount(read)}.`;
  if (!waiting) return verified;
  const parts = [
    n("conflicting") ? `${formatCount(n("conflicting"))} conflicting (a check fails)` : "",
    n("unverified") ? `${formatCount(n("unverified"))} unverified (no check could run)` : ""
  ].filter(Boolean);
  return `${verified} ${listText(parts)} wait${waiting === 1 ? "s" : ""} for a person; their figures are in the pooled totals until a person settles them.`;
}
