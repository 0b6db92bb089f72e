// The explorer in Chromium: drive the controls as a reader would and check the numbers the page shows,
// the drill-down to the reply's lines, the view in the address bar (links, back and forward) and the downloads.
import assert from "node:assert/strict";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {csvParseRows} from "d3-dsv";
import type {Browser, Page} from "playwright-core";
import {madeUpMeta} from "../../tools/fixtures/made-up-meta.js";
import {slugOf} from "../../src/lib/campaign/slug.js";
import {syntheticReplies, type SyntheticReply} from "../../tools/synthetic-replies.js";
import {buildCopy, copyApp} from "../../tools/app-copy.js";
import {serveDist, type Site, visit, withSiteAndBrowser} from "./harness.js";

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

async function open(search = "") {
  const visited = await visit(browser, `${site.url}explore.html${search}`, site);
  assert.deepEqual(visited.problems, []);
  return visited.page;
}

/** The pivot table as the reader sees it: header row, body rows, totals row, as text. */
const readTable = (page: Page) =>
  page
    .locator("table.pivot-table")
    .evaluate((table: HTMLTableElement) =>
      [...table.rows].map((tr) => [...tr.cells].map((c) => c.textContent!.trim()))
    );

/** Waits until the table's cell at (row label, column label) reads `text`. */
async function waitForCell(page: Page, row: string, col: string, text: string) {
  await page
    .waitForFunction(
      ([row, col, text]) => {
        const table = document.querySelector<HTMLTableElement>("table.pivot-table");
        if (!table) return false;
        const rows = [...table.rows];
        const j = [...rows[0].cells].findIndex((c) => c.textContent!.trim() === col);
        const tr = rows.find((r) => r.cells[0].textContent!.trim() === row);
        return j >= 0 && tr?.cells[j]?.textContent!.trim() === text;
      },
      [row, col, text],
      {timeout: 5000}
    )
    .catch(async () =>
      assert.fail(`cell ${row} × ${col} never read ${text}; the table: ${JSON.stringify(await readTable(page))}`)
    );
}

const column = (table: string[][], name: string) => {
  const j = table[0].indexOf(name);
  return Object.fromEntries(table.slice(1).map((r) => [r[0], r[j]]));
};
const search = (page: Page) => new URL(page.url()).search;

test("the default view: age bands by outcome, with totals, a chart and the seed's numbers", async () => {
  const page = await open();
  const table = await readTable(page);
  assert.deepEqual(column(table, "Total"), {
    "16-24": "0",
    "25-34": "11",
    "35-44": "12",
    "45-54": "4",
    "55+": "4",
    Total: "31"
  });
  const totals = Object.fromEntries(table[0].map((h, j) => [h, table.at(-1)![j]]));
  assert.equal(totals["no case to answer"], "12");
  assert.equal(totals["final written warning"], "7");
  assert.equal(table[0][1], "no case to answer", "outcomes in severity order");
  assert.ok((await page.locator(".pivot-chart svg[class^=plot]").count()) >= 1, "the chart is drawn");
  assert.match(
    (await page.locator(".pivot-chart h2").textContent()) ?? "",
    /Number of employees, by age band and outcome/
  );
  assert.equal(search(page), "");
  await page.context().close();
});

test("changing measure, rows and filter changes the numbers and the address", async () => {
  const page = await open();
  await page.selectOption("select[name=measure]", "pctRow");
  await waitForCell(page, "35-44", "no case to answer", "50.0%");
  await waitForCell(page, "16-24", "Total", "–");
  assert.equal(search(page), "?measure=pct-row");

  // Choosing the columns' dimension for the rows swaps them.
  await page.selectOption("select[name=rows]", "outcome");
  await waitForCell(page, "no case to answer", "35-44", "50.0%");
  assert.equal(await page.locator("select[name=cols]").inputValue(), "ageBand");
  assert.deepEqual((await readTable(page))[0].slice(1, 3), ["16-24", "25-34"]);

  await page.selectOption("select[name=measure]", "count");
  await page.check("input[name=exclude]");
  await waitForCell(page, "Total", "Total", "19");
  const table = await readTable(page);
  assert.ok(!table.some((r) => r[0] === "no case to answer"), "no case to answer is left out");
  assert.equal(column(table, "Total")["final written warning"], "7");
  assert.equal(search(page), "?rows=outcome&cols=age&exclude=no-case");

  await page.selectOption("select[name=cols]", "tier");
  await waitForCell(page, "final written warning", "warning", "7");
  await page.context().close();
});

