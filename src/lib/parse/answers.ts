/**
 * The numbered answers of a reply (1 to 10 in this request) and the figures
 * taken from them. Replies echo each question under its number and answer
 * beneath it, so a section runs from one number to the next. Councils number
 * in many ways ("5.", "5)", "5 -", "Q5", "Question 5:", "(5)", "(v)", "Q6 & Q8"),
 * answer out of order, number from their own list or leave the echo out; with
 * the request's questions at hand, each echoed question is also tied to the
 * request question whose words it shares most.
 */
import {NUMBER_WORDS} from "./number-words.js";
import {answerFiveReading} from "./reply-status.js";
import {cleanCell} from "../core/text.js";
import type {Answer, ReplyFields} from "../core/types.js";

/** A question of the request (data/campaign/request.json), as CampaignRequest holds it. */
export interface RequestQuestion {
  number: number;
  text: string;
}

/** A line that may start an answer: the numbers it names, what follows them, and how it is numbered. */
interface Heading {
  numbers: number[];
  /** 0-based line. */
  line: number;
  rest: string;
  style: "prefixed" | "arabic" | "roman" | "echo";
  /** A number alone on its line ("5"): a heading only when the question's echo follows. */
  alone: boolean;
}

const dashes = (text: string) => text.replace(/[\u2010-\u2015\u2212]/g, "-");
const norm = (line: string) => dashes(cleanCell(line));

/** "Q5", "Q.5", "Q 5", "Question 5", "Questions 6 and 8", "Q6 & Q8", "(Q5)"; the numbers are read after it. */
const PREFIX = /^\(?\s*(q(?:uestion(s)?)?)\s*\.?\s*(?:no\.?\s*)?(?=\d)/i;
/** Words that make "Question 5 was refused" a sentence about a question, not its heading. */
const SENTENCE_AFTER =
  /^(?:was|were|is|are|has|have|had|to|and|or|of|in|above|below|asks?|asked|refers?|referred|above|see|covers?)\b/i;
const ARABIC = /^\(?(\d{1,2})(?:\s*[.)](?![\d])\)?|\s+-\s+(?=[a-z(])|\s*:\s+|\s*[-:]$)\s*(.*)$/i;
const ALONE = /^(\d{1,2})$/;
const ROMAN_NUMERALS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];
const ROMAN = /^\(?(x{0,1}(?:ix|iv|v?i{0,3}))\s*[.)](?=\s|$)\)?\s*(.*)$/i;
/** What marks the council's answer after the echoed question. */
const ANSWER_MARK = /^(?:(?:response|answer|reply)\s*[:.-]|a\s*:)\s*/i;

/** The numbers after a prefix: "5", "6 & 8", "6 and Q8", and for "Questions" a range "5 to 9". */
function prefixedNumbers(text: string, plural: boolean): {numbers: number[]; rest: string} | null {
  const first = /^(\d{1,2})(?![\d])/.exec(text);
  if (!first) return null;
  const numbers = [Number(first[1])];
  let rest = text.slice(first[0].length);
  for (;;) {
    const more = /^\s*(?:&|and|,|\/|\+)\s*(?:q(?:uestion)?\s*\.?\s*)?(\d{1,2})(?![\d])/i.exec(rest);
    const range = plural ? /^\s*(?:to|-)\s*(\d{1,2})(?![\d])/i.exec(rest) : null;
    if (more) numbers.push(Number(more[1]));
    else if (range && Number(range[1]) > numbers.at(-1)! && Number(range[1]) - numbers.at(-1)! < 10)
      for (let n = numbers.at(-1)! + 1; n <= Number(range[1]); n++) numbers.push(n);
    else break;
    rest = rest.slice((more ?? range)![0].length);
  }
  const separated = /^\s*\)?\s*[.):-]/.test(rest);
  rest = rest.replace(/^\s*\)?\s*[.):-]?\s*/, "");
  if (!separated && SENTENCE_AFTER.test(rest)) return null;
  return {numbers: numbers.filter((n, i) => n >= 1 && numbers.indexOf(n) === i), rest};
}

