// The ingest command and the loader, on made-up replies in every format, good and bad.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {runSiteArchive} from "../site-archive.js";
import {PDFDocument} from "pdf-lib";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";
import {extractText} from "../../../src/lib/extract/extract.js";
import {DATA_DIR} from "../../../src/lib/read/replies.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {makeDocx, makePdf} from "../../../tools/fixtures/make-binary.js";

const ROOT = join(import.meta.dirname, "../../..");
const FIXTURES = join(ROOT, "test/fixtures/replies");
const SEED = "data/responses/leicester-city-council-2016.txt";

/** Runs the command as `npm run ingest` does: from the package root, with the user's folder in INIT_CWD. */
function ingest(args: string[], userDir = ROOT) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: {...process.env, INIT_CWD: userDir}
  });
}

const work = mkdtempSync(join(tmpdir(), "foi-ingest-"));
const dataCopy = mkdtempSync(join(tmpdir(), "foi-data-"));
after(() => [work, dataCopy].forEach((dir) => rmSync(dir, {recursive: true, force: true})));
const bad = {
  "empty.txt": new Uint8Array(),
  "binary.txt": Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]),
  "old-word.doc": Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  "not-really.pdf": new TextEncoder().encode("hello"),
  "broken.pdf": new TextEncoder().encode("%PDF-1.7\n1 0 obj garbage\n%%EOF"),
  "not-word.docx": Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6])
};
for (const [name, bytes] of Object.entries(bad)) writeFileSync(join(work, name), bytes);

test("every unreadable file is a ReplyError naming the file and the reason", async () => {
  const reasons: Record<string, RegExp> = {
    "empty.txt": /the file is empty/,
    "binary.txt": /binary, not text/,
    "old-word.doc": /old Word \(\.doc\)/,
    "not-really.pdf": /named \.pdf but is not a PDF/,
    "broken.pdf": /the PDF cannot be read/,
    "not-word.docx": /not a readable Word \.docx/
  };
  for (const [name, bytes] of Object.entries(bad)) {
    await assert.rejects(
      extractText(bytes, name),
      (e: unknown) => e instanceof ReplyError && e.file === name && reasons[name].test(e.reason),
      name
    );
  }
  const blank = await PDFDocument.create();
  blank.addPage();
  await assert.rejects(extractText(await blank.save(), "scan.pdf"), {
    message: "scan.pdf: the PDF has no text layer (a scanned image?); it needs OCR before the kit can read it"
  });
});

test("the command prints a readable summary of the seed", () => {
  const run = ingest([SEED]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stdout,
    /^data\/responses\/leicester-city-council-2016\.txt: Leicester City Council \(text, utf-8\)/
  );
  assert.match(run.stdout, /25 records from the table whose header is at line 43/);
  assert.match(run.stdout, /employees: 31 counted; no counts withheld/);
  assert.match(run.stdout, /pass {2}rows = totals row: sum of the table's rows = 31; the totals row = 31/);
  assert.match(run.stdout, /pass {2}answer 9 implies a whole number of proceedings \(informational\).*about 1,000/);
  assert.match(run.stdout, /warnings: none/);
});

test("--json gives the promised shape, with the seed's 25 records and checks", () => {
  const run = ingest([SEED, "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const [reply] = out.responses;
  assert.deepEqual(
    Object.keys(reply)
      .filter((k) => ["file", "authority", "records", "answers", "checks", "warnings"].includes(k))
      .sort(),
    ["answers", "authority", "checks", "file", "records", "warnings"]
  );
  assert.equal(reply.file, SEED);
  assert.equal(reply.records.length, 25);
  for (const r of reply.records) {
    assert.ok(["16-24", "25-34", "35-44", "45-54", "55+", "unknown"].includes(r.ageBand));
    assert.equal(r.outcome, r.outcome.toLowerCase());
    assert.equal(typeof r.outcomeRaw, "string");
    assert.ok(Number.isInteger(r.count));
    assert.equal(r.suppressed, false);
    assert.ok(Number.isInteger(r.line));
    assert.equal(r.textSource, "as received");
  }
  assert.equal(reply.answers["5"].text, "31");
  assert.equal(reply.fields.investigated, 31);
  assert.deepEqual(
    reply.checks.map((c: {status: string}) => c.status),
    ["pass", "pass", "pass", "pass"]
  );
  assert.deepEqual(out.errors, []);
});

test("one bad file among many: the rest are read, each bad file is one line, exit 1 at the end", async () => {
  writeFileSync(join(work, "made-up.docx"), await makeDocx());
  writeFileSync(join(work, "made-up.pdf"), await makePdf());
  // Paths relative to where the user typed them (npm passes it as INIT_CWD).
  const run = ingest(
    [
      "empty.txt",
      "made-up.docx",
      "binary.txt",
      "made-up.pdf",
      "old-word.doc",
      "missing.txt",
      join(FIXTURES, "pipe-table.md"),
      "--json"
    ],
    work
  );
  assert.equal(run.status, 1);
  const lines = run.stderr.trim().split("\n");
  assert.deepEqual(lines, [
    "error: empty.txt: the file is empty",
    "error: binary.txt: the file is binary, not text (it contains NUL bytes)",
    "error: old-word.doc: the file is an old Office (OLE) file, as old Word (.doc), Excel (.xls) and Outlook (.msg) files are, but it is damaged (CFB file size 10 < 512)",
    "error: missing.txt: no such file"
  ]);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  const out = JSON.parse(run.stdout);
  assert.deepEqual(
    out.responses.map((r: {file: string; records: unknown[]}) => [r.file.replace(/^.*\//, ""), r.records.length]),
    [
      ["made-up.docx", 4],
      ["made-up.pdf", 4],
      ["pipe-table.md", 6]
    ]
  );
  assert.equal(out.responses[0].records[0].textSource, "extracted from docx");
  assert.equal(out.errors.length, 4);
});

test("no files, or an unknown option, is a usage error", () => {
  assert.equal(ingest([]).status, 2);
  assert.match(ingest(["--xml", SEED]).stderr, /unknown option --xml/);
});

test("a Word reply dropped into data/responses/ with its metadata reaches the loader's output", async () => {
  const dir = dataCopy;
  cpSync(join(DATA_DIR, "mappings"), join(dir, "mappings"), {recursive: true});
  cpSync(join(DATA_DIR, "responses"), join(dir, "responses"), {recursive: true});
  mkdirSync(join(dir, "responses"), {recursive: true});
  writeFileSync(join(dir, "responses/made-up-borough-2016.docx"), await makeDocx());
  writeFileSync(
    join(dir, "responses/made-up-borough-2016.meta.json"),
    madeUpMeta("Made-up Borough Council (test)", {source: "tools/fixtures/make-binary.ts"})
  );
  const run = runSiteArchive({FOI_DATA: undefined, FOI_DATA_DIR: dir});
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.member("responses.json"));
  assert.deepEqual(
    out.responses.map((r: {authority: string; records: unknown[]}) => [r.authority, r.records.length]),
    [
      ["Leicester City Council", 25],
      ["Made-up Borough Council (test)", 4]
    ]
  );
  assert.equal(out.responses[1].source.textSource, "extracted from docx");
});
