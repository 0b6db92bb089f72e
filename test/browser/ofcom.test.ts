// The /ofcom page: per band n of N beside Ofcom's rate, expected shares that follow the 55+ control,
// the reply's caveats with their lines, and the reference's citation, all read from the built page.
import assert from "node:assert/strict";
import {test} from "node:test";
import type {Browser, Page} from "playwright-core";
import {type Site, settle, visit, withSiteAndBrowser} from "./harness.js";

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

/** Table rows as [band, n of N, Ofcom %, expected share]. */
function tableRows(page: Page) {
  return page.locator("table.ofcom-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.children].map((c) => c.textContent ?? "");
      return [cells[0], cells[1], cells[3], cells[5]];
    })
  );
}

test("Ofcom page: n of N beside Ofcom's rate, equal-workforce expected shares, caveats and citation", async () => {
  const {page, problems} = await visit(browser, site.url + "ofcom.html", site);
  assert.deepEqual(problems, []);
  // Expected shares by hand: rate / (93 + 90 + 80 + 68 + 49 = 380).
  assert.deepEqual(await tableRows(page), [
    ["16-24", "0 of 31", "93%", "24.5%"],
    ["25-34", "11 of 31", "90%", "23.7%"],
    ["35-44", "12 of 31", "80%", "21.1%"],
    ["45-54", "4 of 31", "68%", "17.9%"],
    ["55+", "4 of 31", "49%", "12.9%"]
  ]);
  const text = (await page.locator("main").textContent()) ?? "";
  assert.match(text, /assumes an equal number of staff in each band/);
  assert.match(text, /Communications Market Report 2015/);
  assert.match(text, /Published August 2015; survey 2014/);
  assert.match(text, /What 31 cases can and cannot show/);
  assert.match(text, /probability less than 0\.001 \(exact test\)/);
  assert.match(text, /6,837 staff/);
  const caveats = await page.locator(".ofcom-caveats li").allTextContents();
  assert.equal(caveats.length, 3);
  assert.match(caveats[0], /generic misuse of IT.*answer 7, line 28/s);
  assert.match(caveats[1], /1 July 2013 to 31 December 2015/);
  assert.match(caveats[2], /3\.1% of all disciplinary proceedings.*answer 9, line 159/s);
  assert.equal((await page.locator("svg[class^=plot]").count()) >= 2, true, "the share and ratio charts are drawn");
  assert.match(
    (await page.locator("figure h2").first().textContent()) ?? "",
    /Share of investigated employees by age band/
  );
  await page.context().close();
});

/** Waits until the page's status line says which rate 55+ is compared with (the runtime recomputes asynchronously). */
async function comparedWith(page: Page, source: string) {
  await page.locator("p", {hasText: `55+ is now compared with ${source}`}).waitFor();
  await settle(page);
}

test("Ofcom page: the 55+ control recomputes the expected shares", async () => {
  const {page, problems} = await visit(browser, site.url + "ofcom.html", site);
  assert.deepEqual(problems, []);
  await page.getByLabel("65+ alone").check();
  await comparedWith(page, "Ofcom 65+ alone");
  // 65+ alone: 28 / (93 + 90 + 80 + 68 + 28 = 359) = 7.8%; 16-24: 93 / 359 = 25.9%.
  let rows = await tableRows(page);
  assert.deepEqual(rows[4], ["55+", "4 of 31", "28%", "7.8%"]);
  assert.deepEqual(rows[0], ["16-24", "0 of 31", "93%", "25.9%"]);
  await page.getByLabel("a blend of both").check();
  await page.locator("input[type=number]").fill("0.5");
  await comparedWith(page, "blend 0.5 ×");
  // Blend 0.5: 38.5 / 369.5 = 10.4%.
  rows = await tableRows(page);
  assert.deepEqual(rows[4], ["55+", "4 of 31", "38.5%", "10.4%"]);
  assert.match((await page.locator("main").textContent()) ?? "", /blend 0\.5 × 55-64 \(49%\) \+ 0\.5 × 65\+ \(28%\)/);
  await page.context().close();
});
