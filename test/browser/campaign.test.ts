// A MADE-UP campaign of 60 councils (tools/made-up-campaign.ts) built into one separate site, as a user would
// with FOI_DATA: the pages must agree with what the generator wrote (its own truth, never the kit's reading):
// statuses, pooled numbers, council pages and their links, the explorer's council filter, unreadable files
// listed rather than fatal, and a refusal never counted as zero. The site is built once and shared by the tests.
import assert from "node:assert/strict";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import type {Browser, Page} from "playwright-core";
import {buildCopy, copyApp} from "../../tools/app-copy.js";
import {writeMadeUpCampaign, type MadeUpCampaign, type MadeUpCouncil} from "../../tools/made-up-campaign.js";
import {builtPages, visit, withSiteAndBrowser, type Site} from "./harness.js";

const COUNCILS = 60;
const SEED = 11;

const dir = mkdtempSync(join(tmpdir(), "foi-campaign-test-"));
let campaign: MadeUpCampaign;
let browser: Browser;
let site: Site;
let dist: string;

const build = (data: string, out: string) => buildCopy(dir, {FOI_DATA: data, FOI_DATA_DIR: data, FOI_OUTPUT: out});

/** Copies the app into a temp folder (tools/app-copy.ts), writes the made-up campaign beside it and builds it there with FOI_DATA. */
function buildSite(): string {
  copyApp(dir);
  campaign = writeMadeUpCampaign(join(dir, "campaign"), {councils: COUNCILS, seed: SEED});
  const out = join(dir, "dist");
  const done = build(campaign.dir, out);
  // Unreadable files (an empty file, a binary blob, a letter without its table) are listed, never a failed build.
  assert.equal(done.status, 0, done.stderr);
  return out;
}

withSiteAndBrowser(
  (s, b) => ((site = s), (browser = b)),
  "/",
  () => (dist = buildSite())
);
// rmSync removes the node_modules symlink itself, never what it points to.
after(() => rmSync(dir, {recursive: true, force: true}));

const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ");
const byStatus = (status: MadeUpCouncil["status"]) => campaign.councils.filter((c) => c.status === status);
/** "1,234" or "965 + withheld" → its leading number. */
const leading = (s: string | null) => Number((s ?? "").replace(/,/g, "").match(/\d+/)?.[0] ?? NaN);
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The status a reader should see for a council, in the words of present/status.ts. */
function expectedStatus(c: MadeUpCouncil): RegExp {
  switch (c.status) {
    case "ok":
      return /^answered$/;
    case "nil":
      return /^nil return$/;
    case "refused":
      return new RegExp(`^refused \\(section ${c.refusalSections.join(", ")}\\)$`);
    case "not held":
      return /^information not held$/;
    case "unreadable":
      return /could not be read|unreadable/;
    case "awaiting":
      return /awaiting/;
  }
}

