/**
 * The explorer's speed (issue 10), in headless Chromium:
 *
 * - its own components (pivotControls, pivot, pivotTable, pivotChart, wired as
 *   src/explore.md wires them; bench/explorer-page.ts) mounted on the seed's
 *   records and on SYNTHETIC records up to 1,000,000, timing each control
 *   change from the input event to the frame after the DOM was updated;
 * - the built page dist/explore.html on the seed, with Framework's runtime,
 *   timing the same changes to the frame after the last DOM change.
 *
 * The synthetic records are made up by tools/synthetic.ts ("Synthetic
 * Authority NNN"), generated in the page, never written anywhere.
 */
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {build} from "esbuild";
import type {Browser, Page} from "playwright-core";
import {outcomeOrder} from "../src/lib/parse/mappings.js";
import {readReplies} from "../src/lib/read/replies.js";
import {AGE_BANDS} from "../src/lib/core/types.js";
import {launchBrowser} from "../tools/chromium.js";
import {builtPages, DIST, serveDist} from "../tools/site.js";
import type {ExplorerRunOptions, ExplorerRunResult} from "./explorer-page.js";
import {SERIES, summarise, type BenchResult} from "./results.js";

const ROOT = join(import.meta.dirname, "..");

export interface ExplorerBenchOptions {
  /** Synthetic sizes to mount the components on (the seed is always measured). */
  sizes: number[];
  seed: number;
  /** Times through the sequence of nine control changes. */
  rounds: number;
  /** The built site, for the page measurement (default dist/). */
  root?: string;
  log?: (line: string) => void;
}

const SEQUENCE_NOTE = "measure, columns and the no-case filter changed in turn";

export async function benchExplorer(
  browser: Browser,
  o: ExplorerBenchOptions
): Promise<{results: BenchResult[]; problems: string[]; skipped: string[]}> {
  const log = o.log ?? (() => {});
  const results: BenchResult[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "foi-explorer-bench-"));
  try {
    log("bundling the explorer's components with esbuild");
    await build({
      entryPoints: [join(ROOT, "bench/explorer-page.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "explorer.js"),
      logLevel: "error"
    });
    copyFileSync(join(ROOT, "src/style/components.css"), join(dir, "components.css"));
    writeFileSync(
      join(dir, "index.html"),
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>SYNTHETIC explorer benchmark (never published)</title>' +
        '<link rel="stylesheet" href="components.css"><div id="explorer"></div><script type="module" src="explorer.js"></script>\n'
    );
    const {mappings, replies} = await readReplies();
    const seedRecords = replies.flatMap((r) => r.records);
    const seedOrders = {ageBands: [...AGE_BANDS], outcomes: outcomeOrder(mappings)};

    const site = await serveDist("/", dir);
    const context = await browser.newContext({viewport: {width: 1200, height: 900}});
    try {
      const page = await context.newPage();
      page.on("console", (m) => m.type() === "error" && problems.push(`explorer bench console: ${m.text()}`));
      page.on("pageerror", (e) => problems.push(`explorer bench: ${e.message}`));
      await page.goto(site.url, {waitUntil: "load"});
      await page.waitForFunction(() => "foiExplorer" in window, null, {timeout: 30_000});
      const runs: ExplorerRunOptions[] = [
        {records: seedRecords, orders: seedOrders, size: seedRecords.length, seed: o.seed, rounds: o.rounds},
        ...o.sizes.map((size) => ({records: null, orders: null, size, seed: o.seed, rounds: o.rounds}))
      ];
      for (const run of runs) {
        log(
          `explorer components on ${run.records ? "the seed's" : "SYNTHETIC"} ${run.size.toLocaleString("en-GB")} records`
        );
        const r = (await page.evaluate(
          (opts) => (window as unknown as {foiExplorer: {run(o: unknown): Promise<unknown>}}).foiExplorer.run(opts),
          run
        )) as ExplorerRunResult;
        const data = run.records ? "the seed's records" : "SYNTHETIC records";
        results.push({
          name: run.records ? SERIES.explorerSeedControl : SERIES.explorerControl,
          group: "explorer",
          env: "chromium",
          rows: r.size,
          ...summarise(r.settled),
          note: `${data}; ${SEQUENCE_NOTE}; input event to the next frame`
        });
        results.push({
          name: "explorer components: control change, DOM updated",
          group: "explorer",
          env: "chromium",
          rows: r.size,
          ...summarise(r.work),
          note: `${data}; the synchronous work only (pivot, table and chart in the DOM)`
        });
        results.push({
          name: "explorer components: first mount",
          group: "explorer",
          env: "chromium",
          rows: r.size,
          ...summarise([r.mountMs]),
          note: `${data}; records prepared, first pivot, table and chart`
        });
      }
    } finally {
      await context.close();
      await site.close();
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }

  const root = o.root ?? DIST;
  if (!builtPages(root).includes("explore.html")) {
    skipped.push("explorer page: dist/ has no explore.html (run without --skip-build, or `npm run build` first).");
    return {results, problems, skipped};
  }
  const site = await serveDist("/", root);
  const context = await browser.newContext({viewport: {width: 1200, height: 900}});
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`explore.html: ${e.message}`));
    log("the built explorer page on the seed");
    await page.goto(site.url + "explore.html", {waitUntil: "networkidle"});
    await page.waitForFunction(
      () =>
        !document.querySelector("observablehq-loading, .observablehq--loading") &&
        document.querySelector("table.pivot-table"),
      null,
      {timeout: 15_000}
    );
    const samples = await pageChanges(page, o.rounds);
    results.push({
      name: SERIES.explorerPageControl,
      group: "explorer",
      env: "chromium",
      rows: null,
      page: "explore.html",
      ...summarise(samples),
      note: `the seed's records, Framework's runtime; ${SEQUENCE_NOTE}; input event until the last DOM change is painted`
    });
  } finally {
    await context.close();
    await site.close();
  }
  return {results, problems, skipped};
}

