// The parser against the real Leicester reply (figures checked by hand in ../shared/seed/README.md) and against bad input.
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {runSiteArchive} from "../site-archive.js";
import {DATA_DIR, loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {readMeta} from "../../../src/lib/read/reply-files.js";
import type {CaseRecord} from "../../../src/lib/core/types.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {decodeReply} from "../../../src/lib/core/text.js";
import {ReplyError} from "../../../src/lib/core/errors.js";

const SEED = join(DATA_DIR, "responses/leicester-city-council-2016.txt");
const mappings = loadMappings();
const seedText = readFileSync(SEED, "utf8");
const parse = (text: string, file = "responses/test.txt") => parseReplyText({file, text, meta: null, mappings});

function sumBy(records: CaseRecord[], key: (r: CaseRecord) => string) {
  const out: Record<string, number> = {};
  for (const r of records) out[key(r)] = (out[key(r)] ?? 0) + (r.count ?? 0);
  return out;
}

test("the seed gives 25 rows summing to 31, with the totals row and answer 5 agreeing", async () => {
  const reply = await readReply(SEED, mappings);
  assert.equal(reply.authority, "Leicester City Council");
  assert.equal(reply.status, "ok");
  assert.equal(reply.records.length, 25);
  assert.equal(
    reply.records.reduce((s, r) => s + (r.count ?? 0), 0),
    31
  );
  assert.deepEqual(
    sumBy(reply.records, (r) => r.ageBand),
    {"25-34": 11, "35-44": 12, "45-54": 4, "55+": 4}
  );
  assert.equal(sumBy(reply.records, (r) => r.outcome)["no case to answer"], 12);
  assert.equal(sumBy(reply.records, (r) => r.outcome)["final written warning"], 7);
  assert.equal(reply.fields.investigated, 31);
  assert.equal(reply.fields.tableTotal, 31);
  assert.equal(reply.fields.pctOfDisciplinary, 3.1);
  assert.equal(reply.fields.policyIntroduced, "2013-07-01");
  assert.deepEqual(
    reply.checks.map((c) => c.status),
    ["pass", "pass", "pass"]
  );
  assert.deepEqual(reply.warnings, []);
});

test("each record points at the line of its count, and carries the row as written", async () => {
  const lines = seedText.split("\n");
  const reply = await readReply(SEED, mappings);
  for (const r of reply.records) {
    assert.equal(lines[r.line - 1].trim(), String(r.count), `line ${r.line} holds the count`);
    assert.ok(r.lineText.includes(r.outcomeRaw));
  }
  const first = reply.records[0];
  assert.deepEqual(
    [first.ageBand, first.outcome, first.count, first.firstLine, first.line],
    ["25-34", "final written warning", 1, 47, 49]
  );
  // "25-34\u00a0" (a trailing no-break space) is still 25-34, and the raw label is kept.
  assert.ok(reply.records.some((r) => r.lineText.includes("25-34\u00a0") && r.ageBand === "25-34"));
});

test("CRLF line endings and Windows-1252 bytes give the same records", () => {
  const base = parse(seedText).records.map((r) => [r.ageBand, r.outcome, r.count, r.line]);
  assert.deepEqual(
    parse(seedText.replace(/\n/g, "\r\n")).records.map((r) => [r.ageBand, r.outcome, r.count, r.line]),
    base
  );
  const cp1252 = Uint8Array.from(
    Buffer.from(seedText.replace(/[\u2019\u2018]/g, "'").replace(/\u00a0/g, " "), "latin1")
  );
  cp1252[cp1252.indexOf(0x27)] = 0x92; // a Windows-1252 right single quote
  const decoded = decodeReply(cp1252, "x.txt");
  assert.equal(decoded.encoding, "windows-1252");
  assert.ok(decoded.text.includes("\u2019"));
  assert.deepEqual(
    parse(decoded.text).records.map((r) => [r.ageBand, r.outcome, r.count, r.line]),
    base
  );
});

test("labels that map to nothing are kept and reported with their line", () => {
  const text = seedText.replace("\tmanagement action\n", "\tsent on a course\n").replace("\t45-54\n", "\tfifty-ish\n");
  const reply = parse(text);
  assert.equal(reply.records.length, 25);
  const course = reply.records.find((r) => r.outcomeRaw === "sent on a course")!;
  assert.equal(course.outcome, "sent on a course");
  assert.equal(course.tier, null);
  assert.ok(reply.warnings.some((w) => w.line === course.line && /sent on a course/.test(w.message)));
  assert.ok(reply.records.some((r) => r.ageBand === "unknown" && r.ageRaw === "fifty-ish"));
});

test("a totals row that disagrees with the rows fails its check, with the numbers", () => {
  const reply = parse(seedText.replace(/\t31\n/, "\t30\n"));
  const check = reply.checks.find((c) => c.name === "rows = totals row")!;
  assert.equal(check.status, "fail");
  assert.match(check.detail, /31.*30/);
});

test("bad input is a ReplyError naming the file and, where there is one, the line", () => {
  assert.throws(() => decodeReply(new Uint8Array(), "responses/empty.txt"), {
    message: "responses/empty.txt: the file is empty"
  });
  assert.throws(
    () => decodeReply(Uint8Array.from([0x50, 0x4b, 0, 0]), "responses/x.txt"),
    (e: unknown) => e instanceof ReplyError && /binary/.test(e.message)
  );
  // A table is read by its cells' types, whatever its header says: without its cells, there is none.
  const noTable = seedText.replace(/^\t.*$/gm, "");
  assert.throws(
    () => parse(noTable, "responses/no-table.txt"),
    (e: unknown) => e instanceof ReplyError && e.file === "responses/no-table.txt" && e.line === 31
  );
});

test("a reply the loader cannot read is listed with one line naming the file and line, not a failed build", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "foi-data-"));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  cpSync(join(DATA_DIR, "mappings"), join(dir, "mappings"), {recursive: true});
  cpSync(join(DATA_DIR, "responses"), join(dir, "responses"), {recursive: true});
  writeFileSync(
    join(dir, "responses/broken-council.txt"),
    "1.\nDoes the authority have a policy?\nYes.\n8.\nAges?\nWe are not able to say.\n"
  );
  const run = runSiteArchive({FOI_DATA: undefined, FOI_DATA_DIR: dir});
  // Issue 11: an unreadable reply is listed (the pages say why and what to do), never a failed build;
  // `npm run ingest` still exits 1 for it.
  assert.equal(run.status, 0);
  assert.equal(
    run.stderr.trim(),
    "unreadable, listed on the pages and left out of the figures: responses/broken-council.txt:6: no table of age group, outcome and number of employees was found (expected a header row naming them)"
  );
  const out = JSON.parse(run.member("responses.json"));
  assert.deepEqual(out.unreadable, [
    {
      file: "responses/broken-council.txt",
      authority: null,
      reason: "no table of age group, outcome and number of employees was found (expected a header row naming them)",
      line: 6
    }
  ]);
  assert.deepEqual(
    out.responses.map((r: {file: string}) => r.file),
    ["responses/leicester-city-council-2016.txt"]
  );
});

