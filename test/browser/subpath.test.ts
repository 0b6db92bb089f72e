// The site works when a host serves it under a sub-path: built with FOI_BASE into its own folder,
// served only under that path, every page opens with no failed request, and links, downloads and search stay under it.
import assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import type {Browser} from "playwright-core";
import {builtPages, launchBrowser, serveDist, settle, visit, type Site} from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
const BASE = "/reports/foi-kit/";
const OUT = mkdtempSync(join(tmpdir(), "foi-subpath-"));

let site: Site;
let browser: Browser;
before(async () => {
  execFileSync("npm", ["run", "build", "--silent"], {
    cwd: ROOT,
    stdio: "pipe",
    env: {...process.env, FOI_BASE: BASE, FOI_OUTPUT: OUT}
  });
  site = await serveDist(BASE, OUT);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  rmSync(OUT, {recursive: true, force: true});
});

test("the sub-path build holds the same pages as the main one", () => {
  assert.deepEqual(builtPages(OUT), builtPages());
});

test("every page opens under the sub-path, and its links and downloads resolve there", async () => {
  for (const path of builtPages(OUT)) {
    const {page, problems, requests} = await visit(browser, site.url + path, site);
    assert.deepEqual(problems, [], path);
    const local = requests.filter((r) => r.startsWith(site.origin));
    assert.ok(
      local.length > 0 && local.every((r) => r.startsWith(site.url)),
      `${path}: every request stays under ${BASE}`
    );
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs.filter((h) => h.startsWith(site.origin))) {
      assert.ok(href.startsWith(site.url), `${path}: link ${href} leaves ${BASE}`);
      assert.equal((await page.request.get(href)).status(), 200, `${path}: link ${href}`);
    }
    await page.context().close();
  }
});

test("search works under the sub-path", async () => {
  const {page, problems} = await visit(browser, site.url + "data.html", site);
  await page.locator("#observablehq-search input").fill("disciplinary");
  const result = page.locator("#observablehq-search-results a").first();
  await result.waitFor();
  assert.ok((await result.getAttribute("href"))!.startsWith(site.url), "the result links under the sub-path");
  await result.click();
  await page.waitForURL((url) => !url.pathname.endsWith("data.html"));
  await settle(page);
  assert.ok(page.url().startsWith(site.url));
  assert.equal(await page.locator("h1").first().textContent(), "Social media investigations of council staff");
  assert.deepEqual(problems, []);
  await page.context().close();
});
