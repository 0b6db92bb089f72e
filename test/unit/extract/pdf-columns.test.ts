// PDF pages laid out in columns, read column by column; tables and single-column letters read as before.
// Every page here is MADE UP: text items placed by code (or a PDF drawn with pdf-lib), not a council's reply.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";
import {PDFDocument, StandardFonts} from "pdf-lib";
import {pdfItemsToText, type PdfTextItem} from "../../../src/lib/extract/formats/pdf-text.js";
import {brief, read} from "../read-fixture.js";

/** How a page is typeset: font size, line spacing (times the size), and whether each word is its own piece. */
interface Style {
  size: number;
  leading: number;
  perWord: boolean;
}

/** A character is about half an em wide (Helvetica's average), as the pieces' widths say. */
const charWidth = (st: Style) => st.size * 0.5;

/** The pieces of one line of text from (x, y): the whole line as one piece, or a piece per word. */
function lineItems(text: string, x: number, y: number, st: Style): PdfTextItem[] {
  const piece = (str: string, at: number): PdfTextItem => ({
    str,
    transform: [st.size, 0, 0, st.size, at, y],
    width: str.length * charWidth(st),
    height: st.size
  });
  if (!st.perWord) return [piece(text, x)];
  const items: PdfTextItem[] = [];
  let at = x;
  for (const word of text.split(" ")) {
    items.push(piece(word, at));
    at += (word.length + 1) * charWidth(st);
  }
  return items;
}

/** Words filled into lines of at most `width` points. */
function wrap(text: string, width: number, st: Style): string[] {
  const most = Math.floor(width / charWidth(st));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > most) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** A page being laid out from the top: its pieces, the text the kit should read from it, and where the next line goes. */
class Page {
  items: PdfTextItem[] = [];
  expected: string[] = [];
  constructor(
    public st: Style,
    public y = 800
  ) {}
  skip(lines: number) {
    this.y -= lines * this.st.size * this.st.leading;
  }
  /** Paragraphs across the page's width from x. */
  prose(paragraphs: string[], x: number, width: number) {
    for (const para of paragraphs) {
      for (const line of wrap(para, width, this.st)) {
        this.items.push(...lineItems(line, x, this.y, this.st));
        this.expected.push(line);
        this.skip(1);
      }
      this.skip(0.6);
    }
  }
  /** Columns of paragraphs side by side from x, each `width` wide, `gutter` apart; read column by column. */
  columns(columns: string[][], x: number, width: number, gutter: number) {
    const top = this.y;
    let bottom = top;
    columns.forEach((paragraphs, k) => {
      this.y = top;
      this.prose(paragraphs, x + k * (width + gutter), width);
      bottom = Math.min(bottom, this.y);
    });
    this.y = bottom;
  }
  /** A table's rows, each cell at its column's x; read as rows of tab-separated cells. */
  table(rows: string[][], xs: number[]) {
    for (const row of rows) {
      row.forEach((cell, k) => cell && this.items.push(...lineItems(cell, xs[k], this.y, this.st)));
      this.expected.push(row.join("\t").replace(/\t+$/, ""));
      this.skip(1.2);
    }
  }
  text() {
    return pdfItemsToText([this.items]);
  }
}

// MADE-UP answers, of different lengths so that the columns end at different heights.
const LEFT = [
  "1. Does the council have a social media policy for staff? Yes, the council has had a social media policy since March 2012 and it applies to all employees.",
  "2. Is it part of the code of conduct? No, it is a separate policy that sits alongside the code of conduct for employees.",
  "3. When was it introduced? The policy was introduced in March 2012 and reviewed in 2014 and again in 2015.",
  "4. Please provide a copy. A copy of the policy is attached to this letter for your information."
];
const RIGHT = [
  "5. How many employees have been investigated for breaching the policy up to 31 December 2015? Four employees were investigated in total.",
  "6. What was the outcome of each case? Please see the table at question 8 below for outcomes by age band.",
  "9. What percentage of all disciplinary cases does this represent? About 2 per cent."
];
const TITLE = "MADE-UP TEST FIXTURE: Freedom of Information request FOI-2016-0412, our reply to your questions";
const TABLE = [
  ["Age band", "Outcome", "Number"],
  ["25-34", "Final written warning", "1"],
  ["35-44", "Dismissal", "2"],
  ["45-54", "No further action", "1"],
  ["Total", "", "4"]
];

