// PDF tables as Word exports them (wrapped cells, words as separate pieces) and scanned PDFs read by OCR; MADE-UP fixtures.
import assert from "node:assert/strict";
import {test} from "node:test";
import {pdfItemsToText, type PdfTextItem} from "../../../src/lib/extract/formats/pdf-text.js";
import {makePdfWrapped} from "../../../tools/fixtures/make-binary.js";
import {makeScannedPdf} from "../../../tools/fixtures/make-scan.js";
import {toPgm} from "../../../src/lib/extract/formats/ocr.js";
import {brief, read} from "../read-fixture.js";

/** A piece of text at (x, y) in 10-point type, about 5 points a character. */
const item = (str: string, x: number, y: number): PdfTextItem => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width: str.length * 5,
  height: 10
});

test("a PDF table with wrapped cells, words as separate pieces, a justified cell and a second page: no row lost, wraps joined", async () => {
  const {textSource, reply, lines} = await read(await makePdfWrapped(), "wrapped.pdf");
  assert.equal(textSource, "extracted from pdf");
  assert.equal(lines[4], "Age group\tOutcome\tNumber of employees", "the header's wrapped cell is joined");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "first written warning", 2, false, 6],
    ["25-34", "final written warning", 1, false, 7],
    ["35-44", "no case to answer", null, true, 8],
    ["55+", "verbal warning", 3, false, 10]
  ]);
  assert.equal(reply.fields.tableTotal, 7, "the totals row on page 2 keeps its empty cell");
  assert.deepEqual(
    reply.checks.map((c) => c.status),
    ["pass", "pass", "pass"]
  );
  assert.deepEqual(reply.warnings, []);
});

test("pdfItemsToText: pieces go in their header's columns; a whole row in one piece is split at wide spaces", () => {
  const page = [
    item("Age", 50, 700),
    item("Outcome", 150, 700),
    item("Number", 300, 700),
    item("16-24", 50, 680),
    item("no", 150, 680),
    item("case", 175, 680),
    item("to", 205, 680),
    item("answer", 220, 680),
    item("3", 305, 680),
    // An empty outcome cell stays an empty cell.
    item("25-34", 50, 660),
    item("2", 305, 660),
    // One piece holding a row, its cells two or more spaces apart.
    {
      str: "35-44                dismissal                       1",
      transform: [10, 0, 0, 10, 50, 640],
      width: 260,
      height: 10
    }
  ];
  assert.deepEqual(pdfItemsToText([page]).split("\n"), [
    "Age\tOutcome\tNumber",
    "16-24\tno case to answer\t3",
    "25-34\t\t2",
    "35-44\tdismissal\t1",
    ""
  ]);
  // Prose with no columns is one line per line, as before.
  assert.equal(
    pdfItemsToText([[item("Dear requester,", 50, 700), item("thank you.", 50, 680)]]),
    "Dear requester,\nthank you.\n"
  );
  // A line of gaps that no line below fits is not a table: its pieces are tab-separated as they stand.
  assert.equal(
    pdfItemsToText([
      [
        item("Our ref:", 50, 700),
        item("FOI 123", 200, 700),
        item("A long paragraph of prose that runs across the whole page width", 50, 680)
      ]
    ]),
    "Our ref:\tFOI 123\nA long paragraph of prose that runs across the whole page width\n"
  );
});

test("a scanned PDF (an image, no text layer) is read by OCR, offline, and says so", async () => {
  const started = Date.now();
  const {format, textSource, reply, lines, places} = await read(await makeScannedPdf(), "scan.pdf");
  assert.ok(Date.now() - started < 30_000, "one page in well under 30 s");
  assert.equal(format, "pdf");
  assert.equal(textSource, "read by OCR from a scanned pdf");
  assert.equal(lines[1], "AGE GROUP\tOUTCOME\tNUMBER");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "dismissal", 1, false, 3],
    ["25-34", "verbal warning", 2, false, 4],
    ["55+", "no case to answer", 3, false, 5]
  ]);
  assert.equal(reply.fields.tableTotal, 6);
  // The OCR'd text keeps its pages as a text layer's does: the scan's one page holds every record.
  assert.deepEqual(places, {pages: [1]});
  assert.deepEqual(
    reply.records.map((r) => r.place),
    reply.records.map(() => ({page: 1}))
  );
});

test("scan images become grey PGM for OCR: 1-bit and colour images, dark scans inverted, large scans shrunk", () => {
  const pgm = (image: Parameters<typeof toPgm>[0]) => {
    const bytes = toPgm(image);
    const header = bytes.subarray(0, 20).toString("latin1").split("\n").slice(0, 3);
    return {header, pixels: [...bytes.subarray(header.join("\n").length + 1)]};
  };
  assert.deepEqual(
    pgm({width: 8, height: 1, data: Uint8Array.from([0b10110000])}),
    {header: ["P5", "8 1", "255"], pixels: [255, 0, 255, 255, 0, 0, 0, 0]},
    "1 bit a pixel, a set bit white"
  );
  assert.deepEqual(
    pgm({width: 4, height: 2, data: new Uint8Array(8).fill(10)}).pixels,
    [245, 245, 245, 245, 245, 245, 245, 245],
    "a dark image (white text on black) is inverted"
  );
  assert.deepEqual(
    pgm({width: 2, height: 1, data: Uint8Array.from([255, 255, 255, 200, 200, 200])}).pixels,
    [255, 200],
    "RGB to grey"
  );
  assert.deepEqual(pgm({width: 5000, height: 4, data: new Uint8Array(20000).fill(255)}).header, [
    "P5",
    "2500 2",
    "255"
  ]);
});
