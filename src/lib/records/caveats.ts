/**
 * What a reply itself says that limits what its figures can show, as facts with their place
 * in the reply: what the council counted, the period, the cases' share of all disciplinary
 * proceedings, and why the request asked for age bands. The one reading of these from a
 * reply's text; the home page and the /ofcom page both word the same facts, and neither
 * reads the reply's text itself.
 */
import {impliedProceedings} from "../parse/reconcile.js";
import {parseLongDate} from "../parse/answers.js";
import {sumCounts, type CountSum} from "../core/withheld.js";
import type {Answer, ParsedReply} from "../core/types.js";
import {surveyYearFact} from "./survey-year.js";

export {surveyYearFact};

export type CaveatKind = "scope" | "period" | "share" | "bands-reason" | "survey-year";

/** What every fact carries: where it stands, and the reply's own words when it rests on them. */
export interface FactBase {
  kind: CaveatKind;
  /** Path relative to `data/`: the reply, its metadata file, or the reference the fact is about. */
  file: string;
  /** Numbered answer of the reply, when the fact stands in one. */
  answer: number | null;
  /** 1-based first and last line of the quotation (the same for one line). */
  line: number | null;
  endLine: number | null;
  /** The reply's words, verbatim (line breaks become spaces), or null when the fact quotes none. */
  quote: string | null;
}

/** What was counted: the reply's words on how it categorised the cases. */
export interface ScopeFact extends FactBase {
  kind: "scope";
  answer: number;
  line: number;
  endLine: number;
  quote: string;
  /** The category the council counts under, as it names it (e.g. "generic misuse of IT"), when it names one. */
  category: string | null;
  /** Other things than social media the reply says the cases may concern ("e-mail", "internet"). */
  channels: string[];
  /** True when the reply says the cases are not all about social media (other channels, or a category wider than social media). */
  broader: boolean;
}

/** The period the figures cover, from the reply's metadata, and the policy date that starts it. */
export interface PeriodFact extends FactBase {
  kind: "period";
  answer: null;
  line: null;
  endLine: null;
  quote: null;
  start: string;
  end: string;
  /** Length in years of 365.25 days, both ends included. */
  years: number;
  /** When the reply says the policy began to cover social media, and where it says so. */
  policy: {date: string; file: string; answer: number; line: number; quote: string} | null;
  /** The period begins on the policy's date. */
  startsAtPolicy: boolean;
  /** The period ends on the date the request's question set ("up to the 31st December 2015"). */
  endsAtRequestDate: boolean;
}

/** The cases' share of all disciplinary proceedings, and the number of proceedings it implies. */
export interface ShareFact extends FactBase {
  kind: "share";
  answer: number;
  line: number;
  quote: string;
  /** The percentage (0..100); null when the reply gives only a bound ("less than 1%"). */
  pct: number | null;
  /** The percentage as written: "3.1%", "less than 1%". */
  stated: string;
  /** The answer names the scope's category again ("this figure is for the generic misuse of IT"), so the share counts the same cases. */
  sameScope: boolean;
  /** The number of cases the implied range rests on, and where the reply states it (answer 5), or the table's sum. */
  basis: {count: number; answer: number | null; line: number | null} | null;
  /**
   * Whole numbers of proceedings for which `basis.count` is `pct` percent, allowing for the
   * percentage's rounding (high Infinity when it reaches 0%). An inference, not a figure the council gave.
   */
  implied: {low: number; high: number} | null;
}

/** The request's stated reason for asking for age bands (to set them against Ofcom's figures). */
export interface BandsReasonFact extends FactBase {
  kind: "bands-reason";
  answer: number;
  line: number;
  /** The line, less a leading "NB". */
  quote: string;
}

/** The survey year of the reference figures against the period the cases cover. */
export interface SurveyYearFact extends FactBase {
  kind: "survey-year";
  answer: null;
  line: null;
  endLine: null;
  quote: null;
  surveyYear: number;
  periodStartYear: number;
  periodEndYear: number;
  /** The survey year falls within the period's calendar years. */
  within: boolean;
}

export type CaveatFact = ScopeFact | PeriodFact | ShareFact | BandsReasonFact | SurveyYearFact;