const NARROW_TABLE = [
  ["Age", "Outcome", "Number"],
  ["25-34", "Dismissal", "2"],
  ["35-44", "Verbal warning", "1"]
];

/** Layouts to vary: font sizes, line spacing, margins, gutters (in ems), pieces per word or per line. */
const STYLES: {st: Style; x: number; gutterEm: number}[] = [];
for (const size of [8, 9.5, 11, 12])
  for (const [x, gutterEm, leading] of [
    [36, 1.6, 1.15],
    [50, 3, 1.3],
    [72, 6, 1.5]
  ])
    STYLES.push({st: {size, leading, perWord: size !== 9.5}, x, gutterEm});

/** Two columns filling the width between margins x and 595 - x. */
const columnWidth = (x: number, gutter: number, count = 2) => (595 - 2 * x - (count - 1) * gutter) / count;

test("a two-column letter is read column by column, whichever column is longer, with a full-width table below", () => {
  for (const {st, x, gutterEm} of STYLES)
    for (const [left, right] of [
      [LEFT, RIGHT],
      [RIGHT, LEFT]
    ]) {
      const gutter = gutterEm * st.size;
      const page = new Page(st);
      page.prose([TITLE], x, 595 - 2 * x);
      page.columns([left, right], x, columnWidth(x, gutter), gutter);
      page.skip(2);
      page.prose(["8. Age band and outcome of each case"], x, 595 - 2 * x);
      page.table(TABLE, [x, x + 170, x + 340]);
      assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, gutter ${gutter}`);
    }
});

test("columns set in different sizes and spacing, their lines at different heights, are still read column by column", () => {
  for (const {st, x, gutterEm} of STYLES) {
    const gutter = gutterEm * st.size;
    const width = columnWidth(x, gutter);
    const page = new Page(st);
    page.prose([TITLE], x, 595 - 2 * x);
    const top = page.y;
    page.prose(LEFT, x, width);
    const bottom = page.y;
    // The right column a point smaller, more widely spaced, and starting a little lower.
    page.st = {...st, size: st.size - 1, leading: st.leading + 0.2};
    page.y = top - st.size * 0.6;
    page.prose(RIGHT, x + width + gutter, width);
    page.st = st;
    page.y = Math.min(bottom, page.y);
    page.skip(2);
    page.table(TABLE, [x, x + 170, x + 340]);
    assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, gutter ${gutter}`);
  }
});

test("a full-width table right below the columns stays one table, whether or not its cells cross the gutter", () => {
  for (const {st, x, gutterEm} of STYLES)
    for (const xs of [
      [x, x + 170, x + 340], // "Final written warning" crosses the gutter
      [x, x + 90, 595 - x - 30] // no cell crosses it
    ]) {
      const gutter = gutterEm * st.size;
      const page = new Page(st);
      page.columns([LEFT, RIGHT], x, columnWidth(x, gutter), gutter);
      page.table(TABLE, xs);
      assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, cells at ${xs}`);
    }
});

test("a table inside one column is read as a table there, and does not carry on into the next column", () => {
  for (const {st, x, gutterEm} of STYLES) {
    const gutter = gutterEm * st.size;
    const width = columnWidth(x, gutter);
    const page = new Page(st);
    const top = page.y;
    page.prose(LEFT.slice(0, 2), x, width);
    // A narrow table: its cells two characters apart at the least.
    page.table(NARROW_TABLE, [x, x + 7 * charWidth(st), x + 23 * charWidth(st)]);
    page.prose(LEFT.slice(2), x, width);
    const bottom = page.y;
    page.y = top;
    page.prose(RIGHT, x + width + gutter, width);
    page.y = Math.min(bottom, page.y);
    assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, gutter ${gutter}`);
  }
});

