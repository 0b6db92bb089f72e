// Each record's place in the original file (a PDF's page, a spreadsheet's sheet and cell), from MADE-UP
// replies written by code: a reader holding the council's file finds the count there, not only on a line of the kit's text.
import assert from "node:assert/strict";
import {test} from "node:test";
import {join} from "node:path";
import * as XLSX from "@e965/xlsx";
import {PDFDocument, StandardFonts} from "pdf-lib";
import {makeEml} from "../../../tools/fixtures/make-formats.js";
import {
  PROSE_AFTER,
  PROSE_BEFORE,
  drawProseAndTable,
  makePdf,
  makePdfWrapped
} from "../../../tools/fixtures/make-binary.js";
import {columnName, pageOf, placeRecords} from "../../../src/lib/parse/places.js";
import {PROJECT_DATA_DIR, loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {formatPlaceInFile, placeReference} from "../../../src/lib/present/index.js";
import {tidyRecords} from "../../../src/lib/records/tidy.js";
import type {CaseRecord} from "../../../src/lib/core/types.js";
import {read} from "../read-fixture.js";

/** What a record's place test compares: its labels as written, its count, its line and its place. */
const placed = (r: CaseRecord) => [r.ageRaw, r.outcomeRaw, r.countRaw, r.line, r.place ?? null];

const workbook = (sheets: [string, unknown[][]][]) => {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of sheets) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(book, {type: "array", bookType: "xlsx"}) as ArrayBuffer);
};

test("column names and pages: A..Z, AA..; a line's page is the last page starting at or before it", () => {
  assert.deepEqual([0, 2, 25, 26, 27, 51, 52, 701, 702].map(columnName), [
    "A",
    "C",
    "Z",
    "AA",
    "AB",
    "AZ",
    "BA",
    "ZZ",
    "AAA"
  ]);
  assert.deepEqual(
    [1, 9, 10, 11, 30].map((line) => pageOf(line, [1, 10, 10, 20])),
    [1, 1, 3, 3, 4],
    "an empty page (10 starting where 11 does) gives its lines to the page after it"
  );
  assert.equal(pageOf(3, [5]), null);
});

test("a PDF whose table is on page 2, after a covering letter: each record says page 2", async () => {
  // MADE UP: a covering letter on page 1, the questions and the table on page 2.
  const pdf = await PDFDocument.create({updateMetadata: false});
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const cover = pdf.addPage([595, 842]);
  ["MADE-UP TEST FIXTURE: a covering letter, not a real council's.", "Dear requester,", "Our reply follows."].forEach(
    (line, k) => cover.drawText(line, {x: 50, y: 800 - k * 18, size: 11, font})
  );
  const page = pdf.addPage([595, 842]);
  let y = drawProseAndTable(page, font);
  PROSE_AFTER.forEach((line) => {
    page.drawText(line, {x: 50, y, size: 11, font});
    y -= 18;
  });
  const {reply, places, lines} = await read(await pdf.save(), "covered.pdf");
  assert.deepEqual(places, {pages: [1, 5]});
  assert.equal(lines[4], PROSE_BEFORE[0], "page 2 starts on line 5");
  assert.deepEqual(reply.records.map(placed), [
    ["16 to 24", "Verbal warning", "2", 12, {page: 2}],
    ["25 - 34", "No case to answer", "3", 13, {page: 2}],
    ["35-44", "Final written warning", "<5", 14, {page: 2}],
    ["Over 55", "Dismissed", "1", 15, {page: 2}]
  ]);
});

test("a PDF table running onto page 2: the rows on page 1 say page 1, the row on page 2 says page 2", async () => {
  const {reply, places} = await read(await makePdfWrapped(), "wrapped.pdf");
  assert.deepEqual(places, {pages: [1, 10]});
  assert.deepEqual(
    reply.records.map((r) => [r.ageRaw, r.place]),
    [
      ["16 to 24", {page: 1}],
      ["25 - 34", {page: 1}],
      ["35-44", {page: 1}],
      ["Over 55", {page: 2}]
    ]
  );
  // The two-page PDF with its table on page 1: every record there, none on page 2 (answer 9's page).
  const onFirst = await read(await makePdf(), "made-up.pdf");
  assert.deepEqual(new Set(onFirst.reply.records.map((r) => JSON.stringify(r.place))), new Set(['{"page":1}']));
});