export interface ReplyCaveats {
  authority: string;
  file: string;
  /** The employees the reply's table counts (core/withheld.ts: withheld rows give a range, never 0). */
  counted: CountSum;
  scope: ScopeFact | null;
  period: PeriodFact | null;
  share: ShareFact | null;
  bandsReason: BandsReasonFact | null;
  surveyYear: SurveyYearFact | null;
  /** The facts found, in the order above. */
  facts: CaveatFact[];
}

export interface CaveatOptions {
  /** The reference figures' survey year and file, to set against the period (the /ofcom page). */
  survey?: {year: number; file: string};
}

/** An answer's lines with the line of the reply each stands on. */
function answerLines(answer: Answer): {text: string; line: number}[] {
  const texts = answer.text ? answer.text.split("\n") : [];
  // Data written before textLines existed: the lines' places are known only to lie within the answer.
  return texts.map((text, k) => ({text, line: answer.textLines?.[k] ?? answer.startLine}));
}

const sortedAnswers = (reply: ParsedReply) => Object.values(reply.answers).sort((a, b) => a.number - b.number);

const answerAt = (reply: ParsedReply, line: number | null) =>
  line == null ? undefined : sortedAnswers(reply).find((a) => a.startLine <= line && line <= a.endLine);

const quoteOf = (lines: {text: string}[]) =>
  lines
    .map((l) => l.text)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();

// A line that says how cases were recorded: a category, or that sites were not recorded separately.
const CATEGORISED =
  /categori[sz]ed|recorded (?:as|under)|misuse of IT|(?:do not|don['’]t|does not|doesn['’]t) record\b.*\bseparately/i;
// A line that says cases may concern other things than social media.
const CHANNELS: [string, RegExp][] = [
  ["e-mail", /\be[- ]?mails?\b/i],
  ["internet", /\binternet\b/i]
];
const CASES = /\b(?:cases?|incidents?|investigations?|allegations?|breach(?:es)?)\b/i;
// A contact line ("e-mail: info@..."), not a statement about the cases.
const CONTACT = /@|https?:|www\./i;
const CATEGORY_NAME =
  /(?:categori[sz]ed|recorded) (?:as|under)\s*(?:the heading\s*)?['‘’"“”]([^'‘’"“”]{3,80})['‘’"“”]/i;
// The request's question on the nature of each allegation (question 7 of this request).
const NATURE_QUESTION =
  /nature of the allegation|social media (?:sites?|platforms?) involved|name of the social media/i;

function isScopeLine(text: string): boolean {
  if (CONTACT.test(text)) return false;
  return CATEGORISED.test(text) || (CASES.test(text) && CHANNELS.some(([, re]) => re.test(text)));
}

/**
 * The answer that says what was counted. The answer to the question on the nature of the
 * allegation comes first, whatever its number; then the other answers in order; last the one
 * giving the share of all proceedings, which often repeats the category ("as above").
 */
export function scopeFact(reply: ParsedReply): ScopeFact | null {
  const shareAnswer = answerAt(reply, reply.fields.pctOfDisciplinaryLine)?.number;
  const answers = sortedAnswers(reply);
  const nature = (a: Answer) => NATURE_QUESTION.test(a.question);
  const ordered = [
    ...answers.filter((a) => nature(a) && a.number !== shareAnswer),
    ...answers.filter((a) => !nature(a) && a.number !== shareAnswer),
    ...answers.filter((a) => a.number === shareAnswer)
  ];
  for (const answer of ordered) {
    const lines = answerLines(answer).filter((l) => isScopeLine(l.text));
    if (!lines.length) continue;
    const quote = quoteOf(lines);
    const category = CATEGORY_NAME.exec(quote)?.[1].trim() ?? null;
    const channels = CHANNELS.filter(([, re]) => re.test(quote)).map(([name]) => name);
    return {
      kind: "scope",
      file: reply.file,
      answer: answer.number,
      line: lines[0].line,
      endLine: lines.at(-1)!.line,
      quote,
      // A category that names social media ("misuse of social media") does not widen what was counted.
      category,
      channels,
      broader: channels.length > 0 || (category != null && !/social media/i.test(category))
    };
  }
  return null;
}

/** Years from one ISO date to another, both days included (NaN when either is missing). */
export function yearsBetween(start: string | null, end: string | null): number {
  if (!start || !end) return NaN;
  return (Date.parse(end) - Date.parse(start) + 86_400_000) / (365.25 * 86_400_000);
}

