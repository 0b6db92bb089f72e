/**
 * What a reply says of the request when it is not (only) a table: no one was
 * investigated (a nil return), the information is not held, or questions were
 * refused under sections of the FOI Act (or, for Scottish councils, of FOISA
 * 2002). The three are kept apart because they mean different things: a nil
 * return is a count of 0; a refusal and "not held" are no count at all, and
 * must never be read as 0. Answer 5 is read first for what it says itself.
 */
import {NUMBER_WORDS, wordNumber} from "./number-words.js";
import {boundsIn, parseCount} from "./record.js";
import {cleanCell} from "../core/text.js";
import type {Answer, Refusal, ReplyFields, ReplyStatus} from "../core/types.js";

/** What the FOI Act 2000's sections are about, for saying why a reply was refused. */
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
/**
 * What the Freedom of Information (Scotland) Act 2002's sections are about: the
 * same numbers mean other things (its section 38 is personal information, the
 * FOI Act's health and safety; its 17 is a notice that information is not held).
 */
const FOISA_SECTIONS: Record<number, string> = {
  12: "the cost of compliance exceeds the limit",
  14: "vexatious or repeated request",
  25: "otherwise accessible",
  26: "prohibitions on disclosure",
  27: "intended for future publication",
  28: "relations within the United Kingdom",
  29: "formulation of Scottish Administration policy",
  30: "prejudice to the effective conduct of public affairs",
  31: "national security and defence",
  32: "international relations",
  33: "commercial interests and the economy",
  34: "investigations and proceedings",
  35: "law enforcement",
  36: "confidentiality",
  37: "court records",
  38: "personal information of identifiable employees",
  39: "health, safety and the environment",
  40: "audit functions",
  41: "communications with the Royal Household and honours"
};

type Act = NonNullable<Refusal["act"]>;

/** Sections a refusal can cite: the cost limit, vexatious requests and the exemptions (FOI Act Part II, FOISA Part 2). */
const isRefusalSection = (n: number, act: Act = "FOIA 2000") =>
  n === 12 || n === 14 || (act === "FOISA 2002" ? n >= 25 && n <= 41 : n >= 21 && n <= 44);

/** The section of each Act for personal data, cited when a refusal names personal data but no section. */
const PERSONAL_DATA: Record<Act, number> = {"FOIA 2000": 40, "FOISA 2002": 38};

/** Words naming the Scottish Act: "Freedom of Information (Scotland) Act 2002", "FOISA", "FOI(S)A". */
const FOISA = /\(scotland\)\s*act|\bfoisa\b|\bfoi\s*\(s\)\s*a\b/i;
/** Words naming the UK Act explicitly. */
const FOIA = /freedom of information act 2000|\bfoia\b|\bfoi act\b/i;

/** The Act a reply's refusals cite: the one the line names, else the Scottish Act when the reply names it anywhere. */
export function actOf(lines: readonly string[], line: string): Act {
  if (FOISA.test(line)) return "FOISA 2002";
  if (FOIA.test(line)) return "FOIA 2000";
  return lines.some((l) => FOISA.test(l)) ? "FOISA 2002" : "FOIA 2000";
}

const SECTION_REF =
  /\b(?:sections?|s\.|s(?=\s?\d))\s*(\d{1,2})((?:\s*\(\s*\w{1,3}\s*\))*(?:\s*(?:,|and|&|or|\/)\s*(?:s\.?\s*)?\d{1,2}(?:\s*\(\s*\w{1,3}\s*\))*)*)/gi;

