/**
 * Writes a meaning (./meaning.ts) as a reply, the way the rendering options
 * say: numbering of the answers, dash and quote characters, the table's
 * headers, column and row order, its shape (a long table, a cross-tab either
 * way round, a case list), totals, numbers in words, zeros, and its layout in
 * text. The result is a document of paragraphs and tables; ./formats.ts wraps
 * it in a file format. Pure and seeded: the same meaning and options always
 * give the same document.
 */
import {csvFormatRow} from "d3-dsv";
import {mulberry32} from "../synthetic.js";
import type {Meaning, MeaningRow} from "./meaning.js";

export const NUMBERINGS = ["dot-line", "dot", "paren", "q", "question", "roman"] as const;
export type Numbering = (typeof NUMBERINGS)[number];
export const SHAPES = ["long", "crosstab-ages-down", "crosstab-outcomes-down", "caselist", "caselist-exact"] as const;
export type Shape = (typeof SHAPES)[number];
export const LAYOUTS = [
  "table",
  "tabbed-cells",
  "tsv",
  "spaces",
  "single-spaces",
  "pipe",
  "markdown",
  "csv",
  "bullets"
] as const;
export type Layout = (typeof LAYOUTS)[number];
export const FORMATS = ["text", "docx", "odt", "rtf", "xlsx", "ods", "html", "pdf", "eml"] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  numbering: Numbering;
  /** The character written between the numbers of an age range ("25-34", "25–34"). */
  dash: string;
  quotes: "as written" | "straight" | "curly";
  /** Headers of the age, outcome and count columns. */
  headers: [string, string, string];
  /** Order of the age (0), outcome (1) and count (2) columns. */
  columns: [number, number, number];
  rowOrder: "as written" | "reverse" | "shuffled";
  shape: Shape;
  totalsRow: "last" | "first" | "none";
  /** The label of the totals row ("" for blank labels, as Leicester's). */
  totalsLabel: string;
  /** A cross-tab's totals column. */
  totalsColumn: boolean;
  numbers: "digits" | "words" | "words and digits";
  answer5Words: boolean;
  /** How a cross-tab writes a zero. */
  zero: string;
  /** How the table is written: a real table in formats that have one (in text, the base's own layout), or lines. */
  layout: Layout;
  /** The sentence of a nil return, refusal or "not held" written as answer 5 instead of before the answers. */
  statusUnder5: boolean;
  /** The status said in the base's other words (statusShort), under answer 5. */
  statusShort: boolean;
  /** The request's questions written above the answers (false: the number, then the answer). */
  echoQuestions: boolean;
  format: Format;
  seed: number;
  /** A long table's first label column written once per run of the same label, blank below it (merged cells). */
  merged: boolean;
  /** The table's rows split in two, with a page break and "Table 1 (continued)" between and the header not repeated. */
  continued: boolean;
}

export function defaultOptions(meaning: Meaning): RenderOptions {
  return {
    numbering: "dot-line",
    dash: "-",
    quotes: "as written",
    headers: meaning.style.headers,
    columns: [0, 1, 2],
    rowOrder: "as written",
    shape: "long",
    totalsRow: "last",
    totalsLabel: meaning.style.totalsLabel,
    totalsColumn: false,
    numbers: "digits",
    answer5Words: false,
    zero: "0",
    layout: "table",
    statusUnder5: false,
    statusShort: false,
    echoQuestions: true,
    format: "text",
    seed: 1,
    merged: false,
    continued: false
  };
}

/** A paragraph, or a table whose first row is its header. */
export type Block =
  | {kind: "p"; text: string}
  /** `continues`: the rest of the table above, after a page break: no header, the same columns. */
  | {kind: "table"; rows: string[][]; continues?: boolean};

export interface RenderedDocument {
  blocks: Block[];
  /** Line ends of the text formats (Leicester's are CRLF). */
  eol: "\n" | "\r\n";
}

const UNITS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(
    " "
  );
const TENS = "  twenty thirty forty fifty sixty seventy eighty ninety".split(" ");

