// The hard bound around every reader (issue 20): each file is read in a worker with a memory cap and
// a time limit, so bombs no format check foresaw (a 1 KB .ods whose repeats make 17 billion cells,
// 100,000 self-closing <div/>) end in one line naming the file and the limit, within the bound, and
// the good reply beside them is still read. Also: OCR pages counted over all the scans of one reply,
// and a reply of more records than a campaign could hold refused. Every bomb is MADE UP by code here;
// the limits are lowered for some tests so they run in seconds (the defaults are in LIMITS).
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import fc from "fast-check";
import {makeDocx, makePdf} from "../../../tools/fixtures/make-binary.js";
import {makeEml, makeHtml, makeOdt, makeWorkbook} from "../../../tools/fixtures/make-formats.js";
import {
  makeDivSoupHtml,
  makeHugeCsv,
  makeLongScanPdf,
  makeRepeatBombOds
} from "../../../tools/fixtures/make-hostile.js";
import {makeDoc, makeMsg} from "../../../tools/fixtures/make-ole.js";
import {makeScannedPdf} from "../../../tools/fixtures/make-scan.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {fuzzedCopy} from "./fuzzed-copies.js";
import {BoundedReader} from "../../../src/lib/extract/bounded.js";
import {extractText, isPlainText, sniffFormat} from "../../../src/lib/extract/extract.js";
import {spendOcrPages, withReadingBudget} from "../../../src/lib/extract/formats/budget.js";
import {LIMITS} from "../../../src/lib/extract/formats/limits.js";
import {DATA_DIR, loadMappings, readReplies, readReply} from "../../../src/lib/read/replies.js";

const dir = mkdtempSync(join(tmpdir(), "foi-hostile-readers-"));
after(() => rmSync(dir, {recursive: true, force: true}));

/** A copy of the shipped data folder with these made-up files added to responses/. */
function dataWith(files: Record<string, Uint8Array>): string {
  const data = mkdtempSync(join(dir, "data-"));
  cpSync(DATA_DIR, data, {recursive: true});
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(data, "responses", name), bytes);
  return data;
}

test("a 1 KB .ods repeating one cell over 1,048,575 rows and 16,384 columns is refused before it is expanded; the good reply is read", async () => {
  const bomb = makeRepeatBombOds();
  assert.ok(bomb.length < 2048, "the bomb is small");
  const data = dataWith({"bomb.ods": bomb});
  const errors: ReplyError[] = [];
  const started = Date.now();
  const {replies} = await readReplies({dataDir: data, cacheDir: null, onError: (e) => errors.push(e)});
  assert.deepEqual(
    replies.map((r) => r.file),
    ["responses/leicester-city-council-2016.txt"]
  );
  assert.ok(Date.now() - started < 10_000, `refused at once (${Date.now() - started} ms)`);
  assert.deepEqual(
    errors.map((e) => e.message),
    [
      "responses/bomb.ods: too large to read: its repeated rows and columns would make more than 2,000,000 cells with content, the most the kit reads"
    ]
  );
});

test("a bomb no format check catches (100,000 self-closing <div/>) is stopped at the time limit; the good reply is read", async () => {
  const data = dataWith({"divs.html": makeDivSoupHtml(100_000)});
  const errors: ReplyError[] = [];
  const reader = new BoundedReader({readSeconds: 3});
  const started = Date.now();
  try {
    const {replies} = await readReplies({dataDir: data, cacheDir: null, reader, onError: (e) => errors.push(e)});
    assert.deepEqual(
      replies.map((r) => r.file),
      ["responses/leicester-city-council-2016.txt"]
    );
  } finally {
    await reader.close();
  }
  assert.ok(Date.now() - started < 15_000, `refused within the bound (${Date.now() - started} ms)`);
  assert.equal(errors.length, 1);
  assert.match(
    errors[0].message,
    /^responses\/divs\.html: reading stopped after 3 s, the kit's time limit for one reply; save it in a simpler format or transcribe its table into divs\.transcribed\.csv beside it$/
  );
  assert.ok(process.memoryUsage().heapUsed < 400 * 1048576, "the bomb's memory was the worker's, not ours");
});

test("a sheet just under the cell limit that needs more memory than the cap is stopped for its memory, and the next file gets a new worker", async () => {
  const reader = new BoundedReader({readMemoryMb: 48, readSeconds: 60});
  try {
    await assert.rejects(
      reader.extract(makeRepeatBombOds(1999, 1000), "big.ods"),
      (e: unknown) =>
        e instanceof ReplyError &&
        /^big\.ods: reading needed more than 48 MB of memory, the kit's limit for one reply/.test(e.message)
    );
    const after = await reader.extract(new TextEncoder().encode("{\\rtf1 Made up reply}"), "next.rtf");
    assert.match(after.text, /Made up reply/);
  } finally {
    await reader.close();
  }
});

test("a failed reading is read once: the next read of the same bytes comes from the cache at once", async () => {
  const data = dataWith({"divs.html": makeDivSoupHtml(100_000)});
  const cacheDir = mkdtempSync(join(dir, "cache-"));
  const reader = new BoundedReader({readSeconds: 2});
  const read = () =>
    readReply(join(data, "responses/divs.html"), loadMappings(data), {dataDir: data, cacheDir, reader});
  try {
    await assert.rejects(read(), /reading stopped after 2 s/);
    const started = Date.now();
    await assert.rejects(read(), /reading stopped after 2 s/);
    assert.ok(Date.now() - started < 1000, "not read again");
  } finally {
    await reader.close();
  }
});