/** The heading a line may be, of each numbering style. */
function headingOf(text: string, line: number): Heading | null {
  const prefix = PREFIX.exec(text);
  // "Q1 2015" in a table is a quarter, not question 1.
  if (prefix && !/^q\s*[1-4]\s+(?:19|20)\d\d\b/i.test(text)) {
    const read = prefixedNumbers(text.slice(prefix[0].length), Boolean(prefix[2]));
    if (read && read.numbers.length)
      return {numbers: read.numbers, line, rest: read.rest, style: "prefixed", alone: false};
  }
  const alone = ALONE.exec(text);
  if (alone && Number(alone[1]) >= 1)
    return {numbers: [Number(alone[1])], line, rest: "", style: "arabic", alone: true};
  const arabic = ARABIC.exec(text);
  if (arabic && Number(arabic[1]) >= 1) {
    const rest = arabic[2];
    // "5 and 6." and "5 & 6)" bundle two answers under bare numbers too.
    const bundle = /^(?:&|and)\s*(\d{1,2})\s*[.)]\s*(.*)$/i.exec(rest);
    return bundle
      ? {numbers: [Number(arabic[1]), Number(bundle[1])], line, rest: bundle[2], style: "arabic", alone: false}
      : {numbers: [Number(arabic[1])], line, rest, style: "arabic", alone: false};
  }
  const bundled = /^(\d{1,2})\s*(?:&|and)\s*(\d{1,2})\s*[.):]\s*(.*)$/i.exec(text);
  if (bundled)
    return {numbers: [Number(bundled[1]), Number(bundled[2])], line, rest: bundled[3], style: "arabic", alone: false};
  const roman = ROMAN.exec(text);
  if (roman && roman[1]) {
    const n = ROMAN_NUMERALS.indexOf(roman[1].toLowerCase()) + 1;
    if (n >= 1) return {numbers: [n], line, rest: roman[2], style: "roman", alone: false};
  }
  return null;
}

// ---------------------------------------------------------------------------
// Words: how much an echoed line shares with a request question.

const STOP = new Set(
  "the a an and or of to in on for by is are was were be been has have had please can could you me i my your this that these those it its as at with from any if so what when which who how there their our we us eg etc nb tell would will may".split(
    " "
  )
);

