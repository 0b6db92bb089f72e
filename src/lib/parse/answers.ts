/**
 * The numbered answers of a reply (1 to 10 in this request) and the figures
 * taken from them. Replies echo each question under its number and answer
 * beneath it, so a section runs from one number to the next.
 */
import {NUMBER_WORDS, wordNumber} from "./numbers.js";
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
    findInAnswer(lines, answers[5], new RegExp(`^(\\d[\\d,]*|${NUMBER_WORDS})\\.?$`, "i")) ??
    findInAnswer(
      lines,
      answers[5],
      new RegExp(
        `^(?:(?:in total|in all|overall|altogether),?\\s+)?(?:there (?:were|have been|has been) |a total of |we (?:have )?investigated )?(\\d[\\d,]*|${NUMBER_WORDS}) ${PEOPLE}\\b`,
        "i"
      )
    ) ??
    findInAnswer(
      lines,
      answers[5],
      /^(none|nil|zero)\b|^(0)\b(?!\s*%)|\bno (?:employees?|members? of staff|staff|one) (?:has|have|was|were) been investigated\b|^(no(?:ne)?)\.?$/i
    );
  const pct = findInAnswer(lines, answers[9], /(less than|under|fewer than|<)?\s*(\d+(?:\.\d+)?)\s*(?:%|per\s?cent)/i);
  const said = investigated?.m[1] ?? "";
  const investigatedNumber = investigated
    ? /^\d/.test(said)
      ? Number(said.replace(/,/g, ""))
      : (wordNumber(said) ?? 0)
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
