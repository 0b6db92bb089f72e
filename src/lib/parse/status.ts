/**
 * What a reply says of the request when it is not (only) a table: no one was
 * investigated (a nil return), the information is not held, or questions were
 * refused under sections of the FOI Act. The three are kept apart because they
 * mean different things: a nil return is a count of 0; a refusal and "not
 * held" are no count at all, and must never be read as 0.
 */
import {boundsIn} from "./record.js";
import {cleanCell} from "./text.js";
import type {Answer, Refusal, ReplyFields, ReplyStatus} from "../types.js";

/** What the FOI Act's sections are about, for saying why a reply was refused. */
const SECTIONS: Record<number, string> = {
  12: "the cost of finding the information exceeds the limit",
  14: "vexatious or repeated request",
  21: "reasonably accessible by other means",
  22: "intended for future publication",
  30: "investigations and proceedings",
  31: "law enforcement",
  36: "prejudice to the effective conduct of public affairs",
  38: "health and safety",
  40: "personal data of identifiable employees",
  41: "information provided in confidence",
  42: "legal professional privilege",
  43: "commercial interests",
  44: "prohibitions on disclosure"
};
/** Sections a refusal can cite: the cost limit, vexatious requests and the exemptions of Part II. */
const isRefusalSection = (n: number) => n === 12 || n === 14 || (n >= 21 && n <= 44);

const SECTION_REF =
  /\b(?:sections?|s\.|s(?=\s?\d))\s*(\d{1,2})((?:\s*\(\s*\w{1,3}\s*\))*(?:\s*(?:,|and|&|or|\/)\s*(?:s\.?\s*)?\d{1,2}(?:\s*\(\s*\w{1,3}\s*\))*)*)/gi;