/** The council table as printed (every council, no virtual scrolling): council, status, employees, withheld. */
async function councilTable(page: Page): Promise<Map<string, string[]>> {
  const rows = await page
    .locator("table.council-print tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return new Map(rows.map((r) => [r[0], r.slice(1)]));
}

test("the home page counts every status as the generator wrote it", async () => {
  const {page, problems} = await visit(browser, site.url, site);
  assert.deepEqual(problems, []);
  const text = squash(await page.locator("#observablehq-main").textContent());
  const counts = campaign.statusCounts;
  const replied = campaign.councils.length - counts.awaiting;
  assert.ok(text.includes(`${replied} councils replied of the ${campaign.councils.length} councils asked`), text);
  assert.ok(text.includes(`${counts.awaiting} have not replied yet`));
  assert.match(text, new RegExp(`\\b${counts.ok} answered with figures`));
  assert.match(text, new RegExp(`\\b${counts.nil} made a nil return`));
  assert.match(text, new RegExp(`\\b${counts.refused} refused`));
  assert.match(text, new RegExp(`\\b${counts["not held"]} said the information is not held`));
  // Each council's status in the council table.
  const table = await councilTable(page);
  assert.equal(table.size, campaign.councils.length, "a row per council asked");
  for (const c of campaign.councils) {
    const row = table.get(c.authority);
    assert.ok(row, `${c.authority} is in the council table`);
    assert.match(row[0], expectedStatus(c), c.authority);
  }
  await page.context().close();
});

test("pooled numbers are the sums over the generated answered replies", async () => {
  const {page, problems} = await visit(browser, site.url, site);
  assert.deepEqual(problems, []);
  const text = squash(await page.locator("#observablehq-main").textContent());
  const employees = campaign.pooled.employees.toLocaleString("en-GB");
  assert.ok(
    text.includes(`pool ${employees} employees in ${campaign.statusCounts.ok} councils`),
    "the councils behind"
  );
  const bands = await page
    .locator("table.figures tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[1].textContent]));
  assert.deepEqual(
    bands,
    Object.entries(campaign.pooled.byAgeBand).map(([band, n]) => [band, n.toLocaleString("en-GB")])
  );
  // The pooled table by age band and outcome: its totals row, outcome by outcome, and the grand total.
  const pivot = page.locator("table.pivot-table").first();
  const header = (await pivot.locator("thead tr").last().locator("th").allTextContents()).map((s) => s.trim());
  const totals = await pivot
    .locator("tr", {has: page.locator("th", {hasText: /^Total$/})})
    .last()
    .locator("td")
    .allTextContents();
  const outcomes = header.slice(1, -1);
  assert.deepEqual(
    Object.fromEntries(outcomes.map((o, k) => [o, leading(totals[k])])),
    Object.fromEntries(outcomes.map((o) => [o, campaign.pooled.byOutcome[o] ?? 0]))
  );
  assert.equal(leading(totals[totals.length - 1]), campaign.pooled.employees);
  await page.context().close();
});

test("a refusal is never counted as zero; a nil return is", async () => {
  const {page} = await visit(browser, site.url, site);
  const table = await councilTable(page);
  for (const c of [...byStatus("refused"), ...byStatus("not held"), ...byStatus("awaiting")])
    assert.equal(table.get(c.authority)?.[1], "no count", `${c.authority} (${c.status})`);
  for (const c of byStatus("nil")) assert.equal(table.get(c.authority)?.[1], "0", `${c.authority} (nil return)`);
  for (const c of byStatus("ok"))
    assert.equal(leading(table.get(c.authority)?.[1] ?? ""), c.employees, `${c.authority} (answered)`);
  await page.context().close();
  // A refusing council's own page says it refused, and shows no count of 0.
  const refused = byStatus("refused")[0];
  const own = await visit(browser, `${site.url}councils/${slugOf(refused.authority)}.html`, site);
  assert.deepEqual(own.problems, []);
  const text = squash(await own.page.locator("#observablehq-main").textContent());
  assert.match(text, /refused/);
  assert.match(text, new RegExp(`section ${refusal(refused)}`));
  assert.doesNotMatch(text, /\b0 employees\b/);
  await own.page.context().close();
});
const refusal = (c: MadeUpCouncil) => c.refusalSections[0];

test("every council has a page, the table links to it, and it links to the explorer filtered to it", async () => {
  const pages = new Set(builtPages(dist));
  for (const c of campaign.councils)
    if (c.status !== "awaiting") assert.ok(pages.has(`councils/${slugOf(c.authority)}.html`), c.authority);
  const {page} = await visit(browser, site.url, site);
  const hrefs = await page
    .locator("#observablehq-main form table a[href*='councils/']")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  assert.ok(hrefs.length > 0, "the council table links to council pages");
  for (const href of hrefs) assert.equal((await page.request.get(href)).status(), 200, href);
  await page.context().close();

  // An answered council with no withheld row: its page's table and the explorer filtered to it agree with the generator.
  const c = byStatus("ok").find((x) => x.withheldRows === 0 && x.employees! > 0)!;
  const own = await visit(browser, `${site.url}councils/${slugOf(c.authority)}.html`, site);
  assert.deepEqual(own.problems, []);
  const main = own.page.locator("#observablehq-main");
  assert.ok(squash(await main.textContent()).includes(c.authority));
  const link = main.locator("a[href*='explore']").first();
  const href = await link.getAttribute("href");
  assert.ok(href && new URL(href, own.page.url()).searchParams.get("authority") === c.authority, href ?? "no link");
  await own.page.context().close();

  const explorer = await visit(browser, new URL(href!, `${site.url}councils/x.html`).href, site);
  assert.deepEqual(explorer.problems, []);
  const total = await explorer.page
    .locator("table.pivot-table tr", {has: explorer.page.locator("th", {hasText: /^Total$/})})
    .last()
    .locator("td")
    .last()
    .textContent();
  assert.equal(leading(total), c.employees, "the explorer filtered to the council totals its employees");
  await explorer.page.context().close();
});

test("the explorer's council filter: one search box, and choosing councils totals theirs", async () => {
  const {page, problems} = await visit(browser, site.url + "explore.html", site);
  assert.deepEqual(problems, []);
  assert.equal(await page.locator("input[type=checkbox][name=authority]").count(), 0, "no checkbox per council");
  const [a, b] = byStatus("ok").filter((x) => x.withheldRows === 0);
  for (const c of [a, b]) {
    await page.fill("input[name=authority-search]", c.authority);
    await page.keyboard.press("Enter");
  }
  const want = String(a.employees! + b.employees!);
  await page.waitForFunction(
    (want) => {
      const rows = [...document.querySelectorAll("table.pivot-table tr")];
      const total = rows.reverse().find((r) => r.querySelector("th")?.textContent?.trim() === "Total");
      return total?.querySelector("td:last-child")?.textContent?.trim() === want;
    },
    want,
    {timeout: 5000}
  );
  await page.context().close();
});

test("unreadable replies are listed with their reason, and the site still builds", async () => {
  const {page, problems} = await visit(browser, site.url + "data-quality.html", site);
  assert.deepEqual(problems, []);
  const text = squash(await page.locator("#observablehq-main").textContent());
  for (const c of byStatus("unreadable")) assert.ok(text.includes(c.file!), `${c.file} is listed`);
  // Each council's page gives the reason the kit could not read its file.
  const reasons: Record<string, RegExp> = {empty: /empty/, binary: /binary/, letter: /no table/};
  for (const c of byStatus("unreadable")) {
    const own = await visit(browser, `${site.url}councils/${slugOf(c.authority)}.html`, site);
    assert.deepEqual(own.problems, [], c.authority);
    assert.match(squash(await own.page.locator("#observablehq-main").textContent()), reasons[c.layout!], c.authority);
    await own.page.context().close();
  }
  assert.match(text, /could not read 3 files/);
  await page.context().close();
  const home = await visit(browser, site.url, site);
  assert.match(squash(await home.page.locator("#observablehq-main").textContent()), /could not read 3 replies/);
  await home.page.context().close();
});
