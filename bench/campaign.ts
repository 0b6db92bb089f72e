/**
 * Issue 11's budgets, on a MADE-UP campaign (tools/made-up-campaign.ts, written
 * to a temporary folder, never shipped or published): the site built from 400
 * SYNTHETIC replies with FOI_DATA (and FOI_DATA_DIR, which loaders read before
 * FOI_DATA existed) and FOI_OUTPUT, then measured:
 * - a clean build (no Framework cache, no parse cache);
 * - every top-level page and one council page: bytes (gzip) and time to ready (bench/pages.ts);
 * - the home page's height at 400 councils and at 40;
 * - a control change on the built explorer.
 * Run on its own with `node --import tsx bench/campaign.ts [--councils N]`; scripts/bench.ts runs it too.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import type {Browser} from "playwright-core";
import {launchBrowser} from "../tools/chromium.js";
import {writeMadeUpCampaign} from "../tools/made-up-campaign.js";
import {builtPages, serveDist} from "../tools/site.js";
import {pageChanges} from "./explorer.js";
import {benchPages} from "./pages.js";
import {SERIES, summarise, type BenchResult} from "./results.js";

const ROOT = join(import.meta.dirname, "..");
const LOADING = "observablehq-loading, .observablehq--loading";
/** The top-level pages the budgets name, the template and examples included; a council page is added when the build has one. */
export const CAMPAIGN_PAGES = [
  "index.html",
  "explore.html",
  "ofcom.html",
  "data.html",
  "data-quality.html",
  "template.html",
  "examples/upheld-by-age.html",
  "examples/your-own-chart.html",
  "examples/two-councils.html"
];

export interface CampaignBenchOptions {
  /** Replies in the campaign measured against the budgets (400). */
  councils: number;
  /** The smaller campaign the home page's height is compared with (40). */
  compareWith: number;
  seed: number;
  visits: number;
  rounds: number;
  log?: (line: string) => void;
}

interface Built {
  data: string;
  dist: string;
  ms: number;
  /** Set when the kit could not build the campaign with its unreadable files, and they were left out. */
  withoutUnreadable: string | null;
}

/** Writes a made-up campaign and builds it from nothing; with unreadable files first, and without them if that fails. */
function buildCampaign(councils: number, seed: number, log: (line: string) => void): Built {
  const attempt = (unreadable: boolean) => {
    const data = mkdtempSync(join(tmpdir(), `foi-campaign-${councils}-data-`));
    const dist = mkdtempSync(join(tmpdir(), `foi-campaign-${councils}-dist-`));
    // Reference data copied: loaders from before FOI_DATA's fallback read it only from the data folder.
    writeMadeUpCampaign(data, {councils, seed, unreadable, reference: true});
    // A clean build: Framework's cache and the parse cache removed (dist/ is left alone: the output goes elsewhere).
    rmSync(join(ROOT, "src/.observablehq/cache"), {recursive: true, force: true});
    rmSync(join(ROOT, "node_modules/.cache/foi-kit"), {recursive: true, force: true});
    rmSync(dist, {recursive: true, force: true});
    log(`campaign: building ${councils} made-up replies${unreadable ? "" : " (no unreadable files)"}`);
    const t0 = performance.now();
    const done = spawnSync("npm", ["run", "--silent", "build"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
      env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", FOI_DATA: data, FOI_DATA_DIR: data, FOI_OUTPUT: dist}
    });
    const ms = performance.now() - t0;
    return {data, dist, ms, status: done.status, stderr: done.stderr};
  };
  const first = attempt(true);
  if (first.status === 0) return {...first, withoutUnreadable: null};
  const reason = firstError(first.stderr);
  rmSync(first.data, {recursive: true, force: true});
  rmSync(first.dist, {recursive: true, force: true});
  const second = attempt(false);
  if (second.status !== 0)
    throw new Error(`campaign: the build of ${councils} made-up replies failed: ${firstError(second.stderr)}`);
  return {...second, withoutUnreadable: reason};
}

const firstError = (stderr: string) =>
  stderr
    .split("\n")
    .map((l) => l.trim())
    .find((l) => /error/i.test(l)) ?? stderr.trim().split("\n")[0];

/** The home page's height (px) and number of charts, settled, at the pages' usual 1200 × 900 viewport. */
async function homeHeight(browser: Browser, dist: string): Promise<{heightPx: number; charts: number}> {
  const site = await serveDist("/", dist);
  const context = await browser.newContext({viewport: {width: 1200, height: 900}});
  try {
    const page = await context.newPage();
    await page.goto(site.url + "index.html", {waitUntil: "networkidle"});
    await page.waitForFunction((loading) => !document.querySelector(loading), LOADING, {timeout: 60_000});
    return await page.evaluate(() => ({
      heightPx: document.documentElement.scrollHeight,
      charts: document.querySelectorAll("#observablehq-main svg, #observablehq-main canvas").length
    }));
  } finally {
    await context.close();
    await site.close();
  }
}