/** The sections of the Act a line cites ("section 40(2)", "s.12", "sections 40 and 43"). */
export function sectionsCited(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(SECTION_REF)) {
    const rest = m[2].replace(/\(\s*\w{1,3}\s*\)/g, "");
    for (const n of [m[1], ...(rest.match(/\d{1,2}/g) ?? [])].map(Number))
      if (isRefusalSection(n) && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Numbered questions a line names ("questions 5 to 9", "questions 6, 7 and 8", "Q7"). */
export function questionsNamed(text: string): number[] {
  const m = /\b(?:questions?|q)\s*(\d{1,2})((?:\s*(?:-|–|to|,|and|&)\s*\d{1,2})*)/i.exec(text);
  if (!m) return [];
  const first = Number(m[1]);
  const range = /^\s*(?:-|–|to)\s*(\d{1,2})/.exec(m[2]);
  if (range && Number(range[1]) > first && Number(range[1]) - first < 20)
    return Array.from({length: Number(range[1]) - first + 1}, (_, k) => first + k);
  return [first, ...(m[2].match(/\d{1,2}/g) ?? []).map(Number)].filter((n, i, all) => all.indexOf(n) === i);
}

const REFUSING =
  /\brefus(?:e|es|ed|ing|al)\b|\bexempt(?:ion)?\b|\bwithh(?:eld|old|olds|olding)\b|\bneither confirm nor deny\b|\bnot (?:obliged|required) to (?:comply|provide|disclose)\b|\bwill not (?:be )?(?:provid|disclos|releas)\w*\b|\bdeclin(?:e|ed|ing)\b/i;
const COST = /\bexceed(?:s|ed)? the (?:appropriate |cost )?limit|\bappropriate limit\b|\bcost limit\b/i;
const VEXATIOUS = /\bvexatious\b/i;
/** Boilerplate about appeals: names refusals without making one. */
const APPEAL =
  /internal review|information commissioner|\bico\b|right to (?:appeal|complain)|if you are (?:not |dis|un)(?:satisfied|happy)|\bcomplain/i;
/** A note about small numbers withheld in a table, not a refusal of a question. */
const CELL_NOTE =
  /\b(?:small|low) (?:numbers?|counts?|figures?)|\b(?:numbers?|counts?|figures?) (?:are|is) (?:small|low)|\bfewer than\b|\bless than\b|\b(?:under|below) \d|<\s*\d|^\s*[*†‡]/i;
const NOT_HELD =
  /\b(?:not held|do(?:es)?(?: not|n't) hold|hold no (?:such )?information|no (?:such )?information (?:is )?held|no (?:central )?records? (?:is |are )?(?:held|kept)|(?:do|does|did)(?: not|n't) (?:record|collect|keep|maintain) (?:this|that|such|the|these|any)\b)/i;
const NONE_INVESTIGATED =
  /\b(?:no|zero|nil)\s+(?:employees?|members? of (?:staff|the workforce)|staff(?: members)?|one|individuals|officers|people|workers)\s+(?:has|have|had|was|were)\s+(?:been\s+)?(?:investigated|disciplined|subject(?:ed)? to)|\bthere (?:have|has|had) been no (?:investigations?|cases|disciplinary)|\bnil return\b|\bno (?:such )?(?:investigations|cases) (?:have|has|had) (?:been )?(?:taken place|occurred|been (?:carried out|held|recorded|identified))/i;

/** A cheap first look: a line with none of these words refuses nothing (most lines of most replies). */
const MAY_REFUSE =
  /refus|exempt|withh|section|\bs\.?\s?\d|exceed|limit|vexatious|personal|confirm nor deny|oblig|required to|will not|declin/i;

/** Lines that echo the request's questions (the requester's words, not the council's): 0-based indices. */
export function questionLines(lines: readonly string[], answers: Record<string, Answer>): Set<number> {
  const skip = new Set<number>();
  for (const a of Object.values(answers)) {
    for (let i = a.startLine - 2; i >= 0 && i >= a.startLine - 8; i--) {
      skip.add(i);
      if (new RegExp(`^\\s*${a.number}\\s*[.)]`).test(lines[i])) break;
    }
  }
  return skip;
}

/** The answer a line stands in, when it stands in one. */
function answerAt(answers: Record<string, Answer>, line: number): number | null {
  for (const a of Object.values(answers)) if (line >= a.startLine && line <= a.endLine) return a.number;
  return null;
}

/**
 * The first refusal in a reply, with every section the reply's refusals cite.
 * With `hasRecords`, a note that small numbers in the table were withheld is
 * not a refusal, nor is a bare mention of personal data.
 */
export function findRefusal(
  lines: readonly string[],
  answers: Record<string, Answer>,
  hasRecords: boolean
): Refusal | null {
  const skip = questionLines(lines, answers);
  let first: Refusal | null = null;
  const sections: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i) || !MAY_REFUSE.test(lines[i])) continue;
    const text = cleanCell(lines[i]);
    if (!text || text.length > 2000 || APPEAL.test(text)) continue;
    const cited = sectionsCited(text);
    const cost = COST.test(text) || cited.includes(12);
    const vexatious = VEXATIOUS.test(text) || cited.includes(14);
    const refusing = REFUSING.test(text);
    const personal = /\bpersonal (?:data|information)\b/i.test(text);
    if (hasRecords && (CELL_NOTE.test(text) || boundsIn(text.toLowerCase(), false))) continue;
    const isRefusal =
      cost ||
      vexatious ||
      (refusing && (cited.length > 0 || !hasRecords)) ||
      (!hasRecords && (cited.length > 0 || personal));
    if (!isRefusal) continue;
    const lineSections = [...cited];
    if (cost && !lineSections.includes(12)) lineSections.push(12);
    if (vexatious && !lineSections.includes(14)) lineSections.push(14);
    if (personal && !lineSections.length) lineSections.push(40);
    for (const s of lineSections) if (!sections.includes(s)) sections.push(s);
    sections.sort((a, b) => a - b);
    if (!first) {
      const named = questionsNamed(text);
      const within = answerAt(answers, i + 1);
      first = {sections, questions: named.length ? named : within != null ? [within] : [], line: i + 1, text};
    }
  }
  return first;
}

