// Slugs that never collide (issue 20): "St. Helens", "St Helens" and "St Helens 2" each get their own
// council page, the same way every time, and the collision is reported on the data-quality page.
// Every reply here is MADE UP, written to a temp folder.
import assert from "node:assert/strict";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";
import {assignSlugs, uniqueSlugs} from "../../../src/lib/campaign/slug.js";
import {summariseCampaign} from "../../../src/lib/campaign/summarise.js";
import {readCampaign} from "../../../src/lib/read/campaign-folder.js";
import {councilSlugs} from "../../../src/lib/read/data-folder.js";
import {qualityData, slugsByFile} from "../../../src/lib/campaign/quality.js";

const dir = mkdtempSync(join(tmpdir(), "foi-slugs-"));
after(() => rmSync(dir, {recursive: true, force: true}));

test("names giving one slug each get their own, skipping a slug another name gives", () => {
  assert.deepEqual(uniqueSlugs(["St. Helens", "St Helens", "St Helens 2"]), [
    "st-helens",
    "st-helens-3",
    "st-helens-2"
  ]);
  assert.deepEqual(uniqueSlugs(["St Helens 2", "St Helens", "St. Helens"]), [
    "st-helens-2",
    "st-helens",
    "st-helens-3"
  ]);
  assert.deepEqual(uniqueSlugs(["A", "a", "a-2", "A!", "a 3"]), ["a", "a-4", "a-2", "a-5", "a-3"]);
  assert.deepEqual(uniqueSlugs(["???", "!!!", "Council"]), ["council", "council-2", "council-3"]);
  const many = uniqueSlugs(Array.from({length: 50}, (_, i) => (i % 2 ? `X ${i}` : "x")));
  assert.equal(new Set(many).size, many.length, "never two alike");
  assert.deepEqual(
    assignSlugs(["St. Helens", "St Helens", "Leicester"]).map((a) => a.sharedWith),
    [[1], [0], []]
  );
});

test("three St Helens replies: three pages, the same on every build, and the collision on /data-quality", async () => {
  const root = join(dir, "data");
  const responses = join(root, "responses");
  mkdirSync(responses, {recursive: true});
  const table = "MADE UP\nAge group,Outcome,Count\n16-24,Verbal warning,1\nTotal,,1\n";
  for (const [file, authority] of [
    ["c.csv", "St. Helens"],
    ["a.csv", "St Helens"],
    ["b.csv", "St Helens 2"]
  ]) {
    writeFileSync(join(responses, file), table);
    writeFileSync(join(responses, file.replace(".csv", ".meta.json")), madeUpMeta(authority));
  }
  const {input, replies, unreadable} = await readCampaign(root);
  const slugs = summariseCampaign(input).councils.map((c) => [c.authority, c.slug]);
  assert.deepEqual(slugs, [
    ["St Helens", "st-helens"],
    ["St Helens 2", "st-helens-2"],
    ["St. Helens", "st-helens-3"]
  ]);
  assert.deepEqual(
    councilSlugs(root),
    slugs.map(([, slug]) => slug),
    "the pages' routes are the data's"
  );
  const byFile = slugsByFile(replies, unreadable);
  assert.equal(new Set(byFile.values()).size, 3);
  const quality = qualityData(replies, unreadable);
  const warning = (file: string) =>
    quality.replies.find((r) => r.file === file)!.warningList.find((w) => /page address/.test(w.message))?.message;
  assert.match(
    warning("responses/a.csv")!,
    /"St Helens" gives the same page address \(st-helens\).*this one has councils\/st-helens\.html; "St\. Helens" \(responses\/c\.csv\) has councils\/st-helens-3\.html/
  );
  assert.match(warning("responses/c.csv")!, /this one has councils\/st-helens-3\.html/);
  assert.equal(warning("responses/b.csv"), undefined, "St Helens 2 collides with no one's own slug");
  assert.ok(quality.replies.find((r) => r.file === "responses/a.csv")!.warnings >= 1);
});
