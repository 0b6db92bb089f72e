// Hostile and broken files: each is a one-line ReplyError within 30 s, and fuzzed copies of every format's
// fixture give records or a ReplyError, never anything else. All inputs are MADE UP by code.
import assert from "node:assert/strict";
import {test} from "node:test";
import fc from "fast-check";
import {extractText} from "../../../src/lib/extract/extract.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {fuzzedCopy} from "./fuzzed-copies.js";
import {makeDocx, makePdf, makePdfWrapped} from "../../../tools/fixtures/make-binary.js";
import {makeDocxMerged, makeEml, makeHtml, makeOdt, makeWorkbook} from "../../../tools/fixtures/make-formats.js";
import {makeEntityBombDocx, makeManyPagesPdf, makeZipBomb} from "../../../tools/fixtures/make-hostile.js";
import {makeDoc, makeMsg, makeMsgEmbedded} from "../../../tools/fixtures/make-ole.js";
import {makeScannedPdf} from "../../../tools/fixtures/make-scan.js";

/** Expects a one-line ReplyError naming the file, matching `message`, within 30 s; returns the time taken. */
async function refuses(bytes: Uint8Array, name: string, message: RegExp): Promise<number> {
  const started = Date.now();
  await assert.rejects(extractText(bytes, name), (e: unknown) => {
    assert.ok(e instanceof ReplyError, `not a ReplyError: ${(e as Error)?.stack}`);
    assert.equal(e.file, name);
    assert.match(e.message, message);
    assert.ok(!e.message.includes("\n"), "one line");
    return true;
  });
  const took = Date.now() - started;
  assert.ok(took < 30_000, `${name} took ${took} ms`);
  return took;
}

test("a 50 MB file is refused before it is read", async () => {
  const took = await refuses(
    new Uint8Array(50 * 1024 * 1024).fill(0x61),
    "huge.txt",
    /^huge\.txt: too large to read: it is 50\.0 MB; the kit reads files of at most 32 MB$/
  );
  assert.ok(took < 1000);
});

test("a 1,000-page PDF is refused after reading its page count, not its pages", async () => {
  await refuses(
    await makeManyPagesPdf(1000),
    "long.pdf",
    /^long\.pdf: too large to read: the PDF has 1,000 pages; the kit reads at most 300$/
  );
});

test("zip bombs posing as .docx or .xlsx are refused from their directory, or stopped at the size they state", async () => {
  // 100 MB stated: refused before inflating anything.
  await refuses(
    makeZipBomb("docx", 100, false),
    "bomb.docx",
    /^bomb\.docx: too large to read: it would unpack to 100 MB \(100 KB packed\); the kit unpacks at most 64 MB, so this looks like a zip bomb/
  );
  await refuses(
    makeZipBomb("xlsx", 100, false),
    "bomb.xlsx",
    /^bomb\.xlsx: too large to read: it would unpack to 100 MB/
  );
  // 1 KB stated, 100 MB inside: inflating stops at 1 KB.
  await refuses(
    makeZipBomb("docx", 100, true),
    "liar.docx",
    /^liar\.docx: too large to read: the entry word\/document\.xml unpacks to more than the 1 KB it states, which only a zip bomb does$/
  );
  await refuses(
    makeZipBomb("xlsx", 100, true),
    "liar.xlsx",
    /^liar\.xlsx: too large to read: the entry xl\/worksheets\/sheet1\.xml unpacks to more than/
  );
});

test("an XML entity bomb in a .docx is refused, not expanded; deeply nested HTML is refused, not a stack overflow", async () => {
  await refuses(
    makeEntityBombDocx(),
    "laughs.docx",
    /^laughs\.docx: the Word \.docx document is damaged: its XML cannot be read/
  );
  await refuses(
    new TextEncoder().encode(`<!DOCTYPE html><html><body>${"<div>".repeat(200_000)}x</body></html>`),
    "deep.html",
    /^deep\.html: the HTML is nested too deeply to read \(more than 1000 elements inside each other\)$/
  );
});