test("OCR pages are counted over all the scans of one reply, before any is read", async () => {
  await withReadingBudget(async () => {
    spendOcrPages(LIMITS.ocrPages - 1, "first attachment.pdf");
    assert.throws(
      () => spendOcrPages(2, "second attachment.pdf"),
      /^ReplyError: second attachment\.pdf: reading it by OCR would make 21 scanned pages for one reply, counting the other scans it came with; the kit reads at most 20/
    );
  });
  // Another reply starts with its whole budget.
  await withReadingBudget(async () => spendOcrPages(LIMITS.ocrPages, "another.pdf"));
  // A scan read as an attachment (depth 1) after 20 pages were read: refused before its OCR starts.
  const scan = await makeScannedPdf();
  const started = Date.now();
  await withReadingBudget(async () => {
    spendOcrPages(LIMITS.ocrPages, "earlier scans.pdf");
    await assert.rejects(extractText(scan, "reply.eml › scan.pdf", 1), /would make 21 scanned pages/);
  });
  assert.ok(Date.now() - started < 5000, "no page was read by OCR");
});

test("a scan of more pages than OCR reads is refused once past the limit, before the rest is decoded", async () => {
  const long = await makeLongScanPdf(40);
  const started = Date.now();
  await assert.rejects(
    extractText(long, "long-scan.pdf"),
    (e: unknown) =>
      e instanceof ReplyError &&
      e.message ===
        "long-scan.pdf: the PDF is a scan of more than 20 pages (it has 40), more than the kit reads by OCR; transcribe its table into long-scan.transcribed.csv beside it"
  );
  assert.ok(Date.now() - started < 10_000, "no page was read by OCR");
});

test("a reply of more records than a campaign could hold is refused with the reason, not published", async () => {
  const data = dataWith({"huge.csv": makeHugeCsv(LIMITS.records + 1)});
  await assert.rejects(
    readReply(join(data, "responses/huge.csv"), loadMappings(data), {dataDir: data, cacheDir: null}),
    (e: unknown) =>
      e instanceof ReplyError &&
      e.message ===
        "responses/huge.csv: too large to read: it gives 100,001 records; the kit takes at most 100,000 from one reply, far more than a council could have investigated"
  );
  const lines = dataWith({"lines.csv": makeHugeCsv(LIMITS.textLines)});
  const started = Date.now();
  await assert.rejects(
    readReply(join(lines, "responses/lines.csv"), loadMappings(lines), {dataDir: lines, cacheDir: null}),
    /lines\.csv: too large to read: it holds more than 250,000 lines of text/
  );
  assert.ok(Date.now() - started < 10_000, "refused before parsing");
});

/** A made-up file of every format the kit reads, named as a council would name it. */
async function everyFormat(): Promise<[string, Uint8Array][]> {
  return [
    ["x.docx", await makeDocx()],
    ["x.xlsx", makeWorkbook("xlsx")],
    ["x.xls", makeWorkbook("biff8")],
    ["x.ods", makeWorkbook("ods")],
    ["x.odt", makeOdt()],
    ["x.doc", makeDoc()],
    ["x.msg", makeMsg()],
    ["x.eml", makeEml(true)],
    ["x.html", new TextEncoder().encode(makeHtml())],
    ["x.pdf", await makePdf()]
  ];
}

test("only what sniffFormat calls plain text, CSV or TSV is read outside the worker, whatever its name", async () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const files: [string, Uint8Array][] = [
    ...(await everyFormat()),
    ["x.txt", text("5. How many?\n3\n")],
    ["x.csv", text("age,outcome,count\n25-34,dismissal,1\n")],
    ["x.tsv", text("age\toutcome\n")],
    ["x.rtf", text("{\\rtf1 Made up}")],
    ["x.png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0])],
    ["x.pdf", text("not a PDF")]
  ];
  // Each file under every name: its own, a plain one, none, and a misleading one.
  const names = (own: string) => [own, "reply.txt", "reply", "reply.csv", "reply.html", "reply.docx", "reply.eml"];
  const plain = new Set(["text", "csv", "tsv"]);
  for (const [own, original] of files)
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(original), fuzzedCopy(original)),
        fc.constantFrom(...names(own)),
        async (bytes, name) => {
          const format = await sniffFormat(bytes, name).catch(() => null);
          assert.equal(isPlainText(bytes, name), plain.has(format!), `${name} (${format})`);
        }
      ),
      {numRuns: 30, seed: 7}
    );
});

test("fuzzed copies of every format read under the bound give text or one line naming the file", async () => {
  const fixtures = await everyFormat();
  const reader = new BoundedReader({readSeconds: 15});
  try {
    for (const [name, original] of fixtures) {
      await fc.assert(
        fc.asyncProperty(fuzzedCopy(original), async (bytes) => {
          try {
            assert.equal(typeof (await reader.extract(bytes, name)).text, "string");
          } catch (error) {
            assert.ok(error instanceof ReplyError, `${name}: not a ReplyError: ${(error as Error)?.stack ?? error}`);
            assert.ok(error.message.startsWith(`${name}: `) || error.message.includes(name), error.message);
            assert.ok(!error.message.includes("\n"), `${name}: more than one line: ${error.message}`);
          }
        }),
        {numRuns: 6, seed: 20}
      );
    }
  } finally {
    await reader.close();
  }
});
