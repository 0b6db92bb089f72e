// The home page shows the seed's numbers, computed from the loader's output.
import assert from "node:assert/strict";
import {test} from "node:test";
import type {Browser} from "playwright-core";
import {type Site, visit, withSiteAndBrowser} from "./harness.js";

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

test("home page shows age band totals and the grand total of the Leicester reply", async () => {
  const {page, problems} = await visit(browser, site.url, site);
  assert.deepEqual(problems, []);
  const table = page.locator("table.pivot-table").first();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector("th")!.textContent, tr.querySelector("td:last-child")!.textContent])
    );
  assert.deepEqual(rows, [
    ["16-24", "0"],
    ["25-34", "11"],
    ["35-44", "12"],
    ["45-54", "4"],
    ["55+", "4"]
  ]);
  assert.equal(await table.locator("tfoot td:last-child").textContent(), "31");
  assert.equal((await page.locator("svg[class^=plot]").count()) >= 1, true, "the chart is drawn");
  await page.context().close();
});
