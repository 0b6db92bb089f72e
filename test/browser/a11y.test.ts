// An accessibility audit of every built page (the shipped data) with axe-core, injected into the page in
// Chromium once it has settled: no serious or critical violation on any page, in the project's own
// markup or in the libraries' (Framework's page frame and Observable Plot's SVG, which the patches in
// patches/ fix). The libraries' known findings are checked by name as well, so a patch that stops
// applying is reported as what it is.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {test} from "node:test";
import type {Browser} from "playwright-core";
import {builtPages, visit, withSiteAndBrowser, type Site} from "./harness.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  target: string;
}

const show = (f: Finding) => `${f.page}: ${f.impact} ${f.rule} (${f.help}) at ${f.target}`;

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const findings: Finding[] = [];
const problems: string[] = [];
/** Audits every page once; both tests read the findings. */
let audited: Promise<void> | undefined;
const audit = () => (audited ??= auditAll());
async function auditAll(): Promise<void> {
  const pages = builtPages();
  assert.ok(pages.length >= 5, pages.join(", "));
  for (const path of pages) {
    const visited = await visit(browser, site.url + path, site);
    problems.push(...visited.problems.map((p) => `${path}: ${p}`));
    await visited.page.addScriptTag({content: AXE});
    const violations = (await visited.page.evaluate(async () => {
      const axe = (window as unknown as {axe: {run: (c: Document, o: object) => Promise<{violations: unknown[]}>}}).axe;
      return (await axe.run(document, {resultTypes: ["violations"]})).violations;
    })) as {id: string; impact: string | null; help: string; nodes: {target: string[]}[]}[];
    for (const v of violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      for (const n of v.nodes)
        findings.push({
          page: path,
          rule: v.id,
          impact: v.impact,
          help: v.help,
          target: n.target.join(" ")
        });
    }
    await visited.page.context().close();
  }
}

test("every built page passes axe-core: no serious or critical violation, the libraries' markup included", async () => {
  await audit();
  assert.deepEqual(problems, []);
  assert.deepEqual(findings.map(show), []);
});

test("the libraries' markup carries the patches' fixes", async () => {
  const visited = await visit(browser, site.url, site);
  const page = visited.page;
  try {
    // Framework (patches/@observablehq+framework+*.patch): the page's language, the sidebar toggle's name,
    // and a sidebar list that holds list items only.
    assert.equal(await page.getAttribute("html", "lang"), "en-GB");
    assert.equal(await page.getAttribute("#observablehq-sidebar-toggle", "aria-label"), "Toggle sidebar");
    assert.equal(await page.locator("#observablehq-sidebar ol > :not(li)").count(), 0);
    assert.equal(await page.locator("#observablehq-sidebar-close").count(), 1);
    // Plot (patches/@observablehq+plot+*.patch): every named mark group says it is a group.
    const named = page.locator("svg g[aria-label]");
    assert.ok((await named.count()) > 0, "the home page draws at least one Plot chart");
    assert.equal(await page.locator("svg g[aria-label]:not([role=group])").count(), 0);
  } finally {
    await page.context().close();
  }
});