/** Content words of a text, lower case, plurals made singular. */
export function contentWords(text: string): string[] {
  const words = (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

/** The request's questions as word sets, with each word weighted by how few questions use it. */
interface QuestionIndex {
  questions: {number: number; words: Set<string>}[];
  weight: (word: string) => number;
}

function indexQuestions(questions: readonly RequestQuestion[]): QuestionIndex {
  const sets = questions.map((q) => ({number: q.number, words: new Set(contentWords(q.text))}));
  const df = new Map<string, number>();
  for (const q of sets) for (const w of q.words) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.max(1, sets.length);
  return {questions: sets, weight: (w) => Math.log(1 + n / (df.get(w) ?? 1))};
}

/**
 * The share of a line's words (weighted: words few questions use count more,
 * words no question uses count fully against) found in each request question.
 */
function scores(index: QuestionIndex, text: string): {number: number; score: number}[] {
  const words = contentWords(text);
  if (words.length < 2) return [];
  const total = words.reduce((s, w) => s + index.weight(w), 0);
  return index.questions
    .map((q) => ({
      number: q.number,
      score: words.reduce((s, w) => s + (q.words.has(w) ? index.weight(w) : 0), 0) / total
    }))
    .sort((a, b) => b.score - a.score);
}

/** The request question a line echoes: the best match when it is clear (a good share, ahead of the next). */
function echoedQuestion(
  index: QuestionIndex | null,
  text: string,
  least = 0.5
): {number: number; score: number} | null {
  if (!index) return null;
  const [best, next] = scores(index, text);
  if (!best || best.score < least || (next && best.score - next.score < 0.15)) return null;
  return best;
}

const scoreFor = (index: QuestionIndex | null, text: string, n: number) =>
  index ? (scores(index, text).find((s) => s.number === n)?.score ?? 0) : 0;

// ---------------------------------------------------------------------------
// Echo or answer: the council's answer opens the way answers do; the request's words ask.

/** How answers open: a number, yes/no, none/nil, "We", "There", "The council", "Please see"... */
const ANSWER_LIKE = new RegExp(
  `^(?:\\d|\\(\\d|${NUMBER_WORDS}\\b|yes\\b|no\\b|none\\b|nil\\b|zero\\b|n/?a\\b|not\\b|we\\b|we['’]|our\\b|there\\b|this\\b|these\\b|those\\b|it (?:is|was|has)\\b|the (?:council|authority|information|answer|figure|number|data|policy|date|total)\\b|please (?:see|find|note|refer)\\b|see\\b|refer\\b|information\\b|refused\\b|refusal\\b|exempt\\b|withheld\\b|all\\b|less than\\b|fewer than\\b|under\\b|approximately\\b|employees?['’]?s? (?:use|were|are|have)\\b|nothing\\b|unknown\\b|covered\\b|included\\b|attached\\b|as (?:above|below|per)\\b)`,
  "i"
);
const REQUEST_OPENER =
  /^(?:can|could|would|what|how|when|which|please (?:state|provide|say|tell|give|confirm|send|list)|for (?:each|the same|the period)|does|do|is|are|if|it may|nb\b|n\.b\.|discipline|any case)/i;

/** How a question opens beyond doubt ("Can you", "How many", "For each"): enough after a number alone on its line. */
const ASKING =
  /^(?:can|could|would|what|how|when|which|please (?:state|provide|say|tell|give|confirm|send|list)|for (?:each|the same|the period))\b/i;

const isAnswerLike = (text: string) => ANSWER_MARK.test(text) || (ANSWER_LIKE.test(text) && !/\?\s*$/.test(text));

/**
 * Whether a line reads as the request's question echoed: not how answers open,
 * and (with the request at hand) sharing its words with a request question, or
 * asking ("?"), or (without) anything that is not an answer.
 */
function isEcho(text: string, index: QuestionIndex | null, first: boolean): boolean {
  if (!text || isAnswerLike(text)) return false;
  if (/\?\s*$/.test(text) || REQUEST_OPENER.test(text)) return true;
  if (index) return echoedQuestion(index, text, 0.45) != null || scores(index, text)[0]?.score >= 0.6;
  return first;
}

/**
 * Evidence that a heading is one: the question echoed on its line or the next
 * (for a number alone on its line, or numbers out of order).
 */
function echoFollows(lines: readonly string[], h: Heading, index: QuestionIndex | null): boolean {
  let text = h.rest;
  for (let i = h.line + 1; !text && i < Math.min(lines.length, h.line + 3); i++) {
    text = norm(lines[i]);
    // The next line numbered itself is no echo of this one ("12" then "6. Outcomes?").
    if (text && headingOf(text, i)) return false;
  }
  if (!text || isAnswerLike(text)) return false;
  // A number alone needs a question after it ("If you are dissatisfied..." opens like one, and is not).
  const asks = /\?\s*$/.test(text) || (h.alone ? ASKING : REQUEST_OPENER).test(text);
  if (!index) return asks;
  if (scoreFor(index, text, h.numbers[0]) >= 0.45) return true;
  // A short question ("What percentage?") shares too few words to tell; it counts unless it clearly echoes another.
  const other = echoedQuestion(index, text);
  return other ? other.number === h.numbers[0] : asks;
}

/**
 * The headings that start answers, in order. A prefixed number ("Q5",
 * "Question 5:") always counts. A bare one counts when it follows the highest
 * so far closely (replies skip questions, but a stray "2." inside an answer
 * after "9." is no heading), or when the question's echo shows it is one (a
 * reply answering 5 before 4). A reply numbers in arabic or roman numerals, not
 * both: the style with more headings wins (roman sub-items inside an answer are
 * not answers). A number alone on its line needs the echo after it.
 */
function findHeadings(lines: readonly string[], index: QuestionIndex | null): Heading[] {
  const candidates: Heading[] = [];
  lines.forEach((line, i) => {
    const text = norm(line);
    if (!text || text.length > 2000) return;
    const h = headingOf(text, i);
    if (h) candidates.push(h);
  });
  const accept = (styles: Heading["style"][]): Heading[] => {
    const out: Heading[] = [];
    const seen = new Set<number>();
    let max = 0;
    for (const h of candidates) {
      if (!styles.includes(h.style)) continue;
      const n = h.numbers[0];
      if (h.numbers.some((k) => seen.has(k))) continue;
      const ok = h.style === "prefixed" || (!h.alone && n > max && n <= max + 8) || echoFollows(lines, h, index);
      if (!ok) continue;
      out.push(h);
      for (const k of h.numbers) seen.add(k);
      max = Math.max(max, ...h.numbers);
    }
    return out;
  };
  const arabic = accept(["prefixed", "arabic"]);
  const roman = accept(["prefixed", "roman"]);
  return roman.filter((h) => h.style === "roman").length > arabic.filter((h) => h.style === "arabic").length
    ? roman
    : arabic;
}

/**
 * Lines that echo a request question with no number before them, for a reply
 * that numbers nothing: each becomes the heading of the question it echoes.
 */
function unnumberedHeadings(lines: readonly string[], index: QuestionIndex): Heading[] {
  const out: Heading[] = [];
  const seen = new Set<number>();
  lines.forEach((line, i) => {
    const text = norm(line);
    if (text.length < 20 || text.length > 1500 || isAnswerLike(text)) return;
    const match = echoedQuestion(index, text, 0.6);
    if (!match || seen.has(match.number) || contentWords(text).length < 4) return;
    if (!/\?\s*$/.test(text) && match.score < 0.75) return;
    seen.add(match.number);
    out.push({numbers: [match.number], line: i, rest: text, style: "echo", alone: false});
  });
  return out;
}

/** A section's echo and answer: the echoed question's text, and the answer's lines. */
interface Section {
  heading: Heading;
  numbers: number[];
  question: string;
  body: {text: string; line: number}[];
  /** 1-based line where the answer starts (after the echo). */
  startLine: number;
  /** 1-based last line of the section. */
  endLine: number;
}

/** Splits a line after the question ("?" or ":") where what follows reads as an answer ("How many? 12"). */
function splitAsked(text: string): [string, string] | null {
  for (const m of text.matchAll(/[?:]\s+(?=\S)/g)) {
    const [asked, said] = [text.slice(0, m.index + 1), text.slice(m.index + m[0].length)];
    if (isAnswerLike(said) && !isAnswerLike(asked)) return [asked, said];
  }
  return null;
}

function readSection(lines: readonly string[], h: Heading, end: number, index: QuestionIndex | null): Section {
  const echo: string[] = [];
  let lastEcho = h.line;
  const body: {text: string; line: number}[] = [];
  const n = h.numbers[0];
  // Items in order: the heading's own rest, then each following line.
  const items: {text: string; line: number}[] = [];
  if (h.rest) items.push({text: h.rest, line: h.line});
  for (let i = h.line + 1; i < end; i++) items.push({text: norm(lines[i]), line: i});
  const marked = items.findIndex((it, k) => k < 15 && ANSWER_MARK.test(it.text));
  let k = 0;
  if (marked >= 0) {
    // "Response:" / "Answer:" marks where the answer starts: everything before it is the echo.
    for (; k < marked; k++)
      if (items[k].text) {
        echo.push(items[k].text);
        lastEcho = items[k].line;
      }
  } else {
    while (k < items.length && !items[k].text) k++;
    const first = items[k];
    if (first && isEcho(first.text, index, true)) {
      const split = splitAsked(first.text);
      if (split) {
        echo.push(split[0]);
        lastEcho = first.line;
        items[k] = {text: split[1], line: first.line};
      } else {
        echo.push(first.text);
        lastEcho = first.line;
        k++;
        // The echo goes on while the lines keep asking or keep to the request's own words.
        for (;;) {
          let j = k;
          while (j < items.length && !items[j].text) j++;
          const next = items[j];
          if (!next || isAnswerLike(next.text)) break;
          const open = !/[?.]\s*$/.test(echo.at(-1)!);
          const asks = /\?\s*$/.test(next.text);
          const nb = /^(?:nb\b|n\.b\.)/i.test(next.text) && (!index || scoreFor(index, next.text, n) >= 0.5);
          const words = index != null && open && scoreFor(index, next.text, n) >= 0.6;
          // The question may end, and its answer begin, on a wrapped line: "...up to 31 December 2015? 4".
          const ends = open && !asks ? splitAsked(next.text) : null;
          if (!asks && !nb && !words && !ends) break;
          echo.push(ends ? ends[0] : next.text);
          lastEcho = next.line;
          if (ends) {
            items[j] = {text: ends[1], line: next.line};
            k = j;
            break;
          }
          k = j + 1;
        }
      }
    }
  }
  for (; k < items.length; k++) {
    const text = items[k].text.replace(ANSWER_MARK, "");
    if (text) body.push({text, line: items[k].line + 1});
  }
  // The answer starts just after the echo, or on the echo's line when it follows the question there ("5. None.").
  const afterEcho = Math.min(end, lastEcho + 1) + 1;
  const startLine = body.length ? Math.min(body[0].line, afterEcho) : afterEcho;
  return {heading: h, numbers: h.numbers, question: echo.join(" "), body, startLine, endLine: end};
}

/**
 * Ties sections to the request's questions by their echoed words: a section
 * whose echo clearly matches another question than its number is that
 * question's answer (a reply numbering its own list, 1 for question 5). When
 * every such move shifts by the same amount and no echo confirms its own
 * number, sections with no echo shift with them.
 */
/** An echoed question reads as one: it asks ("How many...?", "Please state...") rather than states a fact. */
const ECHO_FORM =
  /\?\s*$|^(?:how|what|when|where|which|who|why|whether|does|do|did|is|are|was|were|has|have|can|could|would|will|please|for each|for the|if|it may|in relation|details? of|number of)\b/i;

function tieToRequest(sections: Section[], index: QuestionIndex): void {
  const moves: {section: Section; to: number; score: number}[] = [];
  let confirmed = 0;
  for (const s of sections) {
    if (!s.question || s.numbers.length !== 1 || !ECHO_FORM.test(s.question)) continue;
    const best = echoedQuestion(index, s.question, 0.5);
    if (!best) continue;
    const own = scoreFor(index, s.question, s.numbers[0]);
    if (best.number === s.numbers[0]) confirmed++;
    else if (best.score >= own + 0.25) moves.push({section: s, to: best.number, score: best.score});
  }
  if (!moves.length) return;
  moves.sort((a, b) => b.score - a.score);
  const taken = new Set(sections.filter((s) => !moves.some((m) => m.section === s)).flatMap((s) => s.numbers));
  const moved = new Set<Section>();
  for (const m of moves) {
    if (taken.has(m.to)) continue;
    taken.delete(m.section.numbers[0]);
    m.section.numbers = [m.to];
    taken.add(m.to);
    moved.add(m.section);
  }
  const shifted = moves.filter((m) => moved.has(m.section));
  const shifts = new Set(shifted.map((m) => m.to - m.section.heading.numbers[0]));
  // One echo that matches another question is not yet a reply numbering its own list: two must agree.
  if (shifts.size !== 1 || shifted.length < 2 || confirmed > 0) return;
  const [shift] = [...shifts];
  for (const s of sections) {
    if (moved.has(s) || s.question || s.numbers.length !== 1) continue;
    const to = s.numbers[0] + shift;
    if (to >= 1 && !taken.has(to) && index.questions.some((q) => q.number === to)) {
      taken.delete(s.numbers[0]);
      s.numbers = [to];
      taken.add(to);
    }
  }
}

/**
 * Splits lines into numbered answers. With the request's questions, each
 * echoed question is also tied to the request question it shares most words
 * with, and a reply that numbers nothing has its echoed questions for headings.
 */
export function parseAnswers(lines: readonly string[], questions?: readonly RequestQuestion[]): Record<string, Answer> {
  const index = questions?.length ? indexQuestions(questions) : null;
  let headings = findHeadings(lines, index);
  if (!headings.length && index) headings = unnumberedHeadings(lines, index);
  const sections = headings.map((h, k) =>
    readSection(lines, h, k + 1 < headings.length ? headings[k + 1].line : lines.length, index)
  );
  if (index) tieToRequest(sections, index);
  const answers: Record<string, Answer> = {};
  for (const s of [...sections].sort((a, b) => a.numbers[0] - b.numbers[0]))
    for (const number of [...s.numbers].sort((a, b) => a - b)) {
      if (answers[number]) continue;
      answers[number] = {
        number,
        question: s.question,
        text: s.body.map((l) => l.text).join("\n"),
        textLines: s.body.map((l) => l.line),
        startLine: s.startLine,
        endLine: s.endLine,
        headingLine: s.heading.line + 1
      };
    }
  return answers;
}

/** An answer's lines with the 1-based line each stands on (the heading's "Response:" and number taken off). */
export function answerBody(lines: readonly string[], answer: Answer | undefined): {text: string; line: number}[] {
  if (!answer) return [];
  if (answer.textLines) {
    const texts = answer.text ? answer.text.split("\n") : [];
    return texts.map((text, k) => ({text, line: answer.textLines![k] ?? answer.startLine}));
  }
  // Data written before textLines existed: the answer's lines as they stand.
  const out: {text: string; line: number}[] = [];
  for (let i = answer.startLine - 1; i < answer.endLine; i++) {
    const text = cleanCell(lines[i] ?? "");
    if (text) out.push({text, line: i + 1});
  }
  return out;
}

/** Finds the first line of an answer that matches, returning the match and its 1-based line. */
function findInAnswer(
  lines: readonly string[],
  answer: Answer | undefined,
  re: RegExp
): {m: RegExpExecArray; line: number} | null {
  for (const l of answerBody(lines, answer)) {
    const m = re.exec(l.text);
    if (m) return {m, line: l.line};
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

/** The figures the request asked for in prose: policy, date introduced, number investigated, share of disciplinaries. */
export function extractFields(lines: readonly string[], answers: Record<string, Answer>): ReplyFields {
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
  // The number investigated is what answer 5 says: a count, or 0 for a nil return; a refusal or "not held" is none.
  const five = answerFiveReading(lines, answers);
  const counted = five.kind === "count" || five.kind === "nil";
  const pct = findInAnswer(lines, answers[9], /(less than|under|fewer than|<)?\s*(\d+(?:\.\d+)?)\s*(?:%|per\s?cent)/i);
  return {
    hasPolicy,
    policyInCodeOfConduct: inCode,
    policyIntroduced: answers[4] ? parseLongDate(answers[4].text) : null,
    investigated: counted ? (five.count ?? null) : null,
    investigatedLine: counted ? five.line : null,
    // "less than 1%" is a bound, not a share: kept as written, with no number.
    pctOfDisciplinary: pct && !pct.m[1] ? Number(pct.m[2]) : null,
    pctOfDisciplinaryLine: pct?.line ?? null,
    pctOfDisciplinaryRaw: pct ? cleanCell(pct.m[0]) : null,
    tableTotal: null,
    tableTotalLine: null
  };
}
