// FOI_DATA=DIR: the site's loader and `npm run ingest` read another data folder (its responses/ and campaign/),
// with the project's mappings, reference figures and request where DIR has none; FOI_DATA_DIR still works.
// An unreadable reply is listed by the site's loader and still fails `npm run ingest`. The site's archive
// holds every file the pages read and one per council; switching FOI_DATA clears it and its members.
// Every reply here is MADE UP, written to a temp folder.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";
import {clearStaleLoaders} from "../../../scripts/clear-stale-loaders.js";
import {zipArchive} from "../../../src/lib/read/zip-archive.js";
import {runSiteArchive, unzip} from "../site-archive.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "foi-campaign-loaders-"));
after(() => rmSync(dir, {recursive: true, force: true}));

const meta = (authority: string) => madeUpMeta(authority);

// A data folder with replies only: no mappings/, reference/ or campaign/request.json of its own.
const data = join(dir, "data");
mkdirSync(join(data, "responses"), {recursive: true});
mkdirSync(join(data, "campaign"), {recursive: true});
writeFileSync(
  join(data, "responses/alpha.csv"),
  "MADE UP\nAge group,Outcome,Count\n16-24,Verbal warning,2\nTotal,,2\n"
);
writeFileSync(join(data, "responses/alpha.meta.json"), meta("Alpha Council"));
writeFileSync(join(data, "responses/broken.pdf"), "%PDF-1.4 MADE UP and broken\n");
writeFileSync(join(data, "responses/broken.meta.json"), meta("Broken Council"));
writeFileSync(join(data, "campaign/authorities.csv"), "name,code\nAlpha Council,E1\nAwaiting Council,E2\n");

