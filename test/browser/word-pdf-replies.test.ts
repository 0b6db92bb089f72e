// A Word (.docx) and a PDF reply, dropped into a data folder with their .meta.json, build with `npm run build`
// and appear on every page and in both downloads (records.csv, records.json). The replies are MADE UP, written
// by code (tools/fixtures/make-binary.ts); the site is built once, in a temp folder, from a copy of the data.
import assert from "node:assert/strict";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {csvParse} from "d3-dsv";
import type {Browser} from "playwright-core";
import {madeUpMeta} from "../../tools/fixtures/made-up-meta.js";
import {slugOf} from "../../src/lib/campaign/slug.js";
import {buildCopy, copyApp} from "../../tools/app-copy.js";
import {makeDocx, makePdf, MADE_UP_TABLE} from "../../tools/fixtures/make-binary.js";
import {builtPages, visit, withSiteAndBrowser, type Site} from "./harness.js";
import {Desk} from "../../src/review/desk.js";

const dir = mkdtempSync(join(tmpdir(), "foi-word-pdf-"));
const WORD = {authority: "Made-up Word Council (test)", file: "responses/made-up-word-council-2016.docx"};
const PDF = {authority: "Made-up PDF Council (test)", file: "responses/made-up-pdf-council-2016.pdf"};
const meta = (authority: string) => madeUpMeta(authority, {source: "tools/fixtures/make-binary.ts (made up)"});

let browser: Browser;
let site: Site;
let dist: string;

/**
 * Copies the app and its data into a temp folder (tools/app-copy.ts), drops in the two replies and runs
 * `npm run build` there, as a user would. The loaders' outputs copied with Framework's cache are cleared by
 * the build, because their data folder is another one.
 */
async function buildSite(): Promise<string> {
  copyApp(dir);
  writeFileSync(join(dir, "data", WORD.file), await makeDocx());
  writeFileSync(join(dir, "data", WORD.file.replace(/\.docx$/, ".meta.json")), meta(WORD.authority));
  writeFileSync(join(dir, "data", PDF.file), await makePdf());
  writeFileSync(join(dir, "data", PDF.file.replace(/\.pdf$/, ".meta.json")), meta(PDF.authority));
  // A person corrects the PDF's withheld row at the review desk (its own model, as the desk's server calls it):
  // the build after it must publish the correction, traceable on the council page and in the downloads.
  const desk = new Desk(join(dir, "data"), null);
  try {
    const view = await desk.reply(PDF.file);
    const i = view.base!.records.findIndex((r) => r.countRaw === "<5");
    const r = view.base!.records[i];
    const row = {
      record: i,
      line: String(r.line),
      ageRaw: r.ageRaw,
      outcomeRaw: r.outcomeRaw,
      countLower: "2",
      countUpper: "4"
    };
    await desk.save(
      PDF.file,
      [{...row, reason: "MADE UP: the council's letter gives 2 to 4", changed: true}],
      "Jo Tester",
      view.hash
    );
  } finally {
    await desk.close();
  }
  const build = buildCopy(dir, {FOI_DATA_DIR: join(dir, "data"), FOI_OUTPUT: join(dir, "dist")});
  assert.equal(build.status, 0, build.stderr);
  assert.match(build.stdout, /loaders to run again/, "the copied loader outputs were cleared");
  return join(dir, "dist");
}

withSiteAndBrowser(
  (s, b) => ((site = s), (browser = b)),
  "/",
  async () => (dist = await buildSite())
);
// rmSync removes the node_modules symlink itself, never what it points to.
after(() => rmSync(dir, {recursive: true, force: true}));

test("every page names the Word and the PDF reply's authorities, with no error", async () => {
  const pages = builtPages(dist);
  assert.ok(pages.length >= 5, pages.join(", "));
  for (const {authority} of [WORD, PDF]) assert.ok(pages.includes(`councils/${slugOf(authority)}.html`), authority);
  for (const path of pages) {
    const {page, problems} = await visit(browser, site.url + path, site);
    assert.deepEqual(problems, [], path);
    const text = (await page.locator("#observablehq-main").textContent()) ?? "";
    // A council's page (issue 11) is about its own council: the Word and PDF replies' pages name theirs.
    const named = path.startsWith("councils/")
      ? [WORD, PDF].filter(({authority}) => path === `councils/${slugOf(authority)}.html`)
      : [WORD, PDF];
    for (const {authority} of named) assert.ok(text.includes(authority), `${path} does not name ${authority}`);
    await page.context().close();
  }
});

