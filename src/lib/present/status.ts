/**
 * A reply's status in words: the one place for them. Every page, table and chart says a status
 * with the word below, so a reader meets one word per status. Statuses keep their meanings
 * apart: a nil return is a count of none, a refusal and "not held" are no count at all.
 */
import type {CampaignStatus} from "../core/types.js";
import {listText} from "./lists.js";

/** One word (or phrase) per status. */
export const STATUS_WORDS: Readonly<Record<CampaignStatus, string>> = {
  ok: "answered",
  partial: "partly refused",
  nil: "nil return",
  refused: "refused",
  "not held": "information not held",
  unreadable: "unreadable",
  awaiting: "awaiting reply"
};

/** What statusLabel reads: a parsed reply (its refusal) or a council's summary (its refusal's sections). */
export interface StatusOf {
  status: CampaignStatus;
  refusal?: {sections: readonly number[]} | null;
  refusalSections?: readonly number[];
}

/**
 * A status with the sections of the Act a refusal cites: "answered", "nil return",
 * "refused (section 12)", "information not held", "partly refused (sections 40 and 43)",
 * "unreadable", "awaiting reply".
 */
export function statusLabel(of: StatusOf): string {
  const sections = of.refusal?.sections ?? of.refusalSections ?? [];
  const cited = sections.length
    ? ` (section${sections.length === 1 ? "" : "s"} ${listText(sections.map(String))})`
    : "";
  const refuses = of.status === "refused" || of.status === "partial";
  return `${STATUS_WORDS[of.status]}${refuses ? cited : ""}`;
}