const env = (extra: Record<string, string>) => {
  const e: Record<string, string | undefined> = {...process.env, FOI_CACHE_DIR: join(dir, "cache"), ...extra};
  delete e.FOI_DATA;
  delete e.FOI_DATA_DIR;
  return {...e, ...extra};
};
const run = (args: string[], extra: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", ...args], {cwd: ROOT, env: env(extra), encoding: "utf8"});

/** The site's archive made from a data folder, its members and what it said. */
function siteArchive(extra: Record<string, string>) {
  const out = runSiteArchive(env(extra));
  assert.equal(out.status, 0, out.stderr);
  return out;
}
const site = siteArchive({FOI_DATA: data});
const member = (name: string) => site.member(name);

test("FOI_DATA: the site's one loader reads the folder once, with the project's request and mappings", () => {
  const campaign = JSON.parse(member("summary.json"));
  assert.equal(campaign.request.questions.length, 10, "the project's request.json");
  assert.deepEqual(
    campaign.councils.map((c: {slug: string; status: string}) => [c.slug, c.status]),
    [
      ["alpha-council", "ok"],
      ["awaiting-council", "awaiting"],
      ["broken-council", "unreadable"]
    ]
  );
  assert.equal(campaign.councils[0].employees, 2);
  // Every file a page reads, then a file per council.
  assert.deepEqual(
    [...site.members.keys()],
    [
      "summary.json",
      "report.json",
      "ofcom.json",
      "ofcom-replies.json",
      "records.columns.json",
      "quality.json",
      "downloads.json",
      "records.csv",
      "records.json",
      "responses.json",
      "councils/alpha-council.json",
      "councils/awaiting-council.json",
      "councils/broken-council.json"
    ]
  );
  // FOI_DATA_DIR, the older name, reads the same folder.
  assert.equal(siteArchive({FOI_DATA_DIR: data}).members.get("summary.json"), member("summary.json"));
});

test("FOI_DATA: a member per council, with the reply's text as its lines", () => {
  const alpha = JSON.parse(member("councils/alpha-council.json"));
  assert.equal(alpha.summary.status, "ok");
  assert.equal(alpha.reply.records.length, 1);
  assert.deepEqual(alpha.text.lines.slice(0, 3), ["MADE UP", "Age group,Outcome,Count", "16-24,Verbal warning,2"]);
  assert.equal(alpha.reply.records[0].line, 3, "line 3 of the text is the record's line");
  const broken = JSON.parse(member("councils/broken-council.json"));
  assert.equal(broken.reply, null);
  assert.match(broken.summary.detail, /PDF/);
  assert.match(broken.advice, /broken\.transcribed\.csv/);
  const awaiting = JSON.parse(member("councils/awaiting-council.json"));
  assert.deepEqual([awaiting.summary.file, awaiting.text], [null, null]);
});

test("FOI_DATA: the downloads leave an unreadable reply out, and the build says so once; ingest still exits 1", () => {
  assert.match(site.stderr, /^unreadable, listed on the pages and left out of the figures: responses\/broken\.pdf: /);
  assert.equal(site.stderr.match(/unreadable, listed/g)?.length, 1, "said once per build");
  assert.deepEqual(
    JSON.parse(member("responses.json")).unreadable.map((u: {file: string}) => u.file),
    ["responses/broken.pdf"]
  );
  const csv = member("records.csv");
  assert.equal(csv.trim().split("\n").length, 2, "a header and Alpha's one row");
  assert.match(csv.split("\n")[0], /,provenance,correctionReason,verdict$/);
  assert.equal(JSON.parse(member("records.json")).length, 1);
  assert.deepEqual(
    JSON.parse(member("quality.json"))
      .replies.map((r: {file: string}) => r.file)
      .sort(),
    ["responses/alpha.csv", "responses/broken.pdf"]
  );
  const ingest = run(["scripts/ingest.ts", "--all"], {FOI_DATA: data});
  assert.equal(ingest.status, 1);
  assert.match(ingest.stderr, /^error: responses\/broken\.pdf: /);
  assert.match(ingest.stdout, /^responses\/alpha\.csv: Alpha Council/);
  assert.equal(run(["scripts/ingest.ts", "--all", join(data, "responses/alpha.csv")], {FOI_DATA: data}).status, 2);
});

test("switching the data folder clears every loader output, archive members included", async () => {
  const project = join(dir, "project");
  mkdirSync(join(project, "src/data"), {recursive: true});
  writeFileSync(join(project, "src/data/campaign.zip.ts"), "process.stdout.write('');\n");
  writeFileSync(join(project, "src/data/notes.json.ts"), "process.stdout.write('{}');\n");
  const other = join(dir, "other-data");
  cpSync(data, other, {recursive: true});
  const cache = join(project, "src/.observablehq/cache");
  const made = () => {
    mkdirSync(join(cache, "data/campaign/councils"), {recursive: true});
    for (const output of ["data/campaign.zip", "data/campaign/councils/alpha-council.json", "data/notes.json"])
      writeFileSync(join(cache, output), "output");
  };
  const shipped = join(project, "data");
  mkdirSync(join(shipped, "mappings"), {recursive: true});
  writeFileSync(join(shipped, "mappings/age-bands.csv"), "label,band\n");
  const clear = async (dataDir: string) =>
    (
      await clearStaleLoaders({srcRoot: join(project, "src"), dataDir, projectRoot: project, fallbackDataDir: shipped})
    ).cleared.sort();
  await clear(data);
  made();
  assert.deepEqual(await clear(data), [], "nothing changed: the outputs and the archive's members are kept");
  assert.deepEqual(
    await clear(other),
    ["data/campaign.zip", "data/campaign/councils/alpha-council.json", "data/notes.json"],
    "another FOI_DATA folder"
  );
  made();
  await clear(other);
  writeFileSync(join(shipped, "mappings/age-bands.csv"), "label,band\n16 to 24,16-24\n");
  assert.deepEqual(
    await clear(other),
    ["data/campaign.zip", "data/campaign/councils/alpha-council.json", "data/notes.json"],
    "the project's mappings, which the folder falls back to, changed"
  );
});

test("zipArchive writes members any unzip reads back", () => {
  const members = [
    {name: "a.json", content: '{"a":1}'},
    {name: "ä/b.json", content: "x".repeat(10000)}
  ];
  const back = unzip(zipArchive(members));
  assert.deepEqual(
    [...back],
    [
      ["a.json", '{"a":1}'],
      ["ä/b.json", "x".repeat(10000)]
    ]
  );
  // Info-ZIP's unzip, where the machine has it, reads it too.
  const file = join(dir, "members.zip");
  writeFileSync(file, zipArchive(members));
  const unzipped = spawnSync("unzip", ["-p", file, "a.json"], {encoding: "utf8"});
  if (!unzipped.error) assert.equal(unzipped.stdout, '{"a":1}');
  assert.equal(readFileSync(file).subarray(0, 4).toString("hex"), "504b0304");
});
