// Every format and layout councils send, read from MADE-UP fixtures (test/fixtures/README.md).
import assert from "node:assert/strict";
import {join} from "node:path";
import {test} from "node:test";
import {extractText} from "../../../src/lib/extract/extract.js";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {splitLines} from "../../../src/lib/core/text.js";
import type {CaseRecord, ParsedReply} from "../../../src/lib/core/types.js";
import {makeDocx, makePdf} from "../../../tools/fixtures/make-binary.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/replies");
const mappings = loadMappings();
const read = (name: string) => readReply(join(FIXTURES, name), mappings, {shownAs: name});
const brief = (r: CaseRecord) => [r.ageBand, r.outcome, r.count, r.suppressed, r.line];
const statuses = (reply: ParsedReply) => Object.fromEntries(reply.checks.map((c) => [c.name, c.status]));

/** The line a record points at, in the text the kit read (decoded or extracted). */
async function lineOf(bytes: Uint8Array, name: string, line: number): Promise<string> {
  return splitLines((await extractText(bytes, name)).text)[line - 1];
}

test("a Markdown pipe table with councils' age labels and withheld counts", async () => {
  const reply = await read("pipe-table.md");
  assert.equal(reply.status, "ok");
  assert.equal(reply.table?.layout, "pipe table");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "verbal warning", 2, false, 16],
    ["25-34", "no case to answer", 3, false, 17],
    ["35-44", "final written warning", null, true, 18],
    ["45-54", "dismissal", 1, false, 19],
    ["55+", "resigned during process", null, true, 20],
    ["55+", "first written warning", 2, false, 21]
  ]);
  assert.deepEqual(
    reply.records.map((r) => r.ageRaw),
    ["16 to 24", "25 - 34", "35 – 44", "45-54", "55 +", "Over 55"]
  );
  assert.deepEqual(reply.records[2].countBounds, [1, 4]);
  assert.equal(reply.records[4].countBounds, null);
  assert.equal(reply.fields.tableTotal, 14);
  assert.equal(reply.fields.tableTotalLine, 22);
  assert.equal(reply.fields.investigated, 14);
  assert.equal(reply.fields.policyInCodeOfConduct, true);
  assert.equal(reply.fields.hasPolicy, true);
  assert.equal(reply.fields.policyIntroduced, "2014-04-01");
  assert.equal(reply.fields.pctOfDisciplinary, 12.5);
  assert.deepEqual(Object.keys(reply.answers), ["1", "4", "5", "8", "9"]);
  // "<5" is 1 to 4 and "*" at least 1 (the one withheld rule, src/lib/core/withheld.ts): 8 + 1 + 1.
  assert.match(reply.checks[0].detail, /8 known \+ 2 withheld \(at least 10\); the totals row = 14/);
  assert.deepEqual(reply.warnings, []);
});

test("CSV with CRLF, a quoted comma, 'fewer than 5' and an unmapped outcome kept and reported", async () => {
  const reply = await read("delimited.csv");
  assert.equal(reply.source?.format, "csv");
  assert.equal(reply.table?.layout, "comma-separated rows");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "verbal warning", 1, false, 3],
    ["25-34", "management action", 2, false, 4],
    ["55+", "dismissal", null, true, 5],
    ["45-54", "sent on a course", 1, false, 6]
  ]);
  // No line of outcomes.csv has "Management action, with training": the rules over its words read it, and say so.
  assert.equal(reply.records[1].outcomeRaw, "Management action, with training");
  assert.equal(reply.records[1].tier, "informal");
  assert.match(reply.records[1].outcomeRule ?? "", /^rule: management/);
  assert.deepEqual(
    reply.warnings.map((w) => w.line),
    [6]
  );
  assert.match(reply.warnings[0].message, /"Sent on a course" maps to no known outcome/);
  assert.equal(statuses(reply)["rows = totals row"], "pass");
});

test("TSV rows, as a spreadsheet saves them", async () => {
  const reply = await read("tabbed-rows.tsv");
  assert.equal(reply.source?.format, "tsv");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "no case to answer", 3, false, 2],
    ["35-44", "final written warning", 2, false, 3],
    ["55+", "dismissal", null, true, 4]
  ]);
});

test("a cross-tab aligned with spaces: one record per cell, '-' is no record, 0 is kept, a withheld total is no total", async () => {
  const reply = await read("cross-tab.txt");
  assert.equal(reply.table?.layout, "cross-tab");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "no case to answer", 1, false, 9],
    ["16-24", "dismissal", 0, false, 9],
    ["25-34", "no case to answer", 2, false, 10],
    ["25-34", "verbal warning", 1, false, 10],
    ["25-34", "dismissal", null, true, 10],
    ["55+", "no case to answer", 1, false, 11],
    ["55+", "verbal warning", 2, false, 11]
  ]);
  assert.equal(reply.fields.tableTotal, null);
  assert.deepEqual(statuses(reply), {
    "rows = totals row": "not available",
    "rows = answer 5": "pass",
    "totals row = answer 5": "not available"
  });
});