test("choosing a cell lists the reply's lines behind it, by mouse and by keyboard", async () => {
  const page = await open();
  await page.locator('td[data-row="25-34"][data-col="final written warning"] button').click();
  await page.waitForSelector("table.pivot-records");
  const sources = await page.locator("table.pivot-records td.source").allTextContents();
  assert.ok(sources.length >= 1);
  for (const s of sources) assert.match(s, /^responses\/leicester-city-council-2016\.txt:\d+$/);
  assert.ok(
    sources.includes("responses/leicester-city-council-2016.txt:49"),
    "the first row of the table, its count on line 49"
  );
  const counts = (await page.locator("table.pivot-records tbody tr td:nth-child(6)").allTextContents()).map(Number);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    3,
    "the lines add up to the cell"
  );
  assert.match((await page.locator("table.pivot-records pre").first().textContent()) ?? "", /final written warning/);
  assert.equal(search(page), "?cell-row=25-34&cell-col=final+written+warning");
  assert.equal(
    await page.locator('td[data-row="25-34"][data-col="final written warning"] button').getAttribute("aria-pressed"),
    "true"
  );

  // Keyboard: the chosen cell is the table's tab stop; arrow keys move, Enter chooses.
  const focused = page.locator('td[data-row="25-34"][data-col="final written warning"] button');
  await focused.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() =>
    document.querySelector(".pivot-records caption")?.textContent?.startsWith("35-44 × final written warning")
  );
  assert.equal(search(page), "?cell-row=35-44&cell-col=final+written+warning");
  await page.keyboard.press("End");
  await page.keyboard.press("Space");
  await page.waitForFunction(() =>
    document.querySelector(".pivot-records caption")?.textContent?.startsWith("35-44 × every outcome: 12")
  );
  assert.equal((await page.locator("table.pivot-records td.source").allTextContents()).length > 1, true);
  await page.context().close();
});

test("a link with a query reproduces the view, and back and forward walk through the steps", async () => {
  const page = await open("?rows=tier&cols=age&measure=pct-col&cell-row=warning&cell-col=25-34");
  assert.equal(await page.locator("select[name=rows]").inputValue(), "tier");
  assert.equal(await page.locator("select[name=cols]").inputValue(), "ageBand");
  assert.equal(await page.locator("select[name=measure]").inputValue(), "pctCol");
  await waitForCell(page, "warning", "25-34", "54.5%"); // 6 of the 11 aged 25-34 had a warning
  await page.waitForSelector("table.pivot-records");
  assert.match((await page.locator(".pivot-records caption").textContent()) ?? "", /^warning × 25-34: 54\.5%/);

  await page.selectOption("select[name=measure]", "count");
  await waitForCell(page, "warning", "25-34", "6");
  await page.check("input[name=exclude]");
  await waitForCell(page, "no action", "Total", "0");

  await page.goBack();
  await waitForCell(page, "no action", "Total", "12");
  assert.equal(await page.locator("input[name=exclude]").isChecked(), false);
  await page.goBack();
  await waitForCell(page, "warning", "25-34", "54.5%");
  assert.equal(await page.locator("select[name=measure]").inputValue(), "pctCol");
  assert.equal(search(page), "?rows=tier&cols=age&measure=pct-col&cell-row=warning&cell-col=25-34");
  await page.goForward();
  await waitForCell(page, "warning", "25-34", "6");
  assert.equal(await page.locator("select[name=measure]").inputValue(), "count");
  await page.context().close();
});

test("downloads: the table as CSV matching the page, the chart as SVG and PNG", async () => {
  const page = await open("?measure=pct-total&exclude=no-case");
  await waitForCell(page, "Total", "Total", "100.0%");
  const save = async (label: string) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", {name: label}).click()
    ]);
    return {name: download.suggestedFilename(), body: await readFile((await download.path())!)};
  };
  const csv = await save("Table as CSV");
  assert.equal(csv.name, "explore-ageBand-by-outcome-pctTotal.csv");
  const rows = csvParseRows(csv.body.toString("utf8"));
  const shown = await readTable(page);
  assert.deepEqual(
    rows.map((r) => r[0]),
    shown.map((r) => r[0]).map((h, i) => (i === 0 ? rows[0][0] : h))
  );
  assert.deepEqual(rows[0].slice(1), shown[0].slice(1));
  // Numbers as the page shows them, without the % sign.
  assert.deepEqual(
    rows.slice(1).map((r) => r.slice(1)),
    shown.slice(1).map((r) => r.slice(1).map((v) => v.replace(/%$/, "").replace(/^–$/, "")))
  );
  assert.equal(rows.at(-1)!.at(-1), "100.0");

  const svg = await save("Chart as SVG");
  assert.equal(svg.name, "explore-ageBand-by-outcome-pctTotal.svg");
  const text = svg.body.toString("utf8");
  assert.match(text, /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /% of total, by age band and outcome/);
  const png = await save("Chart as PNG");
  assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG");
  assert.ok(png.body.length > 5000, `a PNG with something drawn (${png.body.length} bytes)`);
  await page.context().close();
});

