/**
 * A reply's verdict: can its reading be trusted without a person looking?
 *
 * The principle is that nothing wrong passes silently. A reading is
 * "verified" only when something in the reply confirms it independently of
 * the reading itself: the rows add up to a totals row or to the number in
 * answer 5, the two margins agree, or answer 5 itself says there is nothing to
 * count (no one investigated, refused, not held). A reading nothing can
 * confirm is "unverified", however plausible (sentences, a case list without a
 * total, a nil return read from a sentence elsewhere in the letter): it goes
 * to a person. A failing check, or answer 5 contradicting the status, makes it
 * "conflicting". Pure: runs wherever a ParsedReply is made or read.
 */
import type {Answer, Check, ParsedReply, ReplyVerdict} from "../core/types.js";

/** True when the 1-based line stands in answer 5 (where the request asks how many were investigated). */
function inAnswerFive(answers: Record<string, Answer>, line: number | null | undefined): boolean {
  const five = answers[5];
  return five != null && line != null && line >= five.startLine - 1 && line <= five.endLine;
}

const decisive = (checks: readonly Check[]) => checks.filter((c) => !c.informational && c.status !== "not available");

/** The fields of a reply the verdict reads; a transcription or a correction recomputes it from the same. */
export type VerdictInput = Pick<
  ParsedReply,
  "status" | "records" | "checks" | "fields" | "answers" | "refusal" | "table" | "human" | "warnings" | "doubt"
> & {statusLine?: number | null};

export function verdictOf(reply: VerdictInput): ReplyVerdict {
  const ran = decisive(reply.checks);
  const failed = ran.filter((c) => c.status === "fail");
  const person = reply.human?.checked;
  if (person) {
    // A person read the reply: their word stands, and a check that still fails is said beside it.
    const still = failed.length
      ? `; the reply's own figures still disagree: ${failed.map((c) => c.detail).join("; ")}`
      : "";
    const what = person.status ? `set the status to ${person.status}` : "checked the reading";
    return {
      verdict: "verified",
      reason: `a person ${what} (${person.file} line ${person.line}): ${person.reason}${still}`
    };
  }
  if (failed.length)
    return {
      verdict: "conflicting",
      reason: `the reply does not add up: ${failed.map((c) => `${c.name} fails (${c.detail})`).join("; ")}`
    };
  const {fields, status} = reply;
  const stated = fields.investigated;
  if (status === "ok" || status === "partial") {
    const passed = ran.filter((c) => c.status === "pass");
    if (reply.doubt) return {verdict: "unverified", reason: reply.doubt};
    // A count the kit could not read ("10-35-44") is neither a number nor withheld: no total confirms it.
    const unread = reply.records.filter((r) => r.count == null && !r.suppressed);
    if (unread.length)
      return {
        verdict: "unverified",
        reason: `${unread.length} count${unread.length === 1 ? "" : "s"} could not be read as a number (line ${unread.map((r) => r.line).join(", ")}); a person should check`
      };
    if (passed.length) return {verdict: "verified", reason: `checked: ${passed.map((c) => c.name).join("; ")}`};
    if (reply.human?.transcription)
      return {
        verdict: "verified",
        reason: `transcribed by a person (${reply.human.transcription}); the reply gives no total to check it against`
      };
    const n = reply.records.length;
    const how =
      reply.table?.layout === "prose"
        ? `read from sentences (line ${reply.table.headerLine})`
        : `read from a table (${reply.table?.layout ?? "unknown layout"}, line ${reply.table?.headerLine ?? "?"})`;
    return {
      verdict: "unverified",
      reason: `${n} record${n === 1 ? "" : "s"} ${how}, but the reply has no totals row and no number in answer 5 to check them against; a person should compare them with the reply`
    };
  }
  if (stated != null && stated > 0)
    return {
      verdict: "conflicting",
      reason: `answer 5 says ${stated} employee${stated === 1 ? " was" : "s were"} investigated (line ${fields.investigatedLine}), but no figures were read and the reply is taken as ${status === "nil" ? "a nil return" : status}`
    };
  // A refusal's line, unless the status was read in answer 5 itself (a number withheld there: "fewer than five").
  const line =
    status === "refused" && !inAnswerFive(reply.answers, reply.statusLine)
      ? (reply.refusal?.line ?? reply.statusLine)
      : reply.statusLine;
  const what =
    status === "nil"
      ? "no one was investigated"
      : status === "refused"
        ? "it refuses"
        : "it does not hold the information";
  if (status === "nil" && stated === 0 && inAnswerFive(reply.answers, fields.investigatedLine))
    return {verdict: "verified", reason: `answer 5 says no one was investigated (line ${fields.investigatedLine})`};
  if (status === "nil" && fields.tableTotal === 0)
    return {
      verdict: "verified",
      reason: `every cell of the reply's table is 0 or none, and so is its totals row (line ${fields.tableTotalLine})`
    };
  if (inAnswerFive(reply.answers, line)) return {verdict: "verified", reason: `answer 5 says ${what} (line ${line})`};
  if (status === "refused" && reply.refusal) {
    const {sections, questions} = reply.refusal;
    if (questions.includes(5))
      return {verdict: "verified", reason: `the refusal names question 5 (line ${reply.refusal.line})`};
    // The cost limit (s.12) and vexatious requests (s.14) refuse a request whole, answer 5 with it.
    if (sections.includes(12) || sections.includes(14))
      return {
        verdict: "verified",
        reason: `the reply refuses the whole request under section ${sections.includes(12) ? 12 : 14} (line ${reply.refusal.line})`
      };
  }
  return {
    verdict: "unverified",
    reason: `the reply says ${what}${line != null ? ` (line ${line})` : ""}, but not in answer 5, so nothing confirms that it answers the question of how many were investigated; a person should check`
  };
}