test("a workbook with a cover sheet: the count 3 in sheet Data, cell C4, says so", async () => {
  const bytes = workbook([
    ["Cover", [["MADE UP: a cover sheet, not a real council's"], ["Freedom of Information reply"]]],
    [
      "Data",
      [
        ["MADE UP: employees investigated"],
        [],
        ["Age group", "Outcome", "Number"],
        ["25-34", "Dismissal", 3],
        ["16-24", "Verbal warning", "<5"]
      ]
    ]
  ]);
  const {reply, places} = await read(bytes, "covered.xlsx");
  assert.deepEqual(places, {
    sheets: [
      {name: "Cover", line: 1, rows: 2},
      {name: "Data", line: 4, rows: 5}
    ]
  });
  assert.deepEqual(reply.records.map(placed), [
    ["25-34", "Dismissal", "3", 8, {sheet: "Data", cell: "C4"}],
    ["16-24", "Verbal warning", "<5", 9, {sheet: "Data", cell: "C5"}]
  ]);
  assert.equal(formatPlaceInFile(reply.records[0].place!), "sheet Data, cell C4");
  assert.equal(placeReference(reply.records[0].place!), "Data!C4");
  assert.deepEqual(
    tidyRecords([reply]).map((r) => r.place),
    ["Data!C4", "Data!C5"]
  );
});

test("a spreadsheet table starting in column B, and a cross-tab whose row repeats a count: each count's own cell", async () => {
  const offset = await read(
    workbook([
      [
        "Table 1",
        [
          ["MADE UP: FOI 1234"],
          [null, "Age group", "Outcome", "Number"],
          [null, "16-24", "Dismissal", 1],
          [null, "25-34", "Verbal warning", 2]
        ]
      ]
    ]),
    "offset.xlsx"
  );
  assert.deepEqual(
    offset.reply.records.map((r) => r.place),
    [
      {sheet: "Table 1", cell: "D3"},
      {sheet: "Table 1", cell: "D4"}
    ]
  );
  assert.equal(placeReference(offset.reply.records[0].place!), "'Table 1'!D3", "a name of two words is quoted");
  // A cross-tab: "1" twice on the 16-24 row; the header names each count's column.
  const cross = await read(
    workbook([
      [
        "Cases",
        [
          ["MADE UP: employees investigated by age and outcome"],
          ["Age group", "Dismissal", "Verbal warning"],
          ["16-24", 1, 1],
          ["25-34", 2, 0]
        ]
      ]
    ]),
    "cross.xlsx"
  );
  assert.deepEqual(
    cross.reply.records.filter((r) => r.count !== 0).map((r) => [r.ageRaw, r.outcomeRaw, r.place?.["cell" as never]]),
    [
      ["16-24", "Dismissal", "B3"],
      ["16-24", "Verbal warning", "C3"],
      ["25-34", "Dismissal", "B4"]
    ]
  );
});

test("a count whose cell cannot be told from another of its row's: the row's cells, never a guess", () => {
  const text =
    'Sheet "S" (1 of 1): its rows 1 to 2 follow, one line each\nAge\tOutcome\tNumber\tAppeals\n25-34\tDismissal\t1\t1\n';
  const record = {line: 3, firstLine: 3, countRaw: "1", ageRaw: "25-34", outcomeRaw: "Dismissal"} as CaseRecord;
  const [got] = placeRecords([record], text, {sheets: [{name: "S", line: 1, rows: 2}]}, 2);
  assert.deepEqual(got.place, {sheet: "S", cell: "A2:D2"});
  assert.equal(formatPlaceInFile(got.place!), "sheet S, cells A2:D2");
  // A line that is a sheet's own line, or no map at all: no place.
  assert.equal(
    placeRecords([{...record, line: 1}], text, {sheets: [{name: "S", line: 1, rows: 2}]}, 2)[0].place,
    undefined
  );
  assert.equal(placeRecords([record], text, undefined, 2)[0].place, undefined);
});

test("an e-mail whose reply is an attached spreadsheet keeps the attachment's sheets and cells", async () => {
  const {reply, places} = await read(makeEml(true), "reply.eml");
  assert.ok(places?.sheets?.length, "the attachment's sheets cross into the e-mail's text");
  assert.ok(
    reply.records.every((r) => r.place && "sheet" in r.place && /^[A-Z]+\d+$/.test(r.place.cell)),
    JSON.stringify(reply.records.map((r) => r.place))
  );
});

test("a text reply has no place; nor have the shipped Leicester reply's records, nor their tidy rows", async () => {
  const text = await read(
    new TextEncoder().encode("MADE UP\nAge group\tOutcome\tNumber\n25-34\tDismissal\t3\n"),
    "made-up.txt"
  );
  assert.equal(text.places, undefined);
  assert.ok(text.reply.records.length > 0);
  assert.ok(text.reply.records.every((r) => !("place" in r)));
  const leicester = await readReply(
    join(PROJECT_DATA_DIR, "responses/leicester-city-council-2016.txt"),
    loadMappings(),
    {dataDir: PROJECT_DATA_DIR, cacheDir: null}
  );
  assert.ok(leicester.records.length > 0);
  assert.ok(leicester.records.every((r) => !("place" in r)));
  assert.ok(tidyRecords([leicester]).every((r) => r.place === null));
});
