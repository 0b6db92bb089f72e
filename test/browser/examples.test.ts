// The example notebooks (src/examples/): each opens with no error, states figures computed from the
// data, draws its chart, and is listed in the sidebar under its own heading.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import type {Browser} from "playwright-core";
import {loadMappings, readReply} from "../../src/lib/read/replies.js";
import {listReplies} from "../../src/lib/read/reply-files.js";
import {formatCount} from "../../src/lib/present/index.js";
import {type Site, visit, withSiteAndBrowser} from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
const mappings = loadMappings();
const replies = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const records = replies.flatMap((r) => r.records);
const authorities = [...new Set(replies.map((r) => r.authority))];
const sum = (rs: typeof records) => rs.reduce((n, r) => n + (r.count ?? 0), 0);
const pages = JSON.parse(readFileSync(join(ROOT, "src/pages.json"), "utf8")) as {
  name: string;
  pages?: {path: string}[];
}[];
const EXAMPLES = pages.find((p) => p.name === "Examples")?.pages?.map((p) => p.path) ?? [];

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

test("the sidebar lists the examples under their own heading", async () => {
  assert.deepEqual(EXAMPLES, ["/examples/upheld-by-age", "/examples/your-own-chart", "/examples/two-councils"]);
  const {page} = await visit(browser, site.url, site);
  const section = page.locator("#observablehq-sidebar section, #observablehq-sidebar details", {hasText: "Examples"});
  assert.equal(await section.count(), 1, "one Examples section");
  const links = await section
    .locator("a")
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  assert.deepEqual(
    links,
    EXAMPLES.map((p) => `${p}.html`)
  );
  await page.context().close();
});

test("upheld by age: arquero's figures are the data's, and pivot() agrees", async () => {
  const {page, problems} = await visit(browser, `${site.url}examples/upheld-by-age.html`, site);
  assert.deepEqual(problems, []);
  const known = records.filter((r) => r.upheld !== null);
  assert.equal(await page.locator("#employees").innerText(), formatCount(sum(known)));
  assert.equal(await page.locator("#upheld").innerText(), formatCount(sum(known.filter((r) => r.upheld))));
  assert.equal(await page.locator("#pivot-upheld").innerText(), formatCount(sum(known.filter((r) => r.upheld))));
  // One row per age band present among the records with a known outcome.
  const bands = new Set(known.map((r) => r.ageBand));
  assert.equal(await page.locator("table tbody tr").count(), bands.size);
  await page.context().close();
});

test("your own chart: Plot draws the known counts, withheld ones marked apart", async () => {
  const {page, problems} = await visit(browser, `${site.url}examples/your-own-chart.html`, site);
  assert.deepEqual(problems, []);
  assert.equal(await page.locator("#total").innerText(), formatCount(sum(records)));
  assert.ok((await page.locator(".card svg rect").count()) > 0, "bars drawn");
  const withheld = records.filter((r) => r.count === null).length;
  assert.equal((await page.locator(".card svg text", {hasText: "withheld"}).count()) > 0, withheld > 0);
  await page.context().close();
});

test("two councils: one chart facet and one line per council chosen", async () => {
  const {page, problems} = await visit(browser, `${site.url}examples/two-councils.html`, site);
  assert.deepEqual(problems, []);
  const shown = Math.min(2, authorities.length);
  assert.equal(await page.locator("#councils li").count(), shown);
  assert.equal(await page.locator("#one-council").count(), authorities.length < 2 ? 1 : 0);
  assert.match(await page.locator("#councils li").first().innerText(), new RegExp(`${authorities[0]}: `));
  await page.context().close();
});
