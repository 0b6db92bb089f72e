/**
 * A reply's status in words. Statuses keep their meanings apart: a nil return
 * is a count of none, a refusal and "not held" are no count at all.
 */
import type {ParsedReply} from "../types.js";
import {listText} from "./lists.js";

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