test("the loader writes JSON of every reply, with age bands and outcomes in order", () => {
  const out = JSON.parse(runSiteArchive().member("responses.json"));
  assert.deepEqual(out.ageBands, ["16-24", "25-34", "35-44", "45-54", "55+"]);
  assert.equal(out.outcomes[0], "no case to answer");
  assert.equal(out.responses.length, 1);
  assert.equal(out.responses[0].records.length, 25);
});

test("reading the seed through the every-format path gives exactly the same records, lines and checks", async () => {
  // The text path: the seed's bytes decoded and parsed directly, as JSON carries the result.
  const file = "responses/leicester-city-council-2016.txt";
  const viaText = JSON.parse(
    JSON.stringify(
      parseReplyText({file, text: decodeReply(readFileSync(SEED), file).text, meta: readMeta(SEED, file), mappings})
    )
  );
  const viaAny = await readReply(SEED, mappings);
  assert.deepEqual(viaAny.records, viaText.records);
  assert.deepEqual(viaAny.checks, viaText.checks);
  assert.deepEqual(
    viaAny.records.map((r) => r.line),
    [49, 53, 57, 61, 65, 69, 73, 77, 81, 85, 89, 93, 97, 101, 105, 109, 113, 117, 121, 125, 129, 133, 137, 141, 145]
  );
  assert.equal(viaAny.table?.layout, "tab-indented cells");
  assert.deepEqual(
    viaAny.infoChecks?.map((c) => [c.status, c.expected]),
    [["pass", 1000]]
  );
});