test("the data-quality page says where each reply's lines were counted", async () => {
  const {page} = await visit(browser, site.url + "data-quality.html", site);
  const rows = await page
    .locator("table.dq-overview tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  const row = (file: string) => rows.find((cells) => cells[1] === file);
  assert.equal(row(WORD.file)?.[0], WORD.authority);
  assert.match(row(WORD.file)?.[2] ?? "", /docx/);
  assert.equal(row(PDF.file)?.[0], PDF.authority);
  assert.match(row(PDF.file)?.[2] ?? "", /pdf/);
  await page.context().close();
});

test("the PDF council's page cites each row's page beside its line; the Word council's, its line alone", async () => {
  for (const [{authority}, place] of [
    [PDF, ", page 1"],
    [WORD, ""]
  ] as const) {
    const {page} = await visit(browser, `${site.url}councils/${slugOf(authority)}.html`, site);
    const summary = (await page.locator("#observablehq-main details summary").first().textContent()) ?? "";
    assert.equal(summary, `Each row of the reply's table, with its line${place ? " and page" : ""}`, authority);
    const rows = await page.locator("ul.council-records li").allTextContents();
    // The made-up table's four rows, on lines 8 to 11 of the extracted text (the PDF's page 1).
    assert.deepEqual(
      rows.map((row) => /\((line \d+.*)\)$/.exec(row)?.[1]),
      [8, 9, 10, 11].map((line) => `line ${line}${place}`),
      `${authority}: ${rows.join(" | ")}`
    );
    await page.context().close();
  }
});

test("a correction saved at the review desk is on the council page after the build, and in the downloads", async () => {
  const {page} = await visit(browser, `${site.url}councils/${slugOf(PDF.authority)}.html`, site);
  const text = (await page.locator("#observablehq-main").textContent()) ?? "";
  assert.match(text, /1 record was corrected by a person\./);
  await page.context().close();
  const data = await visit(browser, site.url + "data.html", site);
  const href = await data.page.locator("a[download]", {hasText: "records.json"}).getAttribute("href");
  await data.page.context().close();
  const rows: Record<string, unknown>[] = await (await fetch(new URL(href!, site.url + "data.html"))).json();
  const corrected = rows.filter((r) => r.file === PDF.file && r.provenance === "corrected");
  assert.equal(corrected.length, 1);
  assert.match(String(corrected[0].correctionReason), /the council's letter gives 2 to 4 \(reviewed by Jo Tester, /);
});

test("both downloads, fetched through the /data page's links, hold the Word and PDF replies' rows", async () => {
  const {page} = await visit(browser, site.url + "data.html", site);
  const links = Object.fromEntries(
    await page.locator("a[download]").evaluateAll((as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href]))
  );
  await page.context().close();
  const csv = csvParse(await (await fetch(links["records.csv"])).text());
  const json: Record<string, unknown>[] = await (await fetch(links["records.json"])).json();
  assert.equal(csv.length, json.length);
  // The made-up table: 2, 3, withheld (<5) and 1, with a totals row of 8 that is no record.
  const table = MADE_UP_TABLE.slice(1, -1);
  for (const {authority, file} of [WORD, PDF]) {
    const fromJson = json.filter((r) => r.file === file);
    assert.deepEqual(
      fromJson.map((r) => [r.authority, r.ageRaw, r.outcomeRaw, r.countRaw, r.count, r.suppressed]),
      table.map(([age, outcome, count]) => [
        authority,
        age,
        outcome,
        count,
        count === "<5" ? null : Number(count),
        count === "<5"
      ]),
      `${file} in records.json`
    );
    const fromCsv = csv.filter((r) => r.file === file);
    assert.deepEqual(
      fromCsv.map((r) => [r.authority, r.ageRaw, r.countRaw, r.line, r.place]),
      fromJson.map((r) => [r.authority, r.ageRaw, r.countRaw, String(r.line), r.place ?? ""]),
      `${file} in records.csv`
    );
    // The PDF's rows are on its page 1; a Word file has no pages the kit can know.
    assert.deepEqual(
      fromJson.map((r) => r.place),
      table.map(() => (file === PDF.file ? "page 1" : null)),
      `${file}'s places`
    );
  }
  assert.equal(
    json.filter((r) => r.file === "responses/leicester-city-council-2016.txt").length,
    25,
    "the shipped reply is still there"
  );
});