/**
 * In the built page: the same changes as the components' benchmark, each
 * timed from the input event until the last DOM change is on screen (the page
 * is then quiet for 100 ms, with no cell loading). Framework's runtime updates
 * the DOM inside an animation frame; a message posted from there arrives once
 * that frame is painted, so the time runs to the arrival of the message posted
 * after the last DOM change.
 */
const PAGE_SCRIPT = `async (rounds) => {
  const SEQUENCE = [["measure", "pctRow"], ["measure", "count"], ["cols", "tier"], ["cols", "upheld"], ["cols", "outcome"],
    ["exclude", "on"], ["exclude", "off"], ["measure", "pctTotal"], ["measure", "count"]];
  const LOADING = "observablehq-loading, .observablehq--loading";
  const out = [];
  let k = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [name, value] of SEQUENCE) {
      const input = document.querySelector(".pivot-controls [name=" + name + "]");
      const settled = await new Promise((resolve) => {
        let painted = null;
        let timer = 0;
        let generation = 0;
        const start = performance.now();
        const finish = () => {
          if (document.querySelector(LOADING)) { timer = setTimeout(finish, 100); return; }
          observer.disconnect();
          resolve(painted === null ? null : painted - start);
        };
        const observer = new MutationObserver(() => {
          const mine = ++generation;
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { if (mine === generation) painted = performance.now(); };
          ch.port2.postMessage(null);
          clearTimeout(timer);
          timer = setTimeout(finish, 100);
        });
        observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
        if (input.type === "checkbox") input.checked = value === "on"; else input.value = value;
        input.dispatchEvent(new Event("input", {bubbles: true}));
        timer = setTimeout(finish, 3000);
      });
      if (k++ >= 2 && settled !== null) out.push(settled);
    }
  }
  return out;
}`;

/** The explorer's control changes on a built explore.html, timed in the page (bench/campaign.ts uses it too). */
export async function pageChanges(page: Page, rounds: number): Promise<number[]> {
  const samples = (await page.evaluate(`(${PAGE_SCRIPT})(${rounds})`)) as number[];
  if (!samples.length) throw new Error("bench: changing the explorer's controls changed nothing on explore.html");
  return samples;
}

// node --import tsx bench/explorer.ts [size...]: the explorer's figures alone, printed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const browser = await launchBrowser();
  try {
    const r = await benchExplorer(browser, {
      sizes: sizes.length ? sizes : [100_000, 1_000_000],
      seed: 20240601,
      rounds: 3,
      log: (l) => console.log(l)
    });
    for (const x of r.results)
      console.log(
        `${x.name}${x.page ? ` (${x.page})` : ""} at ${x.rows ?? "-"}: median ${x.medianMs.toFixed(1)} ms, p95 ${x.p95Ms.toFixed(1)} ms (${x.samples} runs)`
      );
    for (const p of [...r.problems, ...r.skipped]) console.log(`- ${p}`);
  } finally {
    await browser.close();
  }
}