/** The status of a reply with no records, or null when it gives no reason for having none. */
export interface NoRecordsStatus {
  status: Exclude<ReplyStatus, "ok" | "partial">;
  reason: string;
  detail: string;
  line: number | null;
  refusal?: Refusal;
}

/** "refused under section 12 of the FOI Act (the cost ...)", "refused under sections 40 and 43 (...; ...)". */
export function refusalDetail(refusal: Refusal): string {
  const s = refusal.sections;
  const which = refusal.questions.length
    ? `question${refusal.questions.length > 1 ? "s" : ""} ${listNumbers(refusal.questions)} refused`
    : "refused";
  if (!s.length) return `${which} (the reply cites no section of the FOI Act)`;
  const what = s
    .map((n) => SECTIONS[n])
    .filter(Boolean)
    .join("; ");
  return `${which} under section${s.length > 1 ? "s" : ""} ${listNumbers(s)} of the FOI Act${what ? ` (${what})` : ""}`;
}

function listNumbers(ns: number[]): string {
  const sorted = [...ns].sort((a, b) => a - b);
  if (sorted.length > 2 && sorted.every((n, i) => i === 0 || n === sorted[i - 1] + 1))
    return `${sorted[0]} to ${sorted[sorted.length - 1]}`;
  return sorted.length > 1 ? `${sorted.slice(0, -1).join(", ")} and ${sorted[sorted.length - 1]}` : String(sorted[0]);
}

/** The short code kept in `nilReason`: "section 12", "section 40"... or "withheld" for a refusal citing none. */
export const refusalReason = (refusal: Refusal): string =>
  refusal.sections.length ? `section ${refusal.sections[0]}` : "withheld";

/** A line saying no one was investigated, outside the request's own words: its 1-based line, or null. */
export function findNoneInvestigated(lines: readonly string[], answers: Record<string, Answer>): number | null {
  const skip = questionLines(lines, answers);
  const i = lines.findIndex((l, k) => !skip.has(k) && NONE_INVESTIGATED.test(l));
  return i < 0 ? null : i + 1;
}

/**
 * Why a reply has no records: no one was investigated (answer 5 says 0, or a
 * sentence says so), the request was refused for its cost or as vexatious, the
 * information is not held, or it was refused under another section. Returns
 * null when the reply gives no such reason (then a missing table is an error).
 */
export function noRecordsStatus(
  lines: readonly string[],
  answers: Record<string, Answer>,
  fields: ReplyFields
): NoRecordsStatus | null {
  if (fields.investigated === 0)
    return {
      status: "nil",
      reason: "none investigated",
      detail: "the reply says no employee was investigated (answer 5)",
      line: fields.investigatedLine
    };
  const none = findNoneInvestigated(lines, answers);
  if (none != null)
    return {
      status: "nil",
      reason: "none investigated",
      detail: `the reply says no employee was investigated (line ${none})`,
      line: none
    };
  const refusal = findRefusal(lines, answers, false);
  const skip = questionLines(lines, answers);
  const notHeld = lines.findIndex((l, k) => !skip.has(k) && NOT_HELD.test(l) && !APPEAL.test(l));
  const refused = (r: Refusal): NoRecordsStatus => ({
    status: "refused",
    reason: refusalReason(r),
    detail: refusalDetail(r),
    line: r.line,
    refusal: r
  });
  // The cost limit and vexatious requests refuse the whole request; a reply saying so and "not held" is a refusal.
  if (refusal && (refusal.sections.includes(12) || refusal.sections.includes(14))) return refused(refusal);
  if (notHeld >= 0)
    return {
      status: "not held",
      reason: "not held",
      detail: "the council says it does not hold the information",
      line: notHeld + 1
    };
  return refusal ? refused(refusal) : null;
}