/** Every format's made-up fixture, to be mutated. */
async function fixtures(): Promise<[string, Uint8Array, number][]> {
  const runs = 40;
  return [
    ["x.docx", await makeDocx(), runs],
    ["x-merged.docx", await makeDocxMerged(), runs],
    ["x.xlsx", makeWorkbook("xlsx"), runs],
    ["x.xls", makeWorkbook("biff8"), runs],
    ["x.ods", makeWorkbook("ods"), runs],
    ["x.odt", makeOdt(), runs],
    ["x.doc", makeDoc(), runs],
    ["x.msg", makeMsg(), runs],
    ["x-forward.msg", makeMsgEmbedded(), runs],
    ["x.eml", makeEml(true), runs],
    ["x.html", new TextEncoder().encode(makeHtml()), runs],
    ["x.pdf", await makePdf(), runs],
    ["x-wrapped.pdf", await makePdfWrapped(), runs],
    // A damaged scan may still reach OCR, at about 2 s a read: a few runs.
    ["x-scan.pdf", await makeScannedPdf(), 4]
  ];
}

test("fuzzed copies of every format (bytes overwritten, or cut short) give text or a ReplyError, nothing else", async () => {
  for (const [name, original, numRuns] of await fixtures()) {
    await fc.assert(
      fc.asyncProperty(fuzzedCopy(original), async (bytes) => {
        try {
          const got = await extractText(bytes, name);
          assert.equal(typeof got.text, "string");
        } catch (error) {
          assert.ok(error instanceof ReplyError, `${name}: not a ReplyError: ${(error as Error)?.stack ?? error}`);
          assert.ok(!error.message.includes("\n"), `${name}: more than one line: ${error.message}`);
        }
      }),
      {numRuns, seed: 2016}
    );
  }
});

test("a rejection pdf.js leaves unhandled while a PDF is read does not end the process; any other still does", async () => {
  const {spawnSync} = await import("node:child_process");
  const script = (name: string) => `
    import {extractText} from "../src/lib/extract/extract.ts";
    import {makePdf} from "../tools/fixtures/make-binary.ts";
    const reading = extractText(await makePdf(), "x.pdf");
    // As pdf.js does on some damaged files: a promise of its own, rejected, that nothing awaits.
    Promise.reject(Object.assign(new Error("End of file inside dictionary."), {name: ${JSON.stringify(name)}}));
    await reading;
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log("still running");`;
  const run = (name: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script(name)], {
      cwd: `${import.meta.dirname}/../..`,
      encoding: "utf8"
    });
  const pdfjs = run("ParserEOFException");
  assert.equal(pdfjs.status, 0, pdfjs.stderr);
  assert.match(pdfjs.stdout, /still running/);
  const other = run("TypeError");
  assert.notEqual(other.status, 0, "an unhandled rejection that is not pdf.js's own still ends the process");
  assert.doesNotMatch(other.stdout, /still running/);
});

test("the damaged PDF fuzzing found, on which pdf.js leaves a rejection unhandled, is a one-line error and the process goes on", async () => {
  const {spawnSync} = await import("node:child_process");
  // Found by fast-check (seed 12) on the made-up PDF, whose bytes are the same every time.
  const edits = [
    [366, 40],
    [327, 245],
    [1491, 111],
    [585, 192],
    [727, 151],
    [275, 78],
    [1537, 63],
    [1631, 25],
    [1698, 140],
    [857, 117],
    [1363, 106]
  ];
  const script = `
    import {extractText} from "../src/lib/extract/extract.ts";
    import {makePdf} from "../tools/fixtures/make-binary.ts";
    const bytes = (await makePdf()).slice(0, 1749);
    for (const [at, value] of ${JSON.stringify(edits)}) bytes[at] = value;
    try { await extractText(bytes, "x.pdf"); } catch (error) { console.log(error.message); }
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log("still running");`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: `${import.meta.dirname}/../..`,
    encoding: "utf8"
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^x\.pdf: the PDF cannot be read \(End of file inside array\.\)\nstill running\n$/);
});