test("a cross-tab with outcomes down the side and ages across, in a pipe table", () => {
  const text =
    "MADE UP\n| Outcome | 16-24 | 25 to 34 | Over 55 | Total |\n|---|---|---|---|---|\n| Dismissal | 1 | 2 | 0 | 3 |\n| Verbal warning | <5 | 1 | 1 | 4 |\n| Total | 3 | 3 | 1 | 7 |\n";
  const reply = parseReplyText({file: "x.md", text, meta: null, mappings});
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "dismissal", 1, false, 4],
    ["25-34", "dismissal", 2, false, 4],
    ["55+", "dismissal", 0, false, 4],
    ["16-24", "verbal warning", null, true, 5],
    ["25-34", "verbal warning", 1, false, 5],
    ["55+", "verbal warning", 1, false, 5]
  ]);
  assert.equal(reply.fields.tableTotal, 7);
  assert.deepEqual(reply.warnings, []);
});

test("a row whose own total disagrees with its cells is reported", () => {
  const text = "Age group,Dismissal,Verbal warning,Total\n16-24,1,2,4\n";
  const reply = parseReplyText({file: "x.csv", text, meta: null, mappings});
  assert.equal(reply.records.length, 2);
  assert.match(reply.warnings[0].message, /says 4 but its cells add up to 3/);
  assert.equal(reply.warnings[0].line, 2);
});

test("semicolon-separated rows and a row of the wrong width, reported with its line", () => {
  const text = "Age;Outcome;Number\n16-24;dismissal;1\n25-34;verbal warning\n35-44;nfa;2;extra\n";
  const reply = parseReplyText({file: "x.txt", text, meta: null, mappings});
  assert.equal(reply.table?.layout, "semicolon-separated rows");
  assert.deepEqual(reply.records.map(brief), [["16-24", "dismissal", 1, false, 2]]);
  assert.deepEqual(
    reply.warnings.map((w) => [w.line, w.message]),
    [
      [3, "row of 2 cells where the header has 3; not read"],
      [4, "row of 4 cells where the header has 3; not read"]
    ]
  );
});

test("a Word .docx reply: records point at lines of the extracted text, and say so", async () => {
  const bytes = await makeDocx();
  const {text, format, textSource} = await extractText(bytes, "made-up.docx");
  assert.equal(format, "docx");
  assert.equal(textSource, "extracted from docx");
  assert.ok(text.includes("16 to 24\tVerbal warning\t2"), "a table row is one line, cells separated by tabs");
  const reply = parseReplyText({
    file: "made-up.docx",
    text,
    meta: null,
    mappings,
    source: {format, encoding: null, textSource}
  });
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "verbal warning", 2, false, 8],
    ["25-34", "no case to answer", 3, false, 9],
    ["35-44", "final written warning", null, true, 10],
    ["55+", "dismissal", 1, false, 11]
  ]);
  assert.ok(reply.records.every((r) => r.textSource === "extracted from docx"));
  for (const r of reply.records) assert.ok((await lineOf(bytes, "made-up.docx", r.line)).endsWith(r.countRaw));
  assert.deepEqual(
    reply.checks.map((c) => c.status),
    ["pass", "pass", "pass"]
  );
  assert.equal(reply.fields.pctOfDisciplinary, 4);
  assert.equal(reply.fields.policyInCodeOfConduct, true);
});

test("a PDF reply over two pages: columns become cells, lines count in the extracted text", async () => {
  const bytes = await makePdf();
  const {text, textSource} = await extractText(bytes, "made-up.pdf");
  assert.equal(textSource, "extracted from pdf");
  const reply = parseReplyText({
    file: "made-up.pdf",
    text,
    meta: null,
    mappings,
    source: {format: "pdf", encoding: null, textSource}
  });
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "verbal warning", 2, false, 8],
    ["25-34", "no case to answer", 3, false, 9],
    ["35-44", "final written warning", null, true, 10],
    ["55+", "dismissal", 1, false, 11]
  ]);
  for (const r of reply.records) assert.ok((await lineOf(bytes, "made-up.pdf", r.line)).endsWith(r.countRaw));
  assert.equal(reply.fields.tableTotal, 8, "the totals row's dropped empty cell does not lose the total");
  assert.equal(reply.fields.pctOfDisciplinary, 4, "answer 9 on page 2 is found");
  assert.deepEqual(reply.warnings, []);
});

test("Windows-1252 and UTF-16 text, LF or CRLF, give the same records", async () => {
  const text =
    "Age group\tOutcome\tNo. of employees\r\n16 \u2013 24\tNo case to answer\t3\r\n55+\tDismissal\t\u2264 4\r\n";
  const base = parseReplyText({file: "x.tsv", text, meta: null, mappings}).records.map(brief);
  assert.deepEqual(
    base.map((r) => r.slice(0, 4)),
    [
      ["16-24", "no case to answer", 3, false],
      ["55+", "dismissal", null, true]
    ]
  );
  const cp1252 = Buffer.from(text.replace("\u2013", "-").replace("\u2264 4", "<5"), "latin1");
  cp1252[cp1252.indexOf(0x2d)] = 0x96; // en dash in Windows-1252
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r\n/g, "\n"), "utf16le")]);
  for (const [bytes, encoding] of [
    [cp1252, "windows-1252"],
    [utf16, "utf-16le"]
  ] as const) {
    const got = await extractText(new Uint8Array(bytes), "x.tsv");
    assert.equal(got.encoding, encoding);
    assert.deepEqual(parseReplyText({file: "x.tsv", text: got.text, meta: null, mappings}).records.map(brief), base);
  }
});
