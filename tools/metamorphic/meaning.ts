/**
 * The metamorphic suite's base replies, each kept as its MEANING rather than as
 * text: the answers, what answer 5 states, the table as rows {age, outcome,
 * count} and the status. A renderer (./render.ts) writes a meaning as a reply;
 * transformations (./transforms.ts) change only how it is written, so what the
 * kit must read back is fixed by the meaning alone.
 *
 * One base is real: Leicester City Council's reply (data/responses/), taken
 * apart here into its meaning. Every other base is MADE UP by code (seeded),
 * says so in its text, and is never written to data/.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {mapAgeBand, mapOutcome, type Mappings} from "../../src/lib/parse/mappings.js";
import {PROJECT_DATA_DIR} from "../../src/lib/read/replies.js";
import type {KnownAgeBand, ReplyStatus} from "../../src/lib/core/types.js";
import {MADE_UP_REFUSALS, madeUpBanner} from "../synthetic-replies.js";
import {mulberry32} from "../synthetic.js";

export interface MeaningRow {
  /** The request's band the label means. */
  age: KnownAgeBand;
  /** The label as the base writes it ("25-34", "over 55"). */
  ageLabel: string;
  /** The canonical outcome (data/mappings/outcomes.csv). */
  outcome: string;
  outcomeLabel: string;
  /** The count as the base writes it ("3", "<5"). */
  countRaw: string;
  /** The count; null when withheld. */
  count: number | null;
  /** A withheld count's stated bounds. */
  bounds: [number, number] | null;
  /** The generator's truth behind a withheld count, for totals (a council knows its totals). */
  actual: number;
}

export interface MeaningAnswer {
  number: number;
  question: string;
  /** The answer's lines (for the answer the table stands under: the lines before the table). */
  lines: string[];
}

export interface Meaning {
  id: string;
  authority: string;
  /** True for the real reply (Leicester); false for made-up ones. */
  real: boolean;
  /** Lines before the first answer (a title, the MADE UP banner, a refusal letter's sentence). */
  preamble: string[];
  answers: MeaningAnswer[];
  /** The answer the table stands under (8 in the request), or null when there is no table. */
  tableUnder: number | null;
  /** Lines right after the table (a note on withheld counts). */
  afterTable: string[];
  rows: MeaningRow[];
  status: ReplyStatus;
  /** The figure answer 5 states (0 for a nil return), or null when it states none. */
  answer5: number | null;
  /** The sentence that gives a no-records status (nil, refused, not held), placed in the preamble by default. */
  statusSentence: string | null;
  /** The same status in other words, as councils also write it under answer 5 ("None. No employees..."). */
  statusShort: string | null;
  /** How the base writes its table by default. */
  style: {headers: [string, string, string]; totalsLabel: string; layout: "tabbed-cells" | "tsv"; eol: "\n" | "\r\n"};
}

/** The request's questions, as sent (data/campaign/request.json). */
export function requestQuestions(): Map<number, string> {
  const request = JSON.parse(readFileSync(join(PROJECT_DATA_DIR, "campaign/request.json"), "utf8")) as {
    questions: {number: number; text: string}[];
  };
  return new Map(request.questions.map((q) => [q.number, q.text]));
}

function row(
  mappings: Mappings,
  ageLabel: string,
  outcomeLabel: string,
  countRaw: string,
  actual?: number
): MeaningRow {
  const age = mapAgeBand(mappings, ageLabel);
  const outcome = mapOutcome(mappings, outcomeLabel)?.outcome;
  if (age === "unknown" || !outcome) throw new Error(`base row ${ageLabel} / ${outcomeLabel} is not in the mappings`);
  const withheld = /^<\s*(\d+)$/.exec(countRaw);
  const count = withheld ? null : Number(countRaw);
  return {
    age,
    ageLabel,
    outcome,
    outcomeLabel,
    countRaw,
    count,
    bounds: withheld ? [1, Number(withheld[1]) - 1] : null,
    actual: actual ?? count ?? 0
  };
}

/**
 * Leicester's reply taken apart: "N." lines start answers (the question on the
 * next line, the answer after it); its table is the tab-indented cells under
 * answer 8, three to a row, rows between blank lines, the last row (blank
 * labels) its total.
 */
export function leicesterMeaning(mappings: Mappings): Meaning {
  const text = readFileSync(join(PROJECT_DATA_DIR, "responses/leicester-city-council-2016.txt"), "utf8");
  const lines = text.split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => /^\d+\.\s*$/.test(l));
  const preamble = lines.slice(0, first).map((l) => l.trim());
  const answers: MeaningAnswer[] = [];
  const cells: string[][] = [];
  let group: string[] = [];
  let tableUnder: number | null = null;
  const afterTable: string[] = [];
  for (const line of lines.slice(first)) {
    const number = /^(\d+)\.\s*$/.exec(line);
    if (number) {
      answers.push({number: Number(number[1]), question: "", lines: []});
      continue;
    }
    const answer = answers.at(-1)!;
    if (line.startsWith("\t")) {
      tableUnder = answer.number;
      group.push(line.trim());
      continue;
    }
    if (group.length) {
      cells.push(group);
      group = [];
    }
    if (!answer.question) answer.question = line.trim();
    else if (cells.length && answer.number === tableUnder) afterTable.push(line.trim());
    else answer.lines.push(line.trim());
  }
  if (group.length) cells.push(group);
  const [header, ...body] = cells;
  const totalRow = body.pop()!;
  const rows = body.filter((c) => c[0]).map((c) => row(mappings, c[0], c[1], c[2]));
  const answer5 = Number(
    answers
      .find((a) => a.number === 5)!
      .lines.join(" ")
      .trim()
  );
  if (Number(totalRow[2]) !== answer5) throw new Error("Leicester's total is not its answer 5");
  // Blank lines only separate; the renderer puts its own between answers.
  for (const a of answers) a.lines = a.lines.filter(Boolean);
  return {
    id: "leicester",
    authority: "Leicester City Council",
    real: true,
    preamble: preamble.filter(Boolean),
    answers,
    tableUnder,
    afterTable: afterTable.filter(Boolean),
    rows,
    status: "ok",
    answer5,
    statusSentence: null,
    statusShort: null,
    style: {headers: header as [string, string, string], totalsLabel: "", layout: "tabbed-cells", eol: "\r\n"}
  };
}