export async function benchCampaign(
  browser: Browser,
  o: CampaignBenchOptions
): Promise<{results: BenchResult[]; problems: string[]; skipped: string[]}> {
  const log = o.log ?? (() => {});
  const results: BenchResult[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const builds: Built[] = [];
  try {
    const big = buildCampaign(o.councils, o.seed, log);
    builds.push(big);
    const note = big.withoutUnreadable
      ? `; the kit failed on the unreadable files (${big.withoutUnreadable}), so they were left out`
      : "";
    if (big.withoutUnreadable)
      problems.push(`campaign: a build with unreadable replies failed: ${big.withoutUnreadable}`);
    results.push({
      name: SERIES.campaignBuild,
      group: "campaign",
      env: "node",
      rows: o.councils,
      ...summarise([big.ms]),
      note: `${o.councils} made-up replies, no cache${note}`
    });

    const built = builtPages(big.dist);
    const council = built.find((p) => p.startsWith("councils/"));
    const paths = CAMPAIGN_PAGES.filter((p) => built.includes(p));
    for (const p of CAMPAIGN_PAGES) if (!built.includes(p)) skipped.push(`campaign: the build has no ${p}.`);
    if (council) paths.push(council);
    else skipped.push("campaign: the build has no council page (councils/<slug>.html).");
    const pages = await benchPages(browser, {visits: o.visits, changes: 1, root: big.dist, paths, log});
    for (const r of pages.results)
      if (r.name === SERIES.pageReady)
        results.push({...r, name: SERIES.campaignPageReady, group: "campaign", rows: o.councils, note: r.note + note});
    problems.push(...pages.problems.map((p) => `campaign: ${p}`));

    const small = buildCampaign(o.compareWith, o.seed, log);
    builds.push(small);
    for (const [size, b] of [
      [o.councils, big],
      [o.compareWith, small]
    ] as const) {
      log(`campaign: the home page's height at ${size} councils`);
      const h = await homeHeight(browser, b.dist);
      results.push({
        name: SERIES.campaignHomeHeight,
        group: "campaign",
        env: "chromium",
        rows: size,
        page: "index.html",
        medianMs: 0,
        p95Ms: 0,
        samples: 1,
        heightPx: h.heightPx,
        note: `${h.heightPx.toLocaleString("en-GB")} px, ${h.charts} charts; scrollHeight at a 1200 × 900 viewport (no time: medianMs is 0)`
      });
    }

    if (built.includes("explore.html")) {
      log(`campaign: control changes on the explorer with ${o.councils} councils`);
      const site = await serveDist("/", big.dist);
      const context = await browser.newContext({viewport: {width: 1200, height: 900}});
      try {
        const page = await context.newPage();
        page.on("pageerror", (e) => problems.push(`campaign explore.html: ${e.message}`));
        await page.goto(site.url + "explore.html", {waitUntil: "networkidle"});
        await page.waitForFunction(
          (loading) => !document.querySelector(loading) && document.querySelector("table.pivot-table"),
          LOADING,
          {timeout: 60_000}
        );
        const samples = await pageChanges(page, o.rounds);
        results.push({
          name: SERIES.campaignExplorerControl,
          group: "campaign",
          env: "chromium",
          rows: o.councils,
          page: "explore.html",
          ...summarise(samples),
          note: `the built explorer on ${o.councils} made-up councils; measure, columns and the no-case filter changed in turn${note}`
        });
      } catch (error) {
        problems.push(`campaign explore.html: ${(error as Error).message.split("\n")[0]}`);
      } finally {
        await context.close();
        await site.close();
      }
    }
  } catch (error) {
    problems.push((error as Error).message.split("\n")[0]);
  } finally {
    for (const b of builds) {
      rmSync(b.data, {recursive: true, force: true});
      rmSync(b.dist, {recursive: true, force: true});
    }
  }
  return {results, problems, skipped};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({options: {councils: {type: "string"}, compare: {type: "string"}}});
  const browser = await launchBrowser();
  try {
    const r = await benchCampaign(browser, {
      councils: Number(values.councils ?? 400),
      compareWith: Number(values.compare ?? 40),
      seed: 20240601,
      visits: 3,
      rounds: 2,
      log: (line) => console.log(line)
    });
    for (const x of r.results)
      console.log(
        `${x.name}${x.page ? ` (${x.page})` : ""} at ${x.rows}: median ${x.medianMs.toFixed(1)} ms` +
          (x.gzipBytes !== undefined ? `, ${(x.gzipBytes / 1000).toFixed(1)} kB gzip` : "") +
          (x.heightPx !== undefined ? `, ${x.heightPx} px` : "") +
          (x.note ? ` — ${x.note}` : "")
      );
    for (const p of [...r.problems, ...r.skipped]) console.log(`- ${p}`);
  } finally {
    await browser.close();
  }
}
