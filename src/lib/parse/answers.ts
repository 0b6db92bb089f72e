/**
 * The numbered answers of a reply (1 to 10 in this request) and the figures
 * taken from them. Replies echo each question under its number and answer
 * beneath it, so a section runs from one number to the next.
 */
import {cleanCell, isBlank} from "./text.js";
import type {Answer, ReplyFields} from "../types.js";

// "9." or "9)" starts answer 9; "12.5%" does not start answer 12.
const HEADING = /^\s*(\d{1,2})\s*[.)](?!\d)\s*(.*)$/;

/**
 * Splits lines into numbered sections. A number counts only when it follows
 * the last one closely (replies skip questions, but a stray "2." inside an
 * answer after "9." is not a heading).
 */
export function parseAnswers(lines: string[]): Record<string, Answer> {
  const starts: {number: number; line: number; rest: string}[] = [];
  lines.forEach((line, i) => {
    const m = HEADING.exec(line);
    const last = starts.at(-1)?.number ?? 0;
    if (m && Number(m[1]) > last && Number(m[1]) <= last + 8)
      starts.push({number: Number(m[1]), line: i, rest: cleanCell(m[2])});
  });
  const answers: Record<string, Answer> = {};
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].line : lines.length;
    let i = start.line + 1;
    let question = start.rest;
    if (!question) {
      while (i < end && isBlank(lines[i])) i++;
      question = i < end ? cleanCell(lines[i++]) : "";
    }
    const body = lines
      .slice(i, end)
      .map((line, k) => ({text: cleanCell(line), line: i + k + 1}))
      .filter((l) => l.text);
    answers[start.number] = {
      number: start.number,
      question,
      text: body.map((l) => l.text).join("\n"),
      textLines: body.map((l) => l.line),
      startLine: i + 1,
      endLine: end
    };
  });
  return answers;
}

/** Finds the first line of an answer that matches, returning the match and its 1-based line. */
function findInAnswer(
  lines: string[],
  answer: Answer | undefined,
  re: RegExp
): {m: RegExpExecArray; line: number} | null {
  if (!answer) return null;
  for (let i = answer.startLine - 1; i < answer.endLine; i++) {
    const m = re.exec(cleanCell(lines[i] ?? ""));
    if (m) return {m, line: i + 1};
  }
  return null;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december"
];

/** Reads a date like "1 July 2013" or "1st July 2013" as ISO, or null. */
export function parseLongDate(text: string): string | null {
  const m = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS.join("|")})\\s+(\\d{4})`, "i").exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[1].padStart(2, "0")}`;
}

const PEOPLE = "(?:employees?|members? of staff|staff|cases?|investigations?|people|individuals|officers)";

/** The figures the request asked for in prose: policy, date introduced, number investigated, share of disciplinaries. */
export function extractFields(lines: string[], answers: Record<string, Answer>): ReplyFields {
  const policy = answers[1]?.text ?? "";
  const inCode = /code of conduct/i.test(policy)
    ? !/not (?:part of|in) (?:the|our) code of conduct/i.test(policy)
    : null;
  const denies =
    /^\s*no\b(?!.*(?:covered|code of conduct))|\b(?:do|does) not have (?:a|any) (?:specific |separate )?(?:social media )?policy\b(?!.*(?:covered|code of conduct))/i;
  const hasPolicy = denies.test(policy)
    ? false
    : policy
      ? /\b(yes|covered|policy|code of conduct)\b/i.test(policy) || null
      : null;
  // The number investigated: a bare number, "12 employees", or words for none.
  const investigated =
    findInAnswer(lines, answers[5], /^(\d[\d,]*)\.?$/) ??
    findInAnswer(
      lines,
      answers[5],
      new RegExp(`^(?:there (?:were|have been) |a total of )?(\\d[\\d,]*) ${PEOPLE}\\b`, "i")
    ) ??
    findInAnswer(
      lines,
      answers[5],
      /^(none|nil|zero)\b|^(0)\b(?!\s*%)|\bno (?:employees?|members? of staff|staff|one) (?:has|have|was|were) been investigated\b|^(no(?:ne)?)\.?$/i
    );
  const pct = findInAnswer(lines, answers[9], /(less than|under|fewer than|<)?\s*(\d+(?:\.\d+)?)\s*(?:%|per\s?cent)/i);
  const investigatedNumber = investigated
    ? /^\d/.test(investigated.m[1] ?? "")
      ? Number(investigated.m[1].replace(/,/g, ""))
      : 0
    : null;
  return {
    hasPolicy,
    policyInCodeOfConduct: inCode,
    policyIntroduced: answers[4] ? parseLongDate(answers[4].text) : null,
    investigated: investigatedNumber,
    investigatedLine: investigated?.line ?? null,
    // "less than 1%" is a bound, not a share: kept as written, with no number.
    pctOfDisciplinary: pct && !pct.m[1] ? Number(pct.m[2]) : null,
    pctOfDisciplinaryLine: pct?.line ?? null,
    pctOfDisciplinaryRaw: pct ? cleanCell(pct.m[0]) : null,
    tableTotal: null,
    tableTotalLine: null
  };
}

export interface NilStatus {
  reason: "none investigated" | "not held" | "section 12" | "section 14" | "section 40" | "withheld";
  detail: string;
  line: number | null;
}

/**
 * Recognises a reply that holds no table because there is nothing to tabulate:
 * no one was investigated, the information is not held, or it was refused.
 * Returns null when the reply gives no such reason (then a missing table is an error).
 */
export function nilStatus(lines: string[], fields: ReplyFields): NilStatus | null {
  if (fields.investigated === 0)
    return {
      reason: "none investigated",
      detail: "the reply says no employee was investigated (answer 5)",
      line: fields.investigatedLine
    };
  const find = (re: RegExp) => {
    const i = lines.findIndex((l) => re.test(l));
    return i < 0 ? null : i + 1;
  };
  const rules: [RegExp, NilStatus["reason"], string][] = [
    [
      /\bsection\s*12\b|\bs\.?\s?12\b|exceed(?:s|ed)? the (?:appropriate |cost )?limit|appropriate limit/i,
      "section 12",
      "refused under section 12 of the FOI Act (the cost of finding the information exceeds the limit)"
    ],
    [
      /\bsection\s*14\b|\bs\.?\s?14\b|vexatious/i,
      "section 14",
      "refused under section 14 of the FOI Act (vexatious or repeated request)"
    ],
    [
      /\b(?:not held|do(?:es)? not hold|hold no (?:such )?information|no (?:such )?information (?:is )?held|no (?:central )?records? (?:is |are )?(?:held|kept))\b/i,
      "not held",
      "the council says it does not hold the information"
    ],
    [
      /\bsection\s*40\b|\bs\.?\s?40\b|personal (?:data|information)/i,
      "section 40",
      "withheld under section 40 of the FOI Act (personal data of identifiable employees)"
    ],
    [/\b(?:withheld|exempt from disclosure|refus(?:e|ed|al))\b/i, "withheld", "the council withheld the information"]
  ];
  for (const [re, reason, detail] of rules) {
    const line = find(re);
    if (line != null) return {reason, detail, line};
  }
  return null;
}
