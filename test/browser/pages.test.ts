// Every built page opens cleanly: no console errors, no error cells, no failed requests, nothing fetched from another origin.
import assert from "node:assert/strict";
import {test} from "node:test";
import type {Browser} from "playwright-core";
import {type Site, builtPages, visit, withSiteAndBrowser} from "./harness.js";

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

test("the build produced pages", () => {
  assert.ok(builtPages().includes("index.html"), "dist/index.html is missing: did the build run?");
});

for (const path of builtPages()) {
  test(`${path} opens cleanly`, async () => {
    const {page, problems} = await visit(browser, site.url + path, site);
    await page.context().close();
    assert.deepEqual(problems, []);
  });
}
