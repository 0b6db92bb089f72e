// An accessibility audit of every built page (the shipped data) with axe-core, injected into the page in
// Chromium once it has settled: no serious or critical violation, on any page.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {test} from "node:test";
import type {Browser} from "playwright-core";
import {builtPages, visit, withSiteAndBrowser, type Site} from "./harness.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: {target: string[]}[];
}

test("every built page passes axe-core with no serious or critical violation", async () => {
  const pages = builtPages();
  assert.ok(pages.length >= 5, pages.join(", "));
  const found: string[] = [];
  for (const path of pages) {
    const {page, problems} = await visit(browser, site.url + path, site);
    assert.deepEqual(problems, [], path);
    await page.addScriptTag({content: AXE});
    const violations = (await page.evaluate(async () => {
      const axe = (window as unknown as {axe: {run: (c: Document, o: object) => Promise<{violations: unknown[]}>}}).axe;
      const r = await axe.run(document, {resultTypes: ["violations"]});
      return r.violations;
    })) as Violation[];
    for (const v of violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      const where = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join("; ");
      found.push(
        `${path}: ${v.impact} ${v.id} (${v.help}) at ${where}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`
      );
    }
    await page.context().close();
  }
  assert.deepEqual(found, []);
});
