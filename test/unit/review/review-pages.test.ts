// The review desk's reply as received (src/review/server.ts, desk.ts, sheets.ts) against real files in a
// temporary data folder of MADE-UP replies (written by code: pdf-lib and SheetJS): the original bytes of a
// listed reply with their content type, every other path refused, and a workbook's sheets as grids tied
// to the lines of the kit's text.
import assert from "node:assert/strict";
import {cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import * as XLSX from "@e965/xlsx";
import {startReviewServer, type DeskServer} from "../../../src/review/server.js";
import type {ReplyView} from "../../../src/review/desk.js";
import {GRID_ROWS, type SheetGrid} from "../../../src/review/sheets.js";
import {makePdf} from "../../../tools/fixtures/make-binary.js";
import {makeWorkbook} from "../../../tools/fixtures/make-formats.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "foi-review-pages-"));
const data = join(dir, "data");
const secret = join(dir, "secret.txt");
let server: DeskServer;
let pdf: Uint8Array;
const workbook = makeWorkbook("xlsx");

/** MADE UP: a workbook of 600 rows (an age band, an outcome and a count each), more than the grid shows. */
function longWorkbook(): Uint8Array {
  const book = XLSX.utils.book_new();
  const rows = [["Age group", "Outcome", "Number of employees"]];
  for (let i = 1; i < 600; i++) rows.push(["25-34", "dismissal", "1"]);
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Cases");
  return new Uint8Array(XLSX.write(book, {type: "array", bookType: "xlsx"}) as ArrayBuffer);
}

before(async () => {
  pdf = await makePdf();
  cpSync(join(ROOT, "data/mappings"), join(data, "mappings"), {recursive: true});
  mkdirSync(join(data, "responses"));
  writeFileSync(join(data, "responses/made-up-letter.pdf"), pdf);
  writeFileSync(join(data, "responses/made-up-workbook.xlsx"), workbook);
  writeFileSync(join(data, "responses/made-up-long.xlsx"), longWorkbook());
  writeFileSync(join(data, "responses/made-up-letter.meta.json"), "{}");
  writeFileSync(secret, "MADE UP: not a reply, outside the data folder\n");
  symlinkSync(secret, join(data, "responses/made-up-link.txt"));
  server = await startReviewServer({dataDir: data, cacheDir: join(dir, "cache")});
});
after(async () => {
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

const original = (file: string) => fetch(new URL(`/api/original?file=${encodeURIComponent(file)}`, server.url));
const json = async <T>(path: string) => {
  const res = await fetch(new URL(path, server.url));
  return {status: res.status, body: (await res.json()) as T & {error?: string}};
};

test("a listed reply is served byte for byte, with its content type, sandboxed", async () => {
  const res = await original("responses/made-up-letter.pdf");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/pdf");
  assert.match(res.headers.get("content-security-policy") ?? "", /^sandbox\b/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), pdf);
  const xlsx = await original("responses/made-up-workbook.xlsx");
  assert.equal(xlsx.headers.get("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert.deepEqual(new Uint8Array(await xlsx.arrayBuffer()), workbook);
});

test("a path the queue does not list is refused, and nothing outside the folder is served", async () => {
  for (const file of [
    "../secret.txt",
    "responses/../../secret.txt",
    secret,
    "responses/made-up-letter.meta.json",
    "responses/made-up-missing.pdf",
    "responses",
    ""
  ]) {
    const res = await original(file);
    assert.equal(res.status, 404, file);
    assert.match(((await res.json()) as {error: string}).error, /is not a reply in /, file);
  }
  // A symbolic link among the replies is listed (as unreadable) but never followed.
  const link = await original("responses/made-up-link.txt");
  assert.equal(link.status, 403);
  const text = await link.text();
  assert.match(text, /made-up-link\.txt.*symbolic link/);
  assert.doesNotMatch(text, /outside the data folder/);
});

test("a reply's screen says what the reply is, from its bytes", async () => {
  const view = (await json<ReplyView>("/api/reply?file=responses%2Fmade-up-letter.pdf")).body;
  assert.equal(view.sourceFormat, "pdf");
  const sheet = (await json<ReplyView>("/api/reply?file=responses%2Fmade-up-workbook.xlsx")).body;
  assert.equal(sheet.sourceFormat, "xlsx");
});

test("a workbook's sheets come as grids from A1, each tied to the line of the kit's text naming it", async () => {
  const {status, body} = await json<{sheets: SheetGrid[]}>("/api/sheets?file=responses%2Fmade-up-workbook.xlsx");
  assert.equal(status, 200);
  const view = (await json<ReplyView>("/api/reply?file=responses%2Fmade-up-workbook.xlsx")).body;
  const lines = view.lines!;
  assert.deepEqual(
    body.sheets.map((s) => [s.name, s.totalRows, s.totalColumns]),
    [
      ["Answers", 7, 1],
      ["Cases", 10, 3]
    ],
    "the cover sheet of answers, then the table"
  );
  const cases = body.sheets[1];
  assert.match(lines[cases.line! - 1], /^Sheet "Cases" \(2 of 2\)/);
  assert.deepEqual(cases.rows[2], ["Age group", "Outcome", "Number of employees"]);
  assert.equal(cases.rows[3][2], "2", "C4, the count of 16 to 24");
  assert.equal(cases.rows[5][2], "<5", "a withheld count as the sheet shows it");
  assert.deepEqual(cases.merges, ["A5:A6"]);
  // Row R of a sheet is R lines below the line naming it: the kit's record for 16 to 24 is on row 4.
  const record = view.base!.records.find((r) => r.ageRaw === "16 to 24")!;
  assert.equal(record.line, cases.line! + 4);
  // The kit's own place for the record names the same cell the grid holds its count in.
  assert.deepEqual(record.place, {sheet: "Cases", cell: "C4"});
  assert.equal(record.placeText, "sheet Cases, cell C4");
});

test("a long sheet is cut at the grid's rows, and says its size", async () => {
  const {body} = await json<{sheets: SheetGrid[]; maxRows: number}>("/api/sheets?file=responses%2Fmade-up-long.xlsx");
  assert.equal(body.maxRows, GRID_ROWS);
  assert.equal(body.sheets[0].rows.length, GRID_ROWS);
  assert.equal(body.sheets[0].totalRows, 600);
});

test("sheets of a reply that is not a workbook are refused with one line", async () => {
  const {status, body} = await json("/api/sheets?file=responses%2Fmade-up-letter.pdf");
  assert.equal(status, 400);
  assert.equal(body.error, "responses/made-up-letter.pdf is not a spreadsheet");
  assert.equal((await json("/api/sheets?file=..%2Fsecret.txt")).status, 404);
});
