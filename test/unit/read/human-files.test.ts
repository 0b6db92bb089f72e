// A person's files beside a reply (made up here): `<reply>.transcribed.csv` gives the records of a
// reply the kit cannot read, `<reply>.corrections.csv` overrides a mis-read row. Both go through the
// one read path (src/lib/read/replies.ts), so every loader and page sees them; neither is read as a reply.
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {readReplies} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "foi-human-"));
after(() => rmSync(dir, {recursive: true, force: true}));

function dataFolder(): string {
  const data = mkdtempSync(join(dir, "data-"));
  cpSync(join(ROOT, "data/mappings"), join(data, "mappings"), {recursive: true});
  cpSync(join(ROOT, "data/responses"), join(data, "responses"), {recursive: true});
  return data;
}

test("a transcription beside an unreadable reply gives its records, marked transcribed, checked against answer 5", async () => {
  const data = dataFolder();
  const responses = join(data, "responses");
  // MADE UP: a reply whose table the kit cannot find, and a person's transcription of it.
  writeFileSync(
    join(responses, "made-up-council.txt"),
    "5. How many employees were investigated?\n5\n\n8. Ages: see the attached scan.\n"
  );
  writeFileSync(
    join(responses, "made-up-council.transcribed.csv"),
    "ageRaw,outcomeRaw,count,note\n25-34,dismissal,3,from the scan\n35-44,no case to answer,2,from the scan\n"
  );
  assert.ok(!listReplies(responses).some((p) => p.endsWith(".csv")), "the transcription is not listed as a reply");
  const {replies} = await readReplies({dataDir: data, cacheDir: null});
  const made = replies.find((r) => r.file === "responses/made-up-council.txt")!;
  assert.deepEqual(
    made.records.map((r) => [r.ageBand, r.outcome, r.count, r.provenance]),
    [
      ["25-34", "dismissal", 3, "transcribed"],
      ["35-44", "no case to answer", 2, "transcribed"]
    ]
  );
  assert.equal(made.checks.find((c) => c.name === "rows = answer 5")?.status, "pass");
  assert.equal(made.human?.transcription, "responses/made-up-council.transcribed.csv");
});

test("corrections override a row of a reply, with the reason kept, and the cache sees the change", async () => {
  const data = dataFolder();
  const responses = join(data, "responses");
  const cacheDir = join(data, "cache");
  const before = (await readReplies({dataDir: data, cacheDir})).replies[0];
  const row = before.records[0];
  writeFileSync(
    join(responses, "leicester-city-council-2016.corrections.csv"),
    `line,ageRaw,outcomeRaw,count,reason\n${row.line},${row.ageRaw},${row.outcomeRaw},${row.count! + 1},MADE UP for a test\n`
  );
  const after = (await readReplies({dataDir: data, cacheDir})).replies[0];
  const corrected = after.records.find((r) => r.line === row.line)!;
  assert.equal(corrected.count, row.count! + 1);
  assert.equal(corrected.provenance, "corrected");
  assert.equal(corrected.correction?.reason, "MADE UP for a test");
  // The reply's own totals no longer agree, and the checks say so.
  assert.equal(after.checks.find((c) => c.name === "rows = answer 5")?.status, "fail");
});

test("npm run ingest -- FILE --template writes the transcription to fill in, pre-filled, and never overwrites one", async () => {
  const {spawnSync} = await import("node:child_process");
  const {readFileSync} = await import("node:fs");
  const folder = mkdtempSync(join(dir, "template-"));
  const reply = join(folder, "leicester-city-council-2016.txt");
  cpSync(join(ROOT, "data/responses/leicester-city-council-2016.txt"), reply);
  const run = () =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts", reply, "--template"], {
      cwd: ROOT,
      encoding: "utf8"
    });
  const first = run();
  assert.equal(first.status, 0, first.stderr);
  const csv = readFileSync(join(folder, "leicester-city-council-2016.transcribed.csv"), "utf8").trim().split("\n");
  assert.match(csv[0], /^ageRaw,ageBand,outcomeRaw,outcome,countRaw,count/);
  assert.equal(csv.filter((l) => /^\s*25-34/.test(l)).length > 0, true, "the rows the kit read are pre-filled");
  const second = run();
  assert.equal(second.status, 1);
  assert.match(second.stderr, /exists already/);
});
