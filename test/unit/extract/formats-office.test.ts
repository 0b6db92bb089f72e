// Spreadsheets, Word with merged cells, OpenDocument text and old Word, from MADE-UP fixtures written by code.
import assert from "node:assert/strict";
import {test} from "node:test";
import * as XLSX from "@e965/xlsx";
import {extractText, sniffFormat} from "../../../src/lib/extract/extract.js";
import {docxText} from "../../../src/lib/extract/formats/docx.js";
import {odtText} from "../../../src/lib/extract/formats/odt.js";
import {zipArchive} from "../../../src/lib/read/zip-archive.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {makeDocxMerged, makeDocxNumbered, makeOdt, makeWorkbook} from "../../../tools/fixtures/make-formats.js";
import {makeDoc} from "../../../tools/fixtures/make-ole.js";
import {MERGED, brief, read} from "../read-fixture.js";

for (const [bookType, ext] of [
  ["xlsx", "xlsx"],
  ["biff8", "xls"],
  ["ods", "ods"]
] as const) {
  test(`a .${ext} workbook: every sheet, a line per row, the merged age passed down, the title and notes kept`, async () => {
    const {format, textSource, reply, lines} = await read(makeWorkbook(bookType), `made-up.${ext}`);
    assert.equal(format, ext);
    assert.equal(textSource, `extracted from ${ext}`);
    assert.equal(lines[0], 'Sheet "Answers" (1 of 2): its rows 1 to 7 follow, one line each');
    assert.equal(lines[8], 'Sheet "Cases" (2 of 2): its rows 1 to 10 follow, one line each');
    assert.equal(
      lines[9],
      "MADE-UP TEST FIXTURE: employees investigated, 2010 to 2015",
      "the title row above the header survives"
    );
    assert.equal(lines[18], "Note: counts under 5 are withheld (section 40).", "the note below the table survives");
    assert.deepEqual(reply.records.map(brief), MERGED(13));
    // Row R of a sheet is R lines below the line naming the sheet: the merged row is row 6 of "Cases".
    const sheetLine = lines.findIndex((l) => l.startsWith('Sheet "Cases"')) + 1;
    assert.equal(reply.records[2].line - sheetLine, 6);
    assert.equal(reply.fields.investigated, 8, "answer 5 on the first sheet");
    assert.equal(reply.fields.pctOfDisciplinary, 4);
    assert.equal(reply.fields.tableTotal, 8);
    assert.deepEqual(
      reply.checks.map((c) => c.status),
      ["pass", "pass", "pass"]
    );
    assert.deepEqual(reply.warnings, []);
  });
}

test("a table that starts in column B under a title in column A: its rows start at the table, not with an empty cell", async () => {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([
      ["MADE UP: FOI 1234"],
      [null, "Age group", "Outcome", "Number"],
      [null, "16-24", "Dismissal", 1],
      [null, "25-34", "Verbal warning", 2],
      [null, "Total", null, 3],
      [],
      [null, null, "Note in column C"]
    ]),
    "Cases"
  );
  const {reply, lines} = await read(
    new Uint8Array(XLSX.write(book, {type: "array", bookType: "xlsx"}) as ArrayBuffer),
    "offset.xlsx"
  );
  assert.deepEqual(lines.slice(1, 8), [
    "MADE UP: FOI 1234",
    "Age group\tOutcome\tNumber",
    "16-24\tDismissal\t1",
    "25-34\tVerbal warning\t2",
    "Total\t\t3",
    "",
    "Note in column C"
  ]);
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "dismissal", 1, false, 4],
    ["25-34", "verbal warning", 2, false, 5]
  ]);
  assert.equal(reply.fields.tableTotal, 3);
});

test("a sheet whose used range is vast (a stray cell far away) is refused before it is laid out", async () => {
  const sheet: XLSX.WorkSheet = {"!ref": "A1:XFD2000", A1: {t: "s", v: "Age group"}, XFD2000: {t: "s", v: "stray"}};
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Vast");
  const bytes = new Uint8Array(XLSX.write(book, {type: "array", bookType: "xlsx"}) as ArrayBuffer);
  await assert.rejects(extractText(bytes, "vast.xlsx"), {
    message:
      "vast.xlsx: too large to read: a sheet spans 2,000 rows by 16,384 columns; the kit reads at most 2,000,000 cells"
  });
});