/** Outcome labels the made-up bases draw on; every one is a line of data/mappings/outcomes.csv. */
const OUTCOMES = [
  "No case to answer",
  "Management advice",
  "Verbal warning",
  "First written warning",
  "Final written warning",
  "Resigned",
  "Dismissal"
];
const AGES = ["16-24", "25-34", "35-44", "45-54", "55+"];

/** Answers 1 and 4 as a made-up council writes them, and answer 5; the table goes under answer 8. */
function madeUpAnswers(questions: Map<number, string>, answer5: string): MeaningAnswer[] {
  return [
    {number: 1, question: questions.get(1)!, lines: ["Yes, it is part of our Code of Conduct."]},
    {number: 4, question: questions.get(4)!, lines: ["1 April 2014"]},
    {number: 5, question: questions.get(5)!, lines: [answer5]},
    {number: 8, question: questions.get(8)!, lines: ["Please see the table below."]},
    {number: 9, question: questions.get(9)!, lines: ["2.5%"]}
  ];
}

function madeUpTable(
  id: string,
  mappings: Mappings,
  questions: Map<number, string>,
  rows: MeaningRow[],
  afterTable: string[] = []
): Meaning {
  const authority = `Made-up Council ${id}`;
  const total = rows.reduce((s, r) => s + r.actual, 0);
  return {
    id,
    authority,
    real: false,
    preamble: ["Freedom of Information Act 2000", madeUpBanner(authority)],
    answers: madeUpAnswers(questions, String(total)),
    tableUnder: 8,
    afterTable,
    rows,
    status: "ok",
    answer5: total,
    statusSentence: null,
    statusShort: null,
    style: {headers: ["Age group", "Outcome", "Number of employees"], totalsLabel: "Total", layout: "tsv", eol: "\n"}
  };
}

function madeUpStatus(
  id: string,
  questions: Map<number, string>,
  status: ReplyStatus,
  sentence: string,
  short: string,
  answer5: number | null
): Meaning {
  const authority = `Made-up Council ${id}`;
  return {
    id,
    authority,
    real: false,
    preamble: ["Freedom of Information Act 2000", madeUpBanner(authority), "", sentence],
    answers: [
      {number: 1, question: questions.get(1)!, lines: ["Yes, it is part of our Code of Conduct."]},
      {number: 4, question: questions.get(4)!, lines: ["1 April 2014"]}
    ],
    tableUnder: null,
    afterTable: [],
    rows: [],
    status,
    answer5,
    statusSentence: sentence,
    statusShort: short,
    style: {headers: ["Age group", "Outcome", "Number of employees"], totalsLabel: "Total", layout: "tsv", eol: "\n"}
  };
}

/** Every base reply: Leicester, then made-up ones (seeded). */
export function baseMeanings(mappings: Mappings, seed = 16): Meaning[] {
  const questions = requestQuestions();
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  // Many rows: every (age, outcome) pair at most once, so a cross-tab has one cell per row.
  const pairs = AGES.flatMap((a) => OUTCOMES.map((o) => [a, o] as const)).sort(() => rand() - 0.5);
  const many = pairs.slice(0, 12).map(([a, o]) => row(mappings, a, o, String(1 + Math.floor(rand() * 6))));
  const withheld = pairs
    .slice(12, 18)
    .map(([a, o], k) =>
      k % 3 === 1 ? row(mappings, a, o, "<5", 1 + Math.floor(rand() * 4)) : row(mappings, a, o, String(5 + k))
    );
  return [
    leicesterMeaning(mappings),
    madeUpTable("one-row", mappings, questions, [row(mappings, pick(AGES), "Dismissal", "2")]),
    madeUpTable("many-rows", mappings, questions, many),
    madeUpTable("withheld", mappings, questions, withheld, [
      "Numbers fewer than 5 are withheld under section 40(2), as the employees could be identified."
    ]),
    madeUpStatus(
      "nil",
      questions,
      "nil",
      "No employees have been investigated for breaching the policy.",
      "None. No employees have been investigated.",
      null
    ),
    madeUpStatus(
      "refused-s40",
      questions,
      "refused",
      MADE_UP_REFUSALS[2].text,
      "We are refusing questions 5 to 9 under section 40(2): the figures are personal data.",
      null
    ),
    madeUpStatus(
      "refused-s12",
      questions,
      "refused",
      MADE_UP_REFUSALS[0].text,
      "We are refusing questions 5 to 9 under section 12: finding the information would exceed the appropriate limit.",
      null
    ),
    madeUpStatus(
      "not-held",
      questions,
      "not held",
      "The council does not hold central records of disciplinary cases by cause, so this information is not held.",
      "Not held: the council keeps no central record of disciplinary cases by cause.",
      null
    )
  ];
}