test("pages pivot with the kit's own engine: none of them loads arquero", async () => {
  for (const path of ["explore.html", "index.html", "template.html", "ofcom.html"]) {
    const {page, problems, requests} = await visit(browser, site.url + path, site);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      requests.filter((url) => /arquero/i.test(url)),
      [],
      `${path} requests arquero`
    );
    await page.context().close();
  }
});

/**
 * A MADE-UP campaign: the shipped data plus 30 synthetic replies (tools/synthetic-replies.ts), written to a
 * temp folder and built into a separate copy of the site. Never in data/, never published.
 */
function buildMadeUpCampaign(count: number): {dist: string; replies: SyntheticReply[]; cleanup: () => void} {
  const dir = mkdtempSync(join(tmpdir(), "foi-explore-made-up-"));
  copyApp(dir);
  const replies = syntheticReplies(count, 7);
  for (const r of replies) {
    const name = join(dir, "data/responses", `zz-made-up-${slugOf(r.authority)}`);
    writeFileSync(`${name}.txt`, r.text);
    writeFileSync(`${name}.meta.json`, madeUpMeta(r.authority, {source: "tools/synthetic-replies.ts (made up)"}));
  }
  const data = join(dir, "data");
  const build = buildCopy(dir, {FOI_DATA_DIR: data, FOI_DATA: data, FOI_OUTPUT: join(dir, "dist")});
  assert.equal(build.status, 0, build.stderr);
  return {dist: join(dir, "dist"), replies, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

test("a made-up campaign: one searchable council filter, chips, the council in the link, lines linked to council pages", async () => {
  const {dist, replies, cleanup} = buildMadeUpCampaign(30);
  const made = await serveDist("/", dist);
  try {
    const visited = await visit(browser, `${made.url}explore.html`, made);
    assert.deepEqual(visited.problems, []);
    const page = visited.page;
    assert.equal(await page.locator("input[type=checkbox][name=authority]").count(), 0, "no checkbox per council");
    assert.equal(await page.locator("input[name=authority-search]").count(), 1, "one search box");
    assert.equal(await page.locator("datalist option").count(), 31, "every council suggested");
    assert.match((await page.locator(".pivot-filter-status").textContent()) ?? "", /Showing all 31 councils/);

    const [a, b] = [replies[3], replies[17]];
    // Enter on a unique match chooses it; a suggestion picked arrives as the full name.
    await page.fill("input[name=authority-search]", a.authority.toLowerCase().slice(-12));
    await page.keyboard.press("Enter");
    await waitForCell(page, "Total", "Total", String(a.total));
    assert.equal(search(page), `?authority=${encodeURIComponent(a.authority).replace(/%20/g, "+")}`);
    await page.fill("input[name=authority-search]", b.authority);
    await waitForCell(page, "Total", "Total", String(a.total + b.total));
    assert.deepEqual(await page.locator(".pivot-chip span").allTextContents(), [a.authority, b.authority]);
    assert.match((await page.locator(".pivot-filter-status").textContent()) ?? "", /Showing 2 of 31 councils/);

    // The drill-down links each line to its council's page.
    await page.locator(`td[data-row="*"][data-col="*"] button`).click();
    await page.waitForSelector("table.pivot-records");
    const hrefs = await page
      .locator("table.pivot-records td.source a")
      .evaluateAll((as) => as.map((x) => x.getAttribute("href")));
    assert.equal(hrefs.length, a.rows + b.rows);
    for (const href of hrefs) assert.match(href!, /^councils\/synthetic-authority-0(04|18)\.html#L\d+$/);

    await page.getByRole("button", {name: `Remove ${a.authority} from the filter`}).click();
    await waitForCell(page, "Total", "Total", String(b.total));
    await page.getByRole("button", {name: "Show every council"}).click();
    const everyone = replies.reduce((n, r) => n + r.total, 31);
    await waitForCell(page, "Total", "Total", everyone.toLocaleString("en-GB"));
    await page.goBack();
    await waitForCell(page, "Total", "Total", String(b.total));
    await page.context().close();

    // A council page's link: the explorer filtered to that council, its chip shown.
    const linked = await visit(browser, `${made.url}explore.html?authority=${encodeURIComponent(b.authority)}`, made);
    await waitForCell(linked.page, "Total", "Total", String(b.total));
    assert.deepEqual(await linked.page.locator(".pivot-chip span").allTextContents(), [b.authority]);
    await linked.page.context().close();
  } finally {
    await made.close();
    cleanup();
  }
});
