/**
 * The data-quality page (src/data-quality.md) in named parts: how many replies need a person
 * and why, and what the checks, warnings and people found. Pure: built from data/campaign/quality.json.
 */
import {countNoun, formatCount, STATUS_WORDS} from "../present/index.js";
import type {QualityReply} from "../campaign/quality.js";

type Counted = Pick<QualityReply, "status" | "verdict" | "checksFailed" | "warnings" | "transcribed" | "corrected">;

export function dataQualityView(replies: readonly Counted[]) {
  const count = (f: (r: Counted) => boolean) => replies.filter(f).length;
  const unreadable = count((r) => r.status === STATUS_WORDS.unreadable);
  const conflicting = count((r) => r.verdict === "conflicting");
  const unverified = count((r) => r.verdict === "unverified");
  const failed = replies.reduce((n, r) => n + r.checksFailed, 0);
  const warnings = replies.reduce((n, r) => n + r.warnings, 0);
  const transcribed = count((r) => r.transcribed > 0);
  const corrected = count((r) => r.corrected > 0);
  const waiting = conflicting + unverified + unreadable;
  const why = [
    unreadable ? `${formatCount(unreadable)} unreadable` : "",
    conflicting ? `${formatCount(conflicting)} conflicting` : "",
    unverified ? `${formatCount(unverified)} unverified` : ""
  ].filter(Boolean);
  const warningsText =
    warnings === 0
      ? "there are no warnings"
      : `there ${warnings === 1 ? "is" : "are"} ${countNoun(warnings, "warning")}`;
  return {
    /** Who needs a person before their figures can be trusted, and why; or that every reply is verified. */
    waiting: waiting
      ? `${countNoun(waiting, "reply", "replies")} need${waiting === 1 ? "s" : ""} a person before their figures can be trusted (${why.join(", ")}); they come first below, with the reason.`
      : "Every reply is verified.",
    replies: replies.length === 1 ? "the one reply" : `each of the ${countNoun(replies.length, "reply", "replies")}`,
    /** What the checks and warnings found. */
    found: `${failed === 0 ? "No check failed" : `${countNoun(failed, "check")} failed`}; ${warningsText}${unreadable ? `; the kit could not read ${countNoun(unreadable, "file")}` : ""}.`,
    /** What people wrote. */
    people:
      transcribed || corrected
        ? `People transcribed ${countNoun(transcribed, "reply", "replies")} and corrected ${countNoun(corrected, "reply", "replies")}; the table says which records they wrote.`
        : "Every record was read by the kit from the reply itself: none was transcribed or corrected by a person."
  };
}
