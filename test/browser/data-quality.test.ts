// The data-quality page lists each reply's checks and warnings; and a MADE-UP hostile reply, built into a
// separate copy of the site, changes nothing on any page: its <script> and <img onerror> are shown as text.
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import type {Browser} from "playwright-core";
import {madeUpMeta} from "../../tools/fixtures/made-up-meta.js";
import {buildCopy, copyApp} from "../../tools/app-copy.js";
import {builtPages, launchBrowser, serveDist, visit, type Site} from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
let browser: Browser;
const tempDirs: string[] = [];
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  // rmSync removes the node_modules symlink itself, never what it points to.
  for (const dir of tempDirs) rmSync(dir, {recursive: true, force: true});
});

test("the data-quality page shows the seed's checks and says it has no warnings", async () => {
  const site = await serveDist();
  try {
    const {page, problems} = await visit(browser, site.url + "data-quality.html", site);
    assert.deepEqual(problems, []);
    const overview = await page.locator("table.dq-overview tbody tr.dq-reply").first().locator("td").allTextContents();
    // The last two columns: records a person transcribed, records a person corrected.
    assert.deepEqual(overview, [
      "Leicester City Council",
      "responses/leicester-city-council-2016.txt",
      "text",
      "table read",
      "verified", // the verdict: its totals agree with the rows
      "25",
      "31",
      "0",
      "0",
      "0",
      "0",
      "0"
    ]);
    assert.equal(await page.locator("table.dq-overview tbody tr.dq-reply").count(), 1, "one row per reply");
    const checks = await page
      .locator("table.dq-checks tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent)));
    assert.deepEqual(checks, [
      ["rows = totals row", "pass"],
      ["rows = answer 5", "pass"],
      ["totals row = answer 5", "pass"],
      ["answer 9 implies a whole number of proceedings (informational)", "pass"]
    ]);
    assert.match((await page.locator("table.dq-checks").textContent()) ?? "", /about 1,000 proceedings in all/);
    await page.context().close();
  } finally {
    await site.close();
  }
});

/** Copies the app and data into a temp folder (tools/app-copy.ts), adds the hostile reply, and builds it there. */
function buildHostileSite(): string {
  const dir = mkdtempSync(join(tmpdir(), "foi-hostile-"));
  tempDirs.push(dir);
  copyApp(dir);
  cpSync(join(ROOT, "test/fixtures/replies/hostile.txt"), join(dir, "data/responses/zz-made-up-hostile.txt"));
  writeFileSync(
    join(dir, "data/responses/zz-made-up-hostile.meta.json"),
    madeUpMeta(`Made-up Council <img src=x onerror="window.__pwned='authority'">`, {
      attribution: `<script>window.__pwned="attribution"</script>`,
      source: "test/fixtures/replies/hostile.txt (made up)"
    })
  );
  const build = buildCopy(dir, {FOI_DATA_DIR: join(dir, "data"), FOI_OUTPUT: join(dir, "dist")});
  assert.equal(build.status, 0, build.stderr);
  return join(dir, "dist");
}

test("a hostile reply's <script> and <img onerror> are shown as text on every page, and run nowhere", async () => {
  const dist = buildHostileSite();
  const site: Site = await serveDist("/", dist);
  try {
    for (const path of builtPages(dist)) {
      const {page, problems} = await visit(browser, site.url + path, site);
      assert.equal(
        await page.evaluate(() => (window as unknown as {__pwned?: string}).__pwned),
        undefined,
        `${path}: injected code ran`
      );
      const injected = await page
        .locator("#observablehq-main img[onerror], #observablehq-main script:not([type])")
        .count();
      assert.equal(injected, 0, `${path}: reply text became elements`);
      if (path === "data-quality.html") {
        assert.deepEqual(problems, []);
        const text = (await page.locator("#observablehq-main").textContent()) ?? "";
        assert.ok(text.includes(`<script>window.__pwned="age"</script>`), "the hostile label is shown as text");
        assert.ok(
          text.includes(`<img src=x onerror="window.__pwned='outcome'">`),
          "the hostile outcome is shown as text"
        );
        assert.ok(
          text.includes(`Made-up Council <img src=x onerror="window.__pwned='authority'">`),
          "the hostile authority is shown as text"
        );
        assert.equal(
          await page.locator("table.dq-warnings").count(),
          1,
          "the hostile reply's unreadable lines are listed"
        );
      }
      await page.context().close();
    }
  } finally {
    await site.close();
  }
});