test("three columns are read left, middle, right", () => {
  for (const {st, x, gutterEm} of STYLES) {
    const gutter = gutterEm * st.size;
    // Columns of 25 characters or more, as a newsletter's are; narrower lines hold too few words to be told from cells.
    if (columnWidth(x, gutter, 3) < 25 * charWidth(st)) continue;
    const page = new Page(st);
    page.prose([TITLE], x, 595 - 2 * x);
    page.columns([LEFT.slice(0, 2), LEFT.slice(2), RIGHT], x, columnWidth(x, gutter, 3), gutter);
    assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, gutter ${gutter}`);
  }
});

test("a page whose top half is in columns and bottom half full width: columns first, then the full-width text", () => {
  for (const {st, x, gutterEm} of STYLES) {
    const gutter = gutterEm * st.size;
    const page = new Page(st);
    page.columns([LEFT.slice(0, 3), RIGHT.slice(0, 2)], x, columnWidth(x, gutter), gutter);
    page.skip(1);
    page.prose([RIGHT[2], LEFT[3]], x, 595 - 2 * x);
    assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, gutter ${gutter}`);
  }
});

test("two blocks of columns under each other, a short full-width heading between them: each block column by column", () => {
  for (const {st, x, gutterEm} of STYLES) {
    const gutter = gutterEm * st.size;
    const page = new Page(st);
    page.columns([LEFT.slice(0, 2), RIGHT.slice(0, 2)], x, columnWidth(x, gutter), gutter);
    page.skip(1);
    page.prose(["Part two"], x, 595 - 2 * x);
    page.skip(1);
    page.columns([LEFT.slice(2), RIGHT.slice(2)], x, columnWidth(x, gutter), gutter);
    assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, gutter ${gutter}`);
  }
});

test("tables are not taken for columns: two and three columns, a wide cross-tab, a case list with long cells", () => {
  const tables: {rows: string[][]; at: (x: number) => number[]}[] = [
    {
      rows: [
        ["Outcome", "Number of employees"],
        ["Final written warning", "1"],
        ["Dismissal following a disciplinary hearing", "2"],
        ["No further action taken after investigation", "1"],
        ["Total", "4"]
      ],
      at: (x) => [x, x + 300]
    },
    {rows: TABLE, at: (x) => [x, x + 120, x + 300]},
    {
      rows: [
        ["Outcome", "16-24", "25-34", "35-44", "45-54", "55+", "Total"],
        ["Verbal warning", "0", "1", "0", "0", "0", "1"],
        ["First written warning", "1", "0", "2", "0", "0", "3"],
        ["Final written warning", "0", "1", "0", "1", "0", "2"],
        ["Dismissal", "0", "0", "1", "0", "<5", "1"],
        ["Total", "1", "2", "3", "1", "0", "7"]
      ],
      at: (x) => [x, x + 150, x + 195, x + 240, x + 285, x + 330, x + 375]
    },
    {
      rows: [
        ["Case", "Allegation", "Outcome", "Age band"],
        ["1", "Posted offensive comments about a colleague on Facebook", "Final written warning", "25-34"],
        ["2", "Shared confidential information about service users online", "Dismissal", "35-44"],
        ["3", "Used a council account for personal posts during working hours", "No case to answer", "45-54"]
      ],
      at: (x) => [x, x + 30, x + 330, x + 440]
    }
  ];
  for (const {st, x} of STYLES)
    for (const {rows, at} of tables) {
      const page = new Page({...st, size: Math.min(st.size, 9)});
      page.prose(["8. Age band and outcome of each case, as held by the council on 31 December 2015."], x, 595 - 2 * x);
      page.table(rows, at(x));
      assert.equal(page.text(), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}, ${rows[0]}`);
    }
});

test("a single-column letter laid out as Leicester's reply is read line by line, its table as rows", () => {
  // Leicester City Council's reply (data/responses), set in a MADE-UP one-column PDF page: its prose wrapped at
  // the page's width, its table (one cell a line in the text, rows apart by blank lines) laid out in columns.
  const source = readFileSync("data/responses/leicester-city-council-2016.txt", "utf8").split(/\r?\n/);
  for (const {st, x} of STYLES) {
    const page = new Page({...st, size: Math.min(st.size, 10)}, 820);
    const pages: PdfTextItem[][] = [];
    let row: string[] = [];
    for (const line of source) {
      if (line.startsWith("\t")) row.push(line.trim());
      else if (row.length) {
        if (row.some((cell) => cell)) page.table([row], [x, x + 120, x + 300]);
        row = [];
      }
      // Typeset, a line's runs of spaces are one space (two spaces inside a piece would be a cell break).
      if (!line.startsWith("\t") && line.trim()) page.prose([line.trim().replace(/\s+/g, " ")], x, 595 - 2 * x);
      if (page.y < 40) {
        // A new page: pages follow each other with a blank line between.
        page.expected.push("");
        pages.push(page.items);
        page.items = [];
        page.y = 820;
      }
    }
    pages.push(page.items);
    assert.equal(pdfItemsToText(pages), page.expected.join("\n") + "\n", `size ${st.size}, margin ${x}`);
  }
});

