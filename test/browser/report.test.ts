// The report and the data page as a reader uses them: figures computed from the data, working downloads, search.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import {csvParse} from "d3-dsv";
import type {Browser} from "playwright-core";
import {outcomeOrder} from "../../src/lib/parse/mappings.js";
import {loadMappings, readReply} from "../../src/lib/read/replies.js";
import {listReplies} from "../../src/lib/read/reply-files.js";
import {formatShare} from "../../src/lib/present/index.js";
import {reportFigures} from "../../src/lib/report/figures.js";
import {replyCaveats} from "../../src/lib/records/caveats.js";
import {replySource} from "../../src/lib/report/reply-source.js";
import {RECORD_COLUMNS, RECORD_FIELDS} from "../../src/lib/records/tidy.js";
import {AGE_BANDS} from "../../src/lib/core/types.js";
import {type Site, visit, withSiteAndBrowser} from "./harness.js";

const mappings = loadMappings();
const responses = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const figures = reportFigures({ageBands: [...AGE_BANDS], outcomes: outcomeOrder(mappings), responses});
const caveats = replyCaveats(responses[0]);
const source = replySource(responses[0]);
const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ");
const request = JSON.parse(readFileSync(join(import.meta.dirname, "../../data/campaign/request.json"), "utf8"));

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

test("the report states the question, the answer, caveats and sources with figures from the data", async () => {
  const {page, problems} = await visit(browser, site.url, site);
  assert.deepEqual(problems, []);
  const text = squash(await page.locator("#observablehq-main").textContent());
  // The question comes from the request (data/campaign/request.json), never from a reply's answers.
  for (const n of [5, 6, 8])
    assert.ok(text.includes(request.questions.find((q: {number: number}) => q.number === n).text), `question ${n}`);
  assert.ok(text.includes(request.source), "where the request's wording comes from");
  assert.ok(text.includes(`investigated ${figures.employees} employees`));
  assert.ok(text.includes(caveats.scope!.quote), "answer 7 quoted");
  assert.ok(text.includes(`${caveats.share!.pct}% of all disciplinary proceedings`));
  assert.ok(text.includes(source.attribution!), "the licence's attribution");
  const shares = await page
    .locator("table.figures tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(
    shares,
    figures.bands.map((b) => [
      b.band,
      String(b.count),
      formatShare(b.share),
      `${formatShare(b.lower)} to ${formatShare(b.upper)}`
    ])
  );
  // Every link on the page leads somewhere that exists.
  const hrefs = await page
    .locator("#observablehq-main a[href]")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  for (const href of hrefs.filter((h) => h.startsWith(site.origin))) {
    assert.equal((await page.request.get(href)).status(), 200, href);
  }
  await page.context().close();
});

test("the report embeds the Ofcom comparison and links to every explorer page", async () => {
  const source = readFileSync(join(import.meta.dirname, "../../src/index.md"), "utf8");
  assert.ok(source.split("\n").length < 200, "the page stays short");
  const {page, problems} = await visit(browser, site.url, site);
  assert.deepEqual(problems, []);
  const main = page.locator("#observablehq-main");
  assert.match((await main.textContent()) ?? "", /Communications Market Report 2015/, "the Ofcom citation");
  assert.ok((await main.locator(".ofcom-reading p").count()) >= 3, "the generated reading of the comparison");
  assert.ok((await main.locator("svg[class^=plot]").count()) >= 2, "the age chart and the Ofcom chart");
  const links = await main
    .locator("a[href]")
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  for (const path of ["/explore", "/ofcom", "/data"])
    assert.ok(
      links.some((l) => l.startsWith(path)),
      `links to ${path}`
    );
  await page.context().close();
});

test("the report shows the campaign: statuses, councils behind the pooled figures, the funnel plot and the council table", async () => {
  const {page, problems} = await visit(browser, site.url, site);
  assert.deepEqual(problems, []);
  const main = page.locator("#observablehq-main");
  const text = squash(await main.textContent());
  // One council replied and answered: the status section says so, and that a refusal is never a zero.
  assert.ok(text.includes(`${responses.length} council replied`), "councils replied");
  assert.ok(text.includes(`${responses.length} answered with figures`), "answered");
  assert.ok(text.includes("No council refused"));
  assert.ok(text.includes("A refusal is never counted as zero cases"));
  assert.ok(
    text.includes(`pool ${figures.employees} employees in 1 council`),
    "the councils behind the pooled figures"
  );
  const bars = await main.locator("figure:has(h2:text('Replies to the request')) svg g[aria-label='bar'] rect").count();
  assert.equal(bars, 6, "a bar per status (no awaiting without a list of the authorities asked)");
  // With one council there is nothing to set it against: the funnel plot says so instead of drawing a lonely dot.
  assert.match(text, /Only Leicester City Council has cases so far, so there are no councils to compare/);
  assert.equal(await main.locator("select").count(), 0, "no age band to choose for a plot that is not drawn");
  // The council table: searchable, sortable, a row per council linking to its page.
  const rows = await main
    .locator("form table tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent)));
  // Council, status, employees, withheld rows, verdict (its totals agree with its rows), reply date.
  assert.deepEqual(rows, [
    ["Leicester City Council", "answered", String(figures.employees), "0", "verified", rows[0][5]]
  ]);
  const href = await main.locator("form table tbody a").first().getAttribute("href");
  assert.equal(href, "./councils/leicester-city-council.html");
  await main.locator("input[type=search]").fill("no such council");
  await page.waitForTimeout(200);
  assert.equal(await main.locator("form table tbody tr").count(), 0, "the search filters the table");
  await page.context().close();
});

test("the data page offers the records as CSV and JSON and describes every column", async () => {
  const {page, problems} = await visit(browser, site.url + "data.html", site);
  assert.deepEqual(problems, []);
  const csvHref = await page.locator("a[download][href*='records'][href$='.csv']").getAttribute("href");
  const jsonHref = await page.locator("a[download][href*='records'][href$='.json']").getAttribute("href");
  const csv = csvParse(await (await page.request.get(new URL(csvHref!, page.url()).href)).text());
  const json = await (await page.request.get(new URL(jsonHref!, page.url()).href)).json();
  assert.deepEqual(csv.columns, RECORD_COLUMNS);
  assert.equal(
    csv.reduce((s, r) => s + Number(r.count || 0), 0),
    figures.employees
  );
  assert.equal(json.length, csv.length);
  const described = await page.locator("table.dictionary tbody tr td:first-child").allTextContents();
  assert.deepEqual(
    described,
    RECORD_FIELDS.map((f) => f.name)
  );
  await page.context().close();
});

test("search finds the report from words in it, offline", async () => {
  const {page, problems} = await visit(browser, site.url + "data.html", site);
  await page.locator("#observablehq-search input").fill("disciplinary");
  const result = page.locator("#observablehq-search-results a").first();
  await result.waitFor();
  assert.equal(await result.textContent(), "Social media investigations of council staff");
  await result.click();
  await page.waitForURL((url) => !url.pathname.endsWith("data.html"));
  assert.equal(await page.locator("h1").first().textContent(), "Social media investigations of council staff");
  assert.deepEqual(problems, []);
  await page.context().close();
});
