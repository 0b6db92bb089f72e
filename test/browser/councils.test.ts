// A council's page at the shipped scale (Leicester): its status, its table (31 employees), its checks,
// the Ofcom comparison, the reply's text with an anchor per line that every "line N" link lands on,
// and a link into the explorer filtered to the council. Read from the built page.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import type {Browser} from "playwright-core";
import {DIST, type Site, settle, visit, withSiteAndBrowser} from "./harness.js";

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

const REPLY = join(import.meta.dirname, "../../data/responses/leicester-city-council-2016.txt");

test("Leicester's page: status, table, checks, Ofcom comparison and source", async () => {
  const {page, problems} = await visit(browser, site.url + "councils/leicester-city-council.html", site);
  assert.deepEqual(problems, []);
  assert.equal(await page.locator("main h1").first().textContent(), "Leicester City Council");
  assert.match((await page.locator(".council-status").textContent()) ?? "", /Status: answered\./);
  assert.equal(await page.locator(".council-total").textContent(), "31");
  // The pivot's grand total: the same 31, from the records.
  assert.equal(await page.locator('td.total[data-row="*"][data-col="*"]').textContent(), "31");
  const checks = await page.locator(".council-checks li").allTextContents();
  assert.ok(checks.length >= 3, `checks: ${checks.join(" | ")}`);
  assert.ok(
    checks.every((c) => /: (pass|not available)/.test(c)),
    checks.join(" | ")
  );
  assert.equal(await page.locator("#ofcom").count(), 1);
  assert.equal((await page.locator("figure svg, svg[role]").count()) > 0, true);
  const main = (await page.locator("main").textContent()) ?? "";
  assert.match(main, /had 6,837 staff/, "the council's published staff number, from reference/");
  assert.match(main, /Open Government Licence/);
  assert.match(main, /responses\/leicester-city-council-2016\.txt/);
});

test("Leicester's page: the reply's text line by line, each line an anchor", async () => {
  const {page, problems} = await visit(browser, site.url + "councils/leicester-city-council.html#L42", site);
  assert.deepEqual(problems, []);
  const lines = readFileSync(REPLY, "utf8").split(/\r\n|\n|\r/);
  const shown = await page.locator(".reply-text tr").count();
  assert.equal(shown, lines.length);
  for (const n of [1, 42, lines.length]) {
    const text = await page.locator(`tr#L${n} td.tx`).textContent();
    assert.equal(text, lines[n - 1], `line ${n}`);
  }
  // The row of the table behind a record links to its line, and that line is the record's text.
  await page.locator("details:has(.council-records) summary").click();
  const link = page.locator(".council-records a").first();
  const href = (await link.getAttribute("href")) ?? "";
  assert.match(href, /^#L\d+$/);
  await link.click();
  await settle(page);
  assert.equal(new URL(page.url()).hash, href);
  assert.equal(await page.locator(`tr${href}:target`).count(), 1);
});

test("Leicester's page links to the explorer filtered to Leicester", async () => {
  const {page, problems} = await visit(browser, site.url + "councils/leicester-city-council.html", site);
  assert.deepEqual(problems, []);
  const href = (await page.locator("a.explore-link").getAttribute("href")) ?? "";
  const url = new URL(href, page.url());
  assert.equal(url.pathname, "/explore.html");
  assert.deepEqual(url.searchParams.getAll("authority"), ["Leicester City Council"]);
  const explorer = await visit(browser, url.href, site);
  assert.deepEqual(explorer.problems, []);
});

test("Council pages are built for every council and kept out of the sidebar", () => {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  assert.doesNotMatch(html, /href="\.\/councils\//);
  assert.ok(readFileSync(join(DIST, "councils/leicester-city-council.html"), "utf8").length > 0);
});