/** The sections of the Act a line cites ("section 40(2)", "s.12", "sections 40 and 43"; FOISA's "s.38(1)(b)"). */
export function sectionsCited(text: string, act: Act = "FOIA 2000"): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(SECTION_REF)) {
    const rest = m[2].replace(/\(\s*\w{1,3}\s*\)/g, "");
    for (const n of [m[1], ...(rest.match(/\d{1,2}/g) ?? [])].map(Number))
      if (isRefusalSection(n, act) && !out.includes(n)) out.push(n);
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
const CELL_NOTE = new RegExp(
  `\\b(?:small|low) (?:numbers?|counts?|figures?)|\\b(?:numbers?|counts?|figures?) (?:are|is) (?:small|low)|\\bfewer than\\b|\\bless than\\b|\\b(?:under|below) (?:\\d|${NUMBER_WORDS}\\b)|<\\s*\\d|^\\s*[*†‡]`,
  "i"
);
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
    if (a.headingLine != null) {
      // The number's line and the echo after it, up to where the answer starts.
      for (let i = a.headingLine - 1; i < a.startLine - 1; i++) skip.add(i);
      continue;
    }
    // Data written before headingLine existed: back from the answer to its number.
    const heading = new RegExp(`^\\s*${a.number}\\s*[.)]`);
    for (let i = a.startLine - 2; i >= 0 && i >= a.startLine - 8; i--) {
      skip.add(i);
      if (heading.test(lines[i])) break;
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
 * The refusal one line makes, with the sections it cites (of `act`), or null.
 * With `hasRecords`, a note that small numbers in the table were withheld is
 * not a refusal, nor is a bare mention of personal data.
 */
function lineRefusal(raw: string, hasRecords: boolean, act: Act): number[] | null {
  if (!MAY_REFUSE.test(raw)) return null;
  const text = cleanCell(raw);
  if (!text || text.length > 2000 || APPEAL.test(text)) return null;
  const cited = sectionsCited(text, act);
  const cost = COST.test(text) || cited.includes(12);
  const vexatious = VEXATIOUS.test(text) || cited.includes(14);
  const refusing = REFUSING.test(text);
  const personal = /\bpersonal (?:data|information)\b/i.test(text);
  if (hasRecords && (CELL_NOTE.test(text) || boundsIn(text.toLowerCase(), false))) return null;
  const isRefusal =
    cost ||
    vexatious ||
    (refusing && (cited.length > 0 || !hasRecords)) ||
    (!hasRecords && (cited.length > 0 || personal));
  if (!isRefusal) return null;
  const sections = [...cited];
  if (cost && !sections.includes(12)) sections.push(12);
  if (vexatious && !sections.includes(14)) sections.push(14);
  if (personal && !sections.length) sections.push(PERSONAL_DATA[act]);
  return sections;
}

/** A refusal as the kit keeps it: `act` only for the Scottish Act (absent is the FOI Act 2000). */
function refusalOf(sections: number[], questions: number[], line: number, text: string, act: Act): Refusal {
  return {sections, questions, line, text, ...(act === "FOISA 2002" ? {act} : {})};
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
  let scottish: boolean | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i) || !MAY_REFUSE.test(lines[i])) continue;
    // Which Act the sections belong to is looked for only once a line may refuse (most replies have few such lines).
    scottish ??= lines.some((l) => FOISA.test(l));
    const act: Act = FOISA.test(lines[i]) || (scottish && !FOIA.test(lines[i])) ? "FOISA 2002" : "FOIA 2000";
    const lineSections = lineRefusal(lines[i], hasRecords, act);
    if (!lineSections) continue;
    for (const s of lineSections) if (!sections.includes(s)) sections.push(s);
    sections.sort((a, b) => a - b);
    if (!first) {
      const text = cleanCell(lines[i]);
      const named = questionsNamed(text);
      const within = answerAt(answers, i + 1);
      first = refusalOf(sections, named.length ? named : within != null ? [within] : [], i + 1, text, act);
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

const actName = (refusal: Refusal) =>
  refusal.act === "FOISA 2002" ? "the Freedom of Information (Scotland) Act 2002" : "the FOI Act";

/** "refused under section 12 of the FOI Act (the cost ...)", "refused under sections 40 and 43 (...; ...)". */
export function refusalDetail(refusal: Refusal): string {
  const s = refusal.sections;
  const which = refusal.questions.length
    ? `question${refusal.questions.length > 1 ? "s" : ""} ${listNumbers(refusal.questions)} refused`
    : "refused";
  if (!s.length) return `${which} (the reply cites no section of ${actName(refusal)})`;
  const meanings = refusal.act === "FOISA 2002" ? FOISA_SECTIONS : SECTIONS;
  const what = s
    .map((n) => meanings[n])
    .filter(Boolean)
    .join("; ");
  return `${which} under section${s.length > 1 ? "s" : ""} ${listNumbers(s)} of ${actName(refusal)}${what ? ` (${what})` : ""}`;
}

function listNumbers(ns: number[]): string {
  const sorted = [...ns].sort((a, b) => a - b);
  if (sorted.length > 2 && sorted.every((n, i) => i === 0 || n === sorted[i - 1] + 1))
    return `${sorted[0]} to ${sorted[sorted.length - 1]}`;
  return sorted.length > 1 ? `${sorted.slice(0, -1).join(", ")} and ${sorted[sorted.length - 1]}` : String(sorted[0]);
}

/**
 * The short code kept in `nilReason`: "section 12", "section 40"... ("FOISA section 38" for the
 * Scottish Act, whose numbers mean other things), or "withheld" for a refusal citing none.
 */
export const refusalReason = (refusal: Refusal): string =>
  refusal.sections.length
    ? `${refusal.act === "FOISA 2002" ? "FOISA " : ""}section ${refusal.sections[0]}`
    : "withheld";

/** A line saying no one was investigated, outside the request's own words: its 1-based line, or null. */
export function findNoneInvestigated(lines: readonly string[], answers: Record<string, Answer>): number | null {
  const skip = questionLines(lines, answers);
  const i = lines.findIndex((l, k) => !skip.has(k) && NONE_INVESTIGATED.test(l));
  return i < 0 ? null : i + 1;
}

// ---------------------------------------------------------------------------
// Answer 5 read for what it says.

/** What answer 5 itself says: a count, a nil return, a refusal, "not held", or nothing the kit can read (null). */
export interface AnswerFiveReading {
  kind: "count" | "nil" | "withheld" | "refused" | "not held" | null;
  /** The number investigated: the count, or 0 for a nil return. */
  count?: number;
  /** For a withheld count ("fewer than five"): the range it allows, when it states one. */
  bounds?: [number, number] | null;
  /** 1-based line of the answer that says it; null when answer 5 says none of these (or is missing). */
  line: number | null;
  refusal?: Refusal;
}

const PEOPLE = "(?:employees?|members? of staff|staff(?: members)?|cases?|investigations?|people|individuals|officers)";
const COUNT_WORD = `(\\d[\\d,]*|${NUMBER_WORDS})`;
/** "Two (2)", "3 (three)": the count written twice, which must agree. */
const TWICE = `(?:\\s*\\((\\d[\\d,]*|${NUMBER_WORDS})\\))?`;
/** A count alone ("31", "Two (2)", "twelve.") or with its people ("12 employees", "There were 3 cases"). */
const COUNT_LINE = [
  new RegExp(`^${COUNT_WORD}${TWICE}\\.?$`, "i"),
  new RegExp(
    `^(?:(?:in total|in all|overall|altogether),?\\s+)?(?:there (?:were|was|have been|has been) |a total of |(?:we|the (?:council|authority)) (?:have |has )?investigated )?${COUNT_WORD}${TWICE} ${PEOPLE}\\b`,
    "i"
  ),
  // "Number of employees: 3", "Total: 7", "Employees investigated – 4": a label, then the count alone.
  new RegExp(
    `^(?:[^:=–—]{0,60}\\b(?:number|total|no\\.?|employees|staff|investigated|investigations|cases)\\b[^:=–—]{0,20})\\s*[:=–—-]\\s*${COUNT_WORD}${TWICE}\\.?$`,
    "i"
  ),
  // "The total number of employees investigated was 4.", "The number of cases is three."
  new RegExp(
    `^(?:the\\s+)?(?:total\\s+)?number of ${PEOPLE}[^.]{0,80}?\\s(?:was|is|were|came to|totall?ed)\\s+${COUNT_WORD}${TWICE}\\.?$`,
    "i"
  ),
  // "We have identified 4 cases.", "The council recorded two investigations."
  new RegExp(
    `\\b(?:identified|recorded|had|dealt with|carried out|undertook|opened)\\s+${COUNT_WORD}${TWICE} ${PEOPLE}\\b`,
    "i"
  ),
  // "..., 6 employees were investigated": the count and its people anywhere in the sentence.
  new RegExp(
    `(?:^|[\\s,;(])${COUNT_WORD}${TWICE} ${PEOPLE} (?:were|was|have been|has been|had been) investigated\\b`,
    "i"
  )
];
/** A nil return: "None.", "Nil", "Nil return", "Zero", "0", "No.", "No employees have been investigated". */
const NIL_LINE =
  /^(?:none\b(?!\s+of\b)|nil\b|zero\b|0(?![\d.,%]|\s*%)|no\.?$|no (?:employees?|members? of staff|staff|one|investigations?)\b|no cases?(?:[.;,]|$|\s+(?:have|has|were|was|recorded|to report)\b))/i;

/** A withheld count standing for answer 5: "fewer than five", "less than 5", "<5", "*", at the start or before its people. */
const WITHHELD_FIVE = new RegExp(
  `^(?:there (?:were|are|have been) |we (?:have )?(?:investigated|identified) )?((?:fewer|less) than ${COUNT_WORD}|under ${COUNT_WORD}|<\\s*\\d+|\\*)(?=[\\s.,;:(]|$)`,
  "i"
);

const countValue = (said: string): number | null =>
  /^\d/.test(said) ? Number(said.replace(/,/g, "")) : wordNumber(said);

/** What one line of answer 5 says, or null when it says none of the kinds. */
function readFiveLine(text: string, line: number, lines: readonly string[]): AnswerFiveReading | null {
  // A row of a table ("No case   1   -   -") says nothing of answer 5 by itself: the table is read as a table.
  if (/\S(?:\t|\s{3,})\S/.test(lines[line - 1] ?? "")) return null;
  // "Fewer than five employees", "<5", "Less than 5 (withheld under section 40)": a number kept back, never the 5.
  const held = WITHHELD_FIVE.exec(text);
  const bounded = held && parseCount(held[1]);
  if (bounded?.suppressed) return {kind: "withheld", line, bounds: bounded.bounds ?? null};
  const act = actOf(lines, text);
  const sections = lineRefusal(text, false, act);
  if (sections) {
    const named = questionsNamed(text);
    return {kind: "refused", line, refusal: refusalOf(sections, named.length ? named : [5], line, text, act)};
  }
  if (NOT_HELD.test(text) && !APPEAL.test(text)) return {kind: "not held", line};
  if (NIL_LINE.test(text) || NONE_INVESTIGATED.test(text)) return {kind: "nil", count: 0, line};
  for (const re of COUNT_LINE) {
    const m = re.exec(text);
    if (!m) continue;
    const count = countValue(m[1]);
    // "Two (3)" says two things: read as neither.
    if (count == null || (m[2] != null && countValue(m[2]) !== count)) return null;
    return count === 0 ? {kind: "nil", count: 0, line} : {kind: "count", count, line};
  }
  return null;
}

/**
 * What answer 5 ("how many employees have been investigated") itself says: a
 * number in digits or words ("31", "Two (2)", "12 employees", "There were 3
 * cases"); a nil return ("None", "Nil return", "0", "No employees have been
 * investigated": count 0); a refusal with its sections (of the FOI Act or
 * FOISA); or "not held". The first line of the answer that says one of these
 * decides. Null kind when there is no answer 5 or it says none of them.
 */
export function answerFiveReading(lines: readonly string[], answers: Record<string, Answer>): AnswerFiveReading {
  const answer = answers[5];
  if (!answer) return {kind: null, line: null};
  const texts = answer.text ? answer.text.split("\n") : [];
  for (let k = 0; k < texts.length; k++) {
    const line = answer.textLines?.[k] ?? answer.startLine;
    const read = readFiveLine(texts[k], line, lines);
    if (read) return read;
  }
  return {kind: null, line: null};
}

/**
 * Why a reply has no records: what answer 5 says first (a nil return, a
 * refusal, "not held"); else no one was investigated (a sentence says so), the
 * request was refused for its cost or as vexatious, the information is not
 * held, or it was refused under another section. Returns null when the reply
 * gives no such reason (then a missing table is an error).
 */
export function noRecordsStatus(
  lines: readonly string[],
  answers: Record<string, Answer>,
  fields: ReplyFields
): NoRecordsStatus | null {
  const five = answerFiveReading(lines, answers);
  if (fields.investigated === 0 || five.kind === "nil")
    return {
      status: "nil",
      reason: "none investigated",
      detail: "the reply says no employee was investigated (answer 5)",
      line: fields.investigated === 0 ? fields.investigatedLine : five.line
    };
  const refusal = findRefusal(lines, answers, false);
  const refused = (r: Refusal): NoRecordsStatus => ({
    status: "refused",
    reason: refusalReason(r),
    detail: refusalDetail(r),
    line: r.line,
    refusal: r
  });
  if (five.kind === "refused" && five.refusal) {
    // Answer 5's own refusal, with every section the reply's refusals cite.
    const sections = [...new Set([...five.refusal.sections, ...(refusal?.sections ?? [])])].sort((a, b) => a - b);
    return refused({...five.refusal, sections});
  }
  if (five.kind === "withheld") {
    // A number kept back ("fewer than five") is not an answer of 0, nor of 5: the reply withholds it.
    const held = `answer 5 gives the number investigated only as withheld (${five.bounds ? `${five.bounds[0]} to ${five.bounds[1]}` : "no range"}, line ${five.line})`;
    if (refusal) return {...refused(refusal), detail: `${held}; ${refusalDetail(refusal)}`, line: five.line};
    return {status: "refused", reason: "withheld", detail: held, line: five.line};
  }
  if (five.kind === "not held")
    return {
      status: "not held",
      reason: "not held",
      detail: "the council says it does not hold the information (answer 5)",
      line: five.line
    };
  const none = findNoneInvestigated(lines, answers);
  if (none != null)
    return {
      status: "nil",
      reason: "none investigated",
      detail: `the reply says no employee was investigated (line ${none})`,
      line: none
    };
  const skip = questionLines(lines, answers);
  const notHeld = lines.findIndex((l, k) => !skip.has(k) && NOT_HELD.test(l) && !APPEAL.test(l));
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