test("a .docx whose age cell is merged down (w:vMerge): no row loses its age; a second table is kept and marked", async () => {
  const {format, textSource, reply, lines} = await read(await makeDocxMerged(), "made-up-merged.docx");
  assert.equal(format, "docx");
  assert.equal(textSource, "extracted from docx");
  assert.deepEqual(reply.records.map(brief), MERGED(8));
  assert.equal(lines[9], "25 - 34\tFinal written warning\t<5");
  assert.deepEqual(lines.slice(11, 14), ["Total\t\t8", "[table 2]", "Contact\tfoi@example.invalid"]);
  assert.equal(reply.fields.pctOfDisciplinary, 4, "answer 9 after both tables is found");
  assert.deepEqual(reply.warnings, []);
});

test("a .docx whose questions Word numbers itself: the numbers are put back, so the answers are found", async () => {
  const {reply, lines} = await read(await makeDocxNumbered(), "numbered.docx");
  assert.equal(lines[1], "1. Does the authority have a social media policy?");
  assert.equal(lines[6], "5. How many employees have been investigated?");
  assert.deepEqual(Object.keys(reply.answers), ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  assert.equal(reply.fields.investigated, 8);
  assert.equal(reply.fields.pctOfDisciplinary, 4);
  assert.equal(reply.records.length, 4);
  assert.deepEqual(
    reply.checks.map((c) => c.status),
    ["pass", "pass", "pass"]
  );
});

test("an .odt reply: a cell spanning two rows passes its value to the covered cell; comments are not text", async () => {
  const {format, textSource, reply, lines} = await read(makeOdt(), "made-up.odt");
  assert.equal(format, "odt");
  assert.equal(textSource, "extracted from odt");
  assert.deepEqual(reply.records.map(brief), MERGED(8));
  assert.equal(lines[11], "Total\t\t8");
  assert.equal(lines.at(-2), "Made up\tfixture", "text:s and text:tab are read; the annotation is not");
  assert.equal(reply.fields.investigated, 8);
});

test("an old Word .doc: told from .xls and .msg by its streams, cells and rows from Word's marks", async () => {
  const bytes = makeDoc();
  assert.equal(await sniffFormat(bytes, "reply.bin"), "doc", "by content, not by name");
  assert.equal(await sniffFormat(makeWorkbook("biff8"), "reply.doc"), "xls", "an .xls named .doc is still an .xls");
  const {format, textSource, reply, lines} = await read(bytes, "made-up.doc");
  assert.equal(format, "doc");
  assert.equal(textSource, "extracted from doc");
  assert.equal(lines[6], "Age group\tOutcome\tNumber of employees");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "verbal warning", 2, false, 8],
    ["25-34", "no case to answer", 3, false, 9],
    ["35-44", "final written warning", null, true, 10],
    ["55+", "dismissal", 1, false, 11]
  ]);
  assert.deepEqual(
    reply.checks.map((c) => c.status),
    ["pass", "pass", "pass"]
  );
});

test("broken office files are one-line ReplyErrors naming the file", async () => {
  const cases: [Uint8Array, string, RegExp][] = [
    [
      makeWorkbook("xlsx").subarray(0, 300),
      "cut.xlsx",
      /^cut\.xlsx: the file is a zip archive but not a readable Excel \.xlsx document \(its table of contents is missing/
    ],
    [
      makeDoc().subarray(0, 1000),
      "cut.doc",
      /^cut\.doc: the file is an old Office \(OLE\) file, as old Word \(\.doc\)/
    ],
    [
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600)]),
      "zeros.xls",
      /^zeros\.xls: the file is an old Office \(OLE\) file/
    ],
    [
      new TextEncoder().encode("{\\rtf1 hello"),
      "letter.rtf",
      /^letter\.rtf: the Rich Text Format \(\.rtf\) file is damaged/
    ],
    [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]), "scan.png", /a PNG image, not a document/]
  ];
  for (const [bytes, name, message] of cases) {
    await assert.rejects(
      extractText(bytes, name),
      (e: unknown) =>
        e instanceof ReplyError && e.file === name && message.test(e.message) && !e.message.includes("\n"),
      name
    );
  }
});

test("a zip without the document a format needs says which member it lacks, in one line", () => {
  const zip = zipArchive([{name: "notes.txt", content: "not a document"}]);
  assert.throws(
    () => docxText(zip, "a.docx"),
    (e: unknown) =>
      e instanceof ReplyError &&
      e.message ===
        "a.docx: the file is a zip archive but not a readable Word .docx document (it has no word/document.xml)"
  );
  assert.throws(
    () => odtText(zip, "a.odt"),
    (e: unknown) =>
      e instanceof ReplyError &&
      e.message ===
        "a.odt: the file is a zip archive but not a readable OpenDocument .odt document (it has no content.xml)"
  );
});
