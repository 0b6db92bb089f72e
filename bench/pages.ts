/**
 * Page-level measurements on the built site (dist/), for whatever pages the
 * build has (builtPages()): bytes transferred (each requested file's gzip size,
 * computed with node:zlib), time until the charts are drawn, and time from a
 * control change to the settled table and chart.
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import type {Browser} from "playwright-core";
import {builtPages, DIST, serveDist} from "../tools/site.js";
import {SERIES, summarise, type BenchResult} from "./results.js";

/**
 * Framework 1.13 marks a cell still computing with an <observablehq-loading>
 * element (older versions used the class); either means "not ready yet".
 */
const LOADING = "observablehq-loading, .observablehq--loading";

/** Installed before any page script: records when Framework's cells stop loading and when a chart first shows. */
const READY_PROBE = `(() => {
  const LOADING = ${JSON.stringify(LOADING)};
  const state = { settledMs: null, chartsMs: null };
  window.__foiReady = state;
  const check = () => {
    if (document.readyState === "loading") return;
    if (document.querySelector(LOADING)) return;
    const t = performance.now();
    if (state.settledMs === null) state.settledMs = t;
    if (state.chartsMs === null && document.querySelector("main svg, #observablehq-main svg, figure svg")) state.chartsMs = t;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  document.addEventListener("DOMContentLoaded", check);
})();`;

interface Ready {
  settledMs: number | null;
  chartsMs: number | null;
}

/** Bytes of a same-origin request: the file in dist/ it maps to, or the response body. */
function gzipOf(body: Buffer): number {
  return gzipSync(body, {level: 6}).byteLength;
}

export interface PagesBenchOptions {
  /** Visits per page for the load timing (the first is a cold cache: each visit gets a new context). */
  visits: number;
  /** Control changes per page. */
  changes: number;
  /** The built site (default dist/). */
  root?: string;
  /** Pages to measure (default: every built page); a campaign's site has one per council. */
  paths?: string[];
  log?: (line: string) => void;
}

export async function benchPages(
  browser: Browser,
  o: PagesBenchOptions
): Promise<{results: BenchResult[]; problems: string[]; skipped: string[]}> {
  const log = o.log ?? (() => {});
  const results: BenchResult[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const root = o.root ?? DIST;
  if (!existsSync(join(root, "index.html"))) {
    skipped.push("pages: dist/ has no built site (run without --skip-build, or `npm run build` first).");
    return {results, problems, skipped};
  }
  const site = await serveDist("/", root);
  try {
    for (const path of o.paths ?? builtPages(root)) {
      log(`measuring page ${path}`);
      const ready: number[] = [];
      let bytes = 0;
      let gzipBytes = 0;
      let files = 0;
      let hasCharts = false;
      let control: BenchResult[] = [];
      for (let v = 0; v < o.visits; v++) {
        const context = await browser.newContext({viewport: {width: 1200, height: 900}});
        await context.addInitScript(READY_PROBE);
        const page = await context.newPage();
        const bodies = new Map<string, Promise<Buffer | null>>();
        if (v === 0) {
          page.on("response", (response) => {
            const url = new URL(response.url());
            if (url.origin !== site.origin || bodies.has(url.pathname)) return;
            const file = join(root, decodeURIComponent(url.pathname));
            bodies.set(
              url.pathname,
              existsSync(file) && !file.endsWith("/")
                ? Promise.resolve(readFileSync(file))
                : response.body().catch(() => null)
            );
          });
        }
        page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
        await page.goto(site.url + path, {waitUntil: "networkidle"});
        await page.waitForFunction((loading) => !document.querySelector(loading), LOADING, {timeout: 60_000});
        const r = (await page.evaluate(() => (window as unknown as {__foiReady: unknown}).__foiReady)) as Ready;
        hasCharts = r.chartsMs !== null;
        const t = r.chartsMs ?? r.settledMs;
        if (t !== null) ready.push(t);
        if (v === 0) {
          for (const body of await Promise.all(bodies.values())) {
            if (!body) continue;
            files++;
            bytes += body.byteLength;
            gzipBytes += gzipOf(body);
          }
        }
        if (v === o.visits - 1) control = await controlChange(page, path, o.changes, skipped);
        await context.close();
      }
      if (ready.length) {
        results.push({
          name: SERIES.pageReady,
          group: "pages",
          env: "chromium",
          rows: null,
          page: path,
          ...summarise(ready),
          bytes,
          gzipBytes,
          note: `${files} files; ${hasCharts ? "until the first chart is drawn and no cell is loading" : "no chart on this page: until no cell is loading"}; navigation start to ready, localhost`
        });
      }
      results.push(...control);
    }
  } finally {
    await site.close();
  }
  return {results, problems, skipped};
}

/**
 * In-page script (plain JavaScript in a string, so that no bundler helper leaks
 * into the page): changes the first select (or radio group) `changes` times and
 * returns, per change, ms from the change to the last DOM mutation before a
 * quiet period with no cell loading; null per change that changed nothing, and
 * null in all when the page has no such control.
 */
const CONTROL_SCRIPT = `async (changes, LOADING) => {
  const QUIET_MS = 150;
  const select = document.querySelector("main select, #observablehq-main select, select");
  const radios = [...document.querySelectorAll("input[type=radio]")];
  const radioGroup = radios.length ? radios.filter((r) => r.name === radios[0].name) : [];
  const useSelect = select !== null && select.options.length > 1;
  if (!useSelect && radioGroup.length < 2) return null;
  const change = (k) => {
    if (useSelect) {
      select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
      select.dispatchEvent(new Event("input", { bubbles: true }));
      select.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      const target = radioGroup.find((r) => !r.checked) ?? radioGroup[k % radioGroup.length];
      target.click();
    }
  };
  const out = [];
  for (let k = 0; k < changes; k++) {
    out.push(await new Promise((resolve) => {
      let last = null;
      let timer = 0;
      const t0 = performance.now();
      const finish = () => {
        if (document.querySelector(LOADING)) {
          timer = setTimeout(finish, QUIET_MS);
          return;
        }
        observer.disconnect();
        resolve(last === null ? null : last - t0);
      };
      const observer = new MutationObserver(() => {
        last = performance.now();
        clearTimeout(timer);
        timer = setTimeout(finish, QUIET_MS);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      change(k);
      timer = setTimeout(finish, 3000);
    }));
  }
  return out;
}`;

/**
 * Changes the page's first select (or radio group) and times, inside the page,
 * from the change until the DOM has been quiet for a while and no cell is loading.
 */
async function controlChange(
  page: import("playwright-core").Page,
  path: string,
  changes: number,
  skipped: string[]
): Promise<BenchResult[]> {
  const samples = (await page.evaluate(`(${CONTROL_SCRIPT})(${changes}, ${JSON.stringify(LOADING)})`)) as
    (number | null)[] | null;
  if (samples === null) {
    skipped.push(`control change on ${path}: the page has no select or radio group.`);
    return [];
  }
  const changed = samples.filter((s): s is number => s !== null);
  if (changed.length === 0) {
    skipped.push(`control change on ${path}: changing its first control changed nothing on the page.`);
    return [];
  }
  return [
    {
      name: SERIES.pageControl,
      group: "pages",
      env: "chromium",
      rows: null,
      page: path,
      ...summarise(changed),
      note: "first select/radio changed; until the last DOM mutation before a 150 ms quiet period"
    }
  ];
}