/** A MADE-UP two-column reply drawn as a PDF: the answers down two columns, the table full width below. */
async function twoColumnPdf(questionsThenAnswers: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  const size = 9;
  const fill = (text: string, width: number) => {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    return [...lines, line];
  };
  page.drawText("MADE-UP TEST FIXTURE: not a council's reply. FOI request 2016/0412", {x: 40, y: 800, size: 12, font});
  const answer5 = questionsThenAnswers
    ? ["5. How many employees have been investigated for breaching the policy up to 31 December 2015?", "4"]
    : [
        "5. How many employees have been investigated for breaching the policy up to 31 December 2015? 4 employees were investigated in total."
      ];
  const columns = [
    [
      "1. Does the council have a social media policy for staff?",
      "Yes, the council has had a social media policy since March 2012 and it applies to all employees.",
      "2. Is it part of the code of conduct?",
      "No, it is a separate policy that sits alongside the code of conduct for employees.",
      "3. When was it introduced? In March 2012; it was reviewed in 2014 and again in 2015.",
      "4. Please provide a copy. A copy of the policy is attached to this letter."
    ],
    [
      ...answer5,
      "6. What was the outcome of each case? Please see the table at question 8 below.",
      "7. Which age band was each employee in? Please see the table at question 8 below.",
      "9. What percentage of all disciplinary cases does this represent? About 2 per cent of disciplinary cases."
    ]
  ];
  let bottom = 800;
  columns.forEach((paragraphs, k) => {
    let y = 770;
    for (const para of paragraphs) {
      for (const line of fill(para, 245)) {
        page.drawText(line, {x: 40 + k * 270, y, size, font});
        y -= 11;
      }
      y -= 6;
    }
    bottom = Math.min(bottom, y);
  });
  let y = bottom - 30;
  page.drawText("8. Age band and outcome of each case", {x: 40, y, size, font});
  y -= 16;
  for (const row of TABLE) {
    row.forEach((cell, k) => cell && page.drawText(cell, {x: 40 + k * 180, y, size, font}));
    y -= 13;
  }
  return pdf.save();
}

const RECORDS = (first: number) => [
  ["25-34", "final written warning", 1, false, first],
  ["35-44", "dismissal", 2, false, first + 1],
  ["45-54", "no case to answer", 1, false, first + 2]
];

test("a two-column PDF reply end to end: every record with its age band, and answer 5", async () => {
  const {reply, lines} = await read(await twoColumnPdf(true), "two-column.pdf");
  const first = lines.indexOf("25-34\tFinal written warning\t1") + 1;
  assert.ok(first > 0, "the table's rows keep their three cells");
  assert.deepEqual(reply.records.map(brief), RECORDS(first));
  assert.equal(reply.fields.investigated, 4);
  assert.equal(reply.verdict?.verdict, "verified");
  assert.match(reply.answers["2"]?.text ?? "", /^No, it is a separate policy/);
  assert.doesNotMatch(reply.answers["2"]?.text ?? "", /outcome/, "answer 2 does not swallow answer 6");
});

test("a two-column PDF whose answer 5 ends its question's wrapped line: the records are read", async () => {
  const {reply, lines} = await read(await twoColumnPdf(false), "two-column.pdf");
  assert.deepEqual(reply.records.map(brief), RECORDS(lines.indexOf("25-34\tFinal written warning\t1") + 1));
});

test("a two-column PDF whose answer 5 ends its question's wrapped line: answer 5 is read", async () => {
  const {reply} = await read(await twoColumnPdf(false), "two-column.pdf");
  assert.equal(reply.fields.investigated, 4);
  assert.equal(reply.verdict?.verdict, "verified", reply.verdict?.reason);
});