const metaFile = (file: string) => `${file.replace(/\.[^./]+$/, "")}.meta.json`;

export function periodFact(reply: ParsedReply): PeriodFact | null {
  if (!reply.meta) return null;
  const {periodStart: start, periodEnd: end} = reply.meta;
  const date = reply.fields.policyIntroduced;
  // The policy date is read from answer 4 (parse/answers.ts extractFields); cite the line that gives it.
  const a4 = reply.answers[4];
  const dateLine = date && a4 ? answerLines(a4).find((l) => parseLongDate(l.text) === date) : undefined;
  const policy =
    date && a4 && dateLine
      ? {date, file: reply.file, answer: a4.number, line: dateLine.line, quote: quoteOf([dateLine])}
      : null;
  // The question answer 5 echoes sets the period's end ("up to the 31st December 2015").
  const question5 = reply.answers[5]?.question;
  return {
    kind: "period",
    file: metaFile(reply.file),
    answer: null,
    line: null,
    endLine: null,
    quote: null,
    start,
    end,
    years: yearsBetween(start, end),
    policy,
    startsAtPolicy: date != null && date === start,
    endsAtRequestDate: question5 != null && parseLongDate(question5) === end
  };
}

export function shareFact(reply: ParsedReply, counted: CountSum, scope: ScopeFact | null = null): ShareFact | null {
  const {
    pctOfDisciplinary: pct,
    pctOfDisciplinaryLine: line,
    pctOfDisciplinaryRaw: raw,
    investigated,
    investigatedLine
  } = reply.fields;
  const answer = answerAt(reply, line);
  if (line == null || !answer) return null;
  const lines = answerLines(answer);
  const quoted = lines.find((l) => l.line === line) ?? lines[0];
  // The number investigated as answer 5 states it; else the table's sum, when no count was withheld.
  const basis =
    investigated != null
      ? {count: investigated, answer: answerAt(reply, investigatedLine)?.number ?? null, line: investigatedLine}
      : counted.withheldRows === 0 && counted.known > 0
        ? {count: counted.known, answer: null, line: null}
        : null;
  const stated = raw ?? `${pct}%`;
  const implied =
    pct != null && pct > 0 && basis && basis.count > 0 ? impliedProceedings(basis.count, pct, stated) : null;
  return {
    kind: "share",
    file: reply.file,
    answer: answer.number,
    line,
    endLine: line,
    quote: quoted ? quoteOf([quoted]) : stated,
    pct,
    stated,
    sameScope: scope?.category != null && answer.text.toLowerCase().includes(scope.category.toLowerCase()),
    basis,
    implied: implied && implied.low <= implied.high ? implied : null
  };
}

// The request's own word for setting its figures against Ofcom's; failing that, a line naming Ofcom.
const REASON_WORDS = [/\bbench-?mark/i, /\bofcom\b/i];

export function bandsReasonFact(reply: ParsedReply): BandsReasonFact | null {
  const answers = sortedAnswers(reply);
  // The answer asking for age bands first (answer 8 of this request), then the rest.
  const ordered = [
    ...answers.filter((a) => /\bage\b/i.test(a.question)),
    ...answers.filter((a) => !/\bage\b/i.test(a.question))
  ];
  for (const words of REASON_WORDS) {
    for (const answer of ordered) {
      const found = answerLines(answer).find((l) => words.test(l.text) && !CONTACT.test(l.text));
      if (found) {
        return {
          kind: "bands-reason",
          file: reply.file,
          answer: answer.number,
          line: found.line,
          endLine: found.line,
          quote: quoteOf([found]).replace(/^N\.?B\.?:?\s+/i, "")
        };
      }
    }
  }
  return null;
}

export function replyCaveats(reply: ParsedReply, options: CaveatOptions = {}): ReplyCaveats {
  const counted = sumCounts(reply.records);
  const scope = scopeFact(reply);
  const period = periodFact(reply);
  const share = shareFact(reply, counted, scope);
  const bandsReason = bandsReasonFact(reply);
  const surveyYear = surveyYearFact(period, options.survey);
  const facts = [scope, period, share, bandsReason, surveyYear].filter((f): f is CaveatFact => f != null);
  return {authority: reply.authority, file: reply.file, counted, scope, period, share, bandsReason, surveyYear, facts};
}
