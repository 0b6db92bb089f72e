// FOI_DATA=DIR: the loaders and `npm run ingest` read another data folder (its responses/ and campaign/),
// with the project's mappings, reference figures and request where DIR has none; FOI_DATA_DIR still works.
// An unreadable reply is listed by the build's loaders and still fails `npm run ingest`. The council archive
// holds a member per council, and switching FOI_DATA clears the loaders' cached outputs, members included.
// Every reply here is MADE UP, written to a temp folder.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {inflateRawSync} from "node:zlib";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";
import {clearStaleLoaders} from "../../../scripts/clear-stale-loaders.js";
import {zipArchive} from "../../../src/lib/read/zip.js";

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

/** The members of a ZIP archive (the central directory walked, each member inflated). */
function unzip(bytes: Buffer): Map<string, string> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    out.set(name, inflateRawSync(bytes.subarray(start, start + size)).toString("utf8"));
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return out;
}

test("FOI_DATA: the campaign loader reads the folder, with the project's request and mappings", () => {
  const out = run(["src/data/campaign.json.ts"], {FOI_DATA: data});
  assert.equal(out.status, 0, out.stderr);
  const campaign = JSON.parse(out.stdout);
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
  // FOI_DATA_DIR, the older name, reads the same folder.
  assert.equal(run(["src/data/campaign.json.ts"], {FOI_DATA_DIR: data}).stdout, out.stdout);
});

test("FOI_DATA: the council archive holds a member per council, with the reply's text as its lines", () => {
  const out = spawnSync(process.execPath, ["--import", "tsx", "src/data/councils.zip.ts"], {
    cwd: ROOT,
    env: env({FOI_DATA: data}),
    maxBuffer: 1 << 28
  });
  assert.equal(out.status, 0, out.stderr.toString());
  const members = unzip(out.stdout);
  assert.deepEqual([...members.keys()], ["alpha-council.json", "awaiting-council.json", "broken-council.json"]);
  const alpha = JSON.parse(members.get("alpha-council.json")!);
  assert.equal(alpha.summary.status, "ok");
  assert.equal(alpha.reply.records.length, 1);
  assert.deepEqual(alpha.text.lines.slice(0, 3), ["MADE UP", "Age group,Outcome,Count", "16-24,Verbal warning,2"]);
  assert.equal(alpha.reply.records[0].line, 3, "line 3 of the text is the record's line");
  const broken = JSON.parse(members.get("broken-council.json")!);
  assert.equal(broken.reply, null);
  assert.match(broken.summary.detail, /PDF/);
  assert.match(broken.advice, /broken\.transcribed\.csv/);
  const awaiting = JSON.parse(members.get("awaiting-council.json")!);
  assert.deepEqual([awaiting.summary.file, awaiting.text], [null, null]);
});

test("FOI_DATA: the download loaders leave an unreadable reply out and say so; ingest still exits 1", () => {
  const responses = run(["src/data/responses.json.ts"], {FOI_DATA: data});
  assert.equal(responses.status, 0, responses.stderr);
  assert.match(
    responses.stderr,
    /^unreadable, listed on the pages and left out of the figures: responses\/broken\.pdf: /
  );
  assert.deepEqual(
    JSON.parse(responses.stdout).unreadable.map((u: {file: string}) => u.file),
    ["responses/broken.pdf"]
  );
  const csv = run(["src/data/records.csv.ts"], {FOI_DATA: data});
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal(csv.stdout.trim().split("\n").length, 2, "a header and Alpha's one row");
  assert.match(csv.stdout.split("\n")[0], /,provenance,correctionReason,verdict$/);
  const ingest = run(["scripts/ingest.ts", "--all"], {FOI_DATA: data});
  assert.equal(ingest.status, 1);
  assert.match(ingest.stderr, /^error: responses\/broken\.pdf: /);
  assert.match(ingest.stdout, /^responses\/alpha\.csv: Alpha Council/);
  assert.equal(run(["scripts/ingest.ts", "--all", join(data, "responses/alpha.csv")], {FOI_DATA: data}).status, 2);
});

test("switching the data folder clears every loader output, archive members included", async () => {
  const project = join(dir, "project");
  mkdirSync(join(project, "src/data"), {recursive: true});
  writeFileSync(join(project, "src/data/councils.zip.ts"), "process.stdout.write('');\n");
  writeFileSync(join(project, "src/data/campaign.json.ts"), "process.stdout.write('{}');\n");
  const other = join(dir, "other-data");
  cpSync(data, other, {recursive: true});
  const cache = join(project, "src/.observablehq/cache");
  const made = () => {
    mkdirSync(join(cache, "data/councils"), {recursive: true});
    for (const output of ["data/councils.zip", "data/councils/alpha-council.json", "data/campaign.json"])
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
    ["data/campaign.json", "data/councils.zip", "data/councils/alpha-council.json"],
    "another FOI_DATA folder"
  );
  made();
  await clear(other);
  writeFileSync(join(shipped, "mappings/age-bands.csv"), "label,band\n16 to 24,16-24\n");
  assert.deepEqual(
    await clear(other),
    ["data/campaign.json", "data/councils.zip", "data/councils/alpha-council.json"],
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