/** A whole number in words, as letters write them ("thirty-one"). */
export function numberWords(n: number): string {
  if (n < 20) return UNITS[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${UNITS[n % 10]}` : "");
  if (n < 1000) return `${UNITS[Math.floor(n / 100)]} hundred${n % 100 ? ` and ${numberWords(n % 100)}` : ""}`;
  return String(n);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ROMAN = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];

function numberText(n: number, style: RenderOptions["numbers"]): string {
  if (style === "digits") return String(n);
  return style === "words" ? numberWords(n) : `${capital(numberWords(n))} (${n})`;
}

/** Dashes between numbers and quote characters, as the options say. */
function characters(text: string, o: RenderOptions): string {
  let out = o.dash === "-" ? text : text.replace(/(\d)-(\d)/g, `$1${o.dash}$2`);
  if (o.quotes === "straight") out = out.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  if (o.quotes === "curly")
    out = out
      .replace(/(^|[\s(])"/g, "$1\u201c")
      .replace(/"/g, "\u201d")
      .replace(/'/g, "\u2019");
  return out;
}

function ordered<T>(list: readonly T[], o: RenderOptions): T[] {
  if (o.rowOrder === "reverse") return [...list].reverse();
  if (o.rowOrder === "shuffled") {
    const rand = mulberry32(o.seed * 7919 + list.length);
    const out = [...list];
    for (let k = out.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [out[k], out[j]] = [out[j], out[k]];
    }
    return out;
  }
  return [...list];
}

const distinct = (values: string[]) => [...new Set(values)];

/** An exact age inside a band, seeded (55+ is 55 to 63). */
function exactAge(row: MeaningRow, rand: () => number): number {
  const [lo, hi] = row.age === "55+" ? [55, 63] : row.age.split("-").map(Number);
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** The table's rows (header first), in the shape the options say. */
export function tableRows(meaning: Meaning, o: RenderOptions): string[][] {
  const rows = ordered(meaning.rows, o);
  const num = (n: number) => numberText(n, o.numbers);
  const total = meaning.rows.reduce((s, r) => s + r.actual, 0);
  const countCell = (r: MeaningRow) => (r.count === null ? r.countRaw : num(r.count));
  const withTotals = (header: string[], body: string[][], totals: string[] | null) =>
    o.totalsRow === "none" || !totals
      ? [header, ...body]
      : o.totalsRow === "first"
        ? [header, totals, ...body]
        : [header, ...body, totals];
  const [ageHeader, outcomeHeader, countHeader] = o.headers;
  if (o.shape === "long") {
    const pick = (cells: string[]) => o.columns.map((c) => cells[c]);
    const labelColumn = o.columns.findIndex((c) => c !== 2); // the first label column holds "Total"
    const totals = ["", "", num(total)];
    const totalsRow = pick(totals);
    totalsRow[labelColumn] = o.totalsLabel;
    let body = rows.map((r) => pick([r.ageLabel, r.outcomeLabel, countCell(r)]));
    if (o.merged) {
      // Rows with the same first label side by side, the label written once: a merged cell as text gives it.
      const first = (r: string[]) => r[labelColumn];
      const order = distinct(body.map(first));
      body = order
        .flatMap((label) => body.filter((r) => first(r) === label))
        .map((r, k, all) => (k && first(all[k - 1]) === first(r) ? r.map((c, j) => (j === labelColumn ? "" : c)) : r));
    }
    return withTotals(pick([ageHeader, outcomeHeader, countHeader]), body, totalsRow);
  }
  if (o.shape === "caselist" || o.shape === "caselist-exact") {
    const rand = mulberry32(o.seed * 104729 + 3);
    const cases = rows.flatMap((r) => Array.from({length: r.count ?? 0}, () => r));
    const labels = o.columns.filter((c) => c !== 2);
    if (o.shape === "caselist")
      return [
        labels.map((c) => [ageHeader, outcomeHeader][c]),
        ...cases.map((r) => labels.map((c) => [r.ageLabel, r.outcomeLabel][c]))
      ];
    return [
      ["Case", ...labels.map((c) => ["Age", outcomeHeader][c])],
      ...cases.map((r, k) => [
        `C${String(k + 1).padStart(3, "0")}`,
        ...labels.map((c) => [String(exactAge(r, rand)), r.outcomeLabel][c])
      ])
    ];
  }
  // Cross-tabs: one cell per (age, outcome), summed; an absent pair is a zero written as the options say.
  const agesDown = o.shape === "crosstab-ages-down";
  const down = distinct(rows.map((r) => (agesDown ? r.ageLabel : r.outcomeLabel)));
  const across = distinct(rows.map((r) => (agesDown ? r.outcomeLabel : r.ageLabel)));
  const cell = (d: string, a: string) => {
    const hits = meaning.rows.filter(
      (r) =>
        (agesDown ? [r.ageLabel, r.outcomeLabel] : [r.outcomeLabel, r.ageLabel]).join("\u0000") === `${d}\u0000${a}`
    );
    if (!hits.length) return {text: o.zero, actual: 0};
    if (hits.some((r) => r.count === null))
      return {text: hits[0].countRaw, actual: hits.reduce((s, r) => s + r.actual, 0)};
    return {text: num(hits.reduce((s, r) => s + (r.count ?? 0), 0)), actual: hits.reduce((s, r) => s + r.actual, 0)};
  };
  const totalLabel = o.totalsLabel || "Total";
  const header = [agesDown ? ageHeader : outcomeHeader, ...across, ...(o.totalsColumn ? [totalLabel] : [])];
  const body = down.map((d) => {
    const cells = across.map((a) => cell(d, a));
    return [d, ...cells.map((c) => c.text), ...(o.totalsColumn ? [num(cells.reduce((s, c) => s + c.actual, 0))] : [])];
  });
  const totals = [
    totalLabel,
    ...across.map((a) => num(down.reduce((s, d) => s + cell(d, a).actual, 0))),
    ...(o.totalsColumn ? [num(total)] : [])
  ];
  return withTotals(header, body, totals);
}

/** A table written as lines of text, in one of the layouts councils use. */
export function tableLines(rows: string[][], layout: Exclude<Layout, "table">): string[] {
  switch (layout) {
    case "tabbed-cells":
      // Leicester's layout: a Word table pasted as text, one cell per line, rows between blank lines.
      return rows.flatMap((r, k) => [...(k ? [""] : []), ...r.map((c) => `\t${c}`)]);
    case "tsv":
      return rows.map((r) => r.join("\t"));
    case "single-spaces":
      // "25-34 Final written warning 1": a letter typed with one space between its columns.
      return rows.map((r) => r.filter((c) => c !== "").join(" "));
    case "spaces": {
      const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
      return rows.map((r) =>
        r
          .map((c, k) => c.padEnd(widths[k]))
          .join("   ")
          .trimEnd()
      );
    }
    case "pipe":
    case "markdown": {
      const lines = rows.map((r) => `| ${r.join(" | ")} |`);
      if (layout === "markdown") lines.splice(1, 0, `|${rows[0].map(() => "---").join("|")}|`);
      return lines;
    }
    case "csv":
      return rows.map((r) => csvFormatRow(r));
    case "bullets":
      // `• 25-34 – Final written warning – 2`: no header; a totals row is a bullet of its own.
      return rows.slice(1).map((r) => `\u2022 ${r.filter((c) => c !== "").join(" \u2013 ")}`);
  }
}

function heading(number: number, question: string, numbering: Numbering): string[] {
  const label = {
    "dot-line": `${number}.`,
    dot: `${number}.`,
    paren: `${number})`,
    q: `Q${number}`,
    question: `Question ${number}:`,
    roman: `(${ROMAN[number]})`
  }[numbering];
  if (numbering === "dot-line" || !question) return question ? [label, question] : [label];
  return [`${label} ${question}`];
}

/** The meaning written as a document of paragraphs and tables. */
export function renderDocument(meaning: Meaning, o: RenderOptions): RenderedDocument {
  const blocks: Block[] = [];
  const p = (text: string) => blocks.push({kind: "p", text: characters(text, o)});
  const moved = o.statusUnder5 && meaning.statusSentence != null;
  p(MADE_UP_LINE);
  for (const line of meaning.preamble) if (line && !(moved && line === meaning.statusSentence)) p(line);
  const answers = [...meaning.answers];
  if (moved && !answers.some((a) => a.number === 5)) {
    const q5 = meaning.answers.find((a) => a.number === 4);
    answers.splice(answers.indexOf(q5!) + 1, 0, {
      number: 5,
      question: QUESTION_5,
      lines: [(o.statusShort ? meaning.statusShort : null) ?? meaning.statusSentence!]
    });
  }
  for (const answer of answers) {
    if (blocks.length) blocks.push({kind: "p", text: ""});
    for (const line of heading(answer.number, o.echoQuestions ? answer.question : "", o.numbering)) p(line);
    const lines =
      answer.number === 5 && o.answer5Words && meaning.answer5 != null
        ? [capital(numberWords(meaning.answer5))]
        : answer.lines;
    for (const line of lines) p(line);
    if (answer.number === meaning.tableUnder) {
      const rows = tableRows(meaning, o).map((r) => r.map((c) => characters(c, o)));
      const layout = o.layout === "table" && o.format === "text" ? meaning.style.layout : o.layout;
      // A page break inside the table: the rows after it have no header above them.
      const half = o.continued ? Math.ceil(rows.length / 2) : rows.length;
      const parts = o.continued ? [rows.slice(0, half), rows.slice(half)] : [rows];
      parts.forEach((part, k) => {
        if (k) for (const text of ["Page 1 of 2", "", "Table 1 (continued)"]) blocks.push({kind: "p", text});
        if (layout === "table") blocks.push({kind: "table", rows: part, ...(k ? {continues: true} : {})});
        else {
          // The part after the break is written as the table would be, less the lines of its header.
          const skip = k ? tableLines([rows[0]], layout).length : 0;
          for (const text of tableLines(k ? [rows[0], ...part] : part, layout).slice(skip))
            blocks.push({kind: "p", text});
        }
      });
      for (const line of meaning.afterTable) p(line);
    }
  }
  return {blocks, eol: meaning.style.eol};
}

/** The first line of every document the suite writes, the real base's included: what it writes is not a reply as sent. */
export const MADE_UP_LINE = "MADE UP: written by tools/metamorphic for tests from a base reply; not a reply as sent.";

/** Question 5 as the request put it, for a status sentence written as its answer. */
const QUESTION_5 = "How many employees have been investigated for breaching the policy on social media use?";

/** A document as plain text: a paragraph per line, a table's cells separated by tabs. */
export function documentText(doc: RenderedDocument): string {
  return (
    doc.blocks.flatMap((b) => (b.kind === "p" ? [b.text] : b.rows.map((r) => r.join("\t")))).join(doc.eol) + doc.eol
  );
}
