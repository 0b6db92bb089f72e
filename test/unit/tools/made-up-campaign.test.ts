// The made-up campaign generator (tools/made-up-campaign.ts): exact numbers per status, the same bytes for the
// same seed, every file labelled made up, and each reply read by the kit as the generator says it wrote it.
import assert from "node:assert/strict";
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {csvParse} from "d3-dsv";
import {madeUpMix, writeMadeUpCampaign, type MadeUpCampaign} from "../../../tools/made-up-campaign.js";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {ReplyError} from "../../../src/lib/core/errors.js";

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "foi-made-up-test-"));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
});

const campaign: MadeUpCampaign = writeMadeUpCampaign(fresh(), {councils: 60, seed: 11});

test("the mix has exact numbers per status, and the awaiting councils are only in authorities.csv", () => {
  assert.deepEqual(campaign.statusCounts, {
    ok: 42,
    nil: 6,
    refused: 6,
    "not held": 3,
    unreadable: 3,
    awaiting: 3
  });
  assert.deepEqual(madeUpMix(400), {ok: 297, nil: 40, refused: 40, "not held": 20, unreadable: 3});
  const replies = readdirSync(join(campaign.dir, "responses")).filter((f) => !f.endsWith(".meta.json"));
  assert.equal(replies.length, 60);
  assert.equal(readdirSync(join(campaign.dir, "responses")).length, 120, "each reply has its .meta.json");
  const asked = csvParse(readFileSync(join(campaign.dir, "campaign/authorities.csv"), "utf8"));
  assert.deepEqual(asked.columns, ["name", "code", "type", "region"]);
  assert.deepEqual(
    asked.map((r) => r.name),
    campaign.councils.map((c) => c.authority)
  );
  assert.deepEqual(
    JSON.parse(readFileSync(join(campaign.dir, "campaign/request.json"), "utf8")),
    JSON.parse(readFileSync(join(import.meta.dirname, "../../../data/campaign/request.json"), "utf8"))
  );
  for (const name of ["age-bands.csv", "outcomes.csv"]) assert.ok(readFileSync(join(campaign.dir, "mappings", name)));
  // The mix a campaign needs: every layout, withheld counts, every refusal section, every unreadable kind.
  const ok = campaign.councils.filter((c) => c.status === "ok");
  assert.deepEqual(new Set(ok.map((c) => c.layout)), new Set(["tabbed", "csv", "pipe"]));
  assert.deepEqual(
    new Set(ok.filter((c) => c.withheldRows > 0).map((c) => c.layout)),
    new Set(["tabbed", "csv", "pipe"])
  );
  const raws = new Set(ok.flatMap((c) => c.rows.filter((r) => r.count === null).map((r) => r.countRaw)));
  assert.deepEqual(raws, new Set(["<5", "*"]));
  assert.deepEqual(new Set(campaign.councils.flatMap((c) => c.refusalSections)), new Set([12, 14, 40, 43]));
  assert.deepEqual(
    campaign.councils.filter((c) => c.status === "unreadable").map((c) => c.layout),
    ["empty", "binary", "letter"]
  );
});

test("the pooled truth is the sum of the stated counts of the answered replies", () => {
  let sum = 0;
  for (const c of campaign.councils) for (const r of c.rows) sum += r.count ?? 0;
  assert.equal(campaign.pooled.employees, sum);
  assert.equal(
    Object.values(campaign.pooled.byAgeBand).reduce((a, b) => a + b, 0),
    sum
  );
  assert.equal(
    Object.values(campaign.pooled.byOutcome).reduce((a, b) => a + b, 0),
    sum
  );
  for (const c of campaign.councils) {
    if (c.status === "nil") assert.equal(c.employees, 0);
    if (c.status === "refused" || c.status === "not held" || c.status === "unreadable") assert.equal(c.employees, null);
  }
});

test("the same seed writes the same bytes; another seed writes others", () => {
  const again = writeMadeUpCampaign(fresh(), {councils: 60, seed: 11});
  const other = writeMadeUpCampaign(fresh(), {councils: 60, seed: 12});
  const files = (dir: string) =>
    readdirSync(join(dir, "responses"))
      .sort()
      .map((f) => [f, readFileSync(join(dir, "responses", f)).toString("base64")]);
  assert.deepEqual(files(again.dir), files(campaign.dir));
  assert.deepEqual(again.councils, campaign.councils);
  assert.notDeepEqual(files(other.dir), files(campaign.dir));
});

test("every text file says it is made up and not a real reply", () => {
  for (const c of campaign.councils) {
    if (!c.file || c.layout === "empty" || c.layout === "binary") continue;
    const text = readFileSync(join(campaign.dir, c.file), "utf8");
    assert.match(text, /MADE UP: SYNTHETIC .*not a real reply/, c.file);
    const meta = JSON.parse(readFileSync(join(campaign.dir, c.file.replace(/\.[a-z]+$/, ".meta.json")), "utf8"));
    assert.match(meta.attribution, /made up/i);
    assert.match(meta.authority, /\(made up\)$/);
  }
});

test("the kit reads each reply as the generator wrote it: status, counts, withheld rows, sections; unreadable files fail by name", async () => {
  const mappings = loadMappings(campaign.dir);
  for (const c of campaign.councils) {
    if (!c.file) continue;
    const path = join(campaign.dir, c.file);
    if (c.status === "unreadable") {
      await assert.rejects(
        readReply(path, mappings, {dataDir: campaign.dir, cacheDir: null}),
        (e: unknown) => e instanceof ReplyError && e.message.startsWith(c.file!),
        c.file
      );
      continue;
    }
    const r = await readReply(path, mappings, {dataDir: campaign.dir, cacheDir: null});
    assert.equal(r.status, c.status, c.file);
    assert.equal(r.records.length, c.rows.length, c.file);
    assert.deepEqual(
      r.records.map((x) => [x.ageBand, x.outcome, x.count]),
      c.rows.map((x) => [x.ageBand, x.outcome, x.count]),
      c.file
    );
    assert.deepEqual(r.refusal?.sections ?? [], c.refusalSections, c.file);
  }
});
