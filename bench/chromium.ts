/**
 * Runs bench/browser.ts in headless Chromium: bundles it (with the kernel,
 * the synthetic generator, arquero, Plot and, when installed, DuckDB-WASM)
 * with esbuild into a temporary folder, writes the SYNTHETIC data files the
 * loading benchmark fetches, serves the folder on the loopback address and
 * reads the results back. Nothing here touches dist/ or data/.
 */
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {build} from "esbuild";
import type {Browser} from "playwright-core";
import {serveDist} from "../tools/site.js";
import type {BrowserBenchOptions} from "./browser.js";
import {columnarBinary, rowJson} from "./columnar.js";
import type {BenchResult} from "./results.js";
import {generateSyntheticColumns} from "../tools/synthetic.js";

const ROOT = join(import.meta.dirname, "..");
const DUCKDB_DIST = join(ROOT, "node_modules/@duckdb/duckdb-wasm/dist");
const DUCKDB_FILES = {worker: "duckdb-browser-eh.worker.js", wasm: "duckdb-eh.wasm"};

export interface ChromiumBenchOptions {
  sizes: number[];
  loadSizes: number[];
  controlSizes: number[];
  seed: number;
  budgetMs: number;
  duckdb: boolean;
  log?: (line: string) => void;
}

export async function benchChromium(
  browser: Browser,
  o: ChromiumBenchOptions
): Promise<{results: BenchResult[]; problems: string[]; skipped: string[]}> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "foi-bench-"));
  const skipped: string[] = [];
  const results: BenchResult[] = [];
  try {
    let duckdb: BrowserBenchOptions["duckdb"] = null;
    const haveDuck =
      existsSync(join(DUCKDB_DIST, DUCKDB_FILES.worker)) && existsSync(join(DUCKDB_DIST, DUCKDB_FILES.wasm));
    if (o.duckdb && haveDuck) {
      copyFileSync(join(DUCKDB_DIST, DUCKDB_FILES.worker), join(dir, DUCKDB_FILES.worker));
      copyFileSync(join(DUCKDB_DIST, DUCKDB_FILES.wasm), join(dir, DUCKDB_FILES.wasm));
      duckdb = {worker: DUCKDB_FILES.worker, wasm: DUCKDB_FILES.wasm};
    } else if (o.duckdb) {
      skipped.push(
        "DuckDB-WASM: @duckdb/duckdb-wasm is not installed (npm ci installs it as a devDependency); its figures are cited, not measured."
      );
    } else {
      skipped.push("DuckDB-WASM: skipped by --no-duckdb; its figures are cited, not measured.");
    }
    log("bundling the browser benchmark with esbuild");
    await build({
      entryPoints: [join(ROOT, "bench/browser.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "bench.js"),
      logLevel: "error",
      // DuckDB-WASM is only loaded when asked; leaving it out keeps a run without it working.
      external: duckdb ? [] : ["@duckdb/duckdb-wasm"]
    });
    writeFileSync(
      join(dir, "index.html"),
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>SYNTHETIC benchmark page (never published)</title><div id="control"></div><script type="module" src="bench.js"></script>\n'
    );

    // Data files for the loading benchmark, with their sizes raw and gzipped.
    const dataDir = join(dir, "data");
    mkdirSync(dataDir);
    const sizes = new Map<string, {bytes: number; gzipBytes: number}>();
    for (const n of o.loadSizes) {
      log(`writing synthetic data files for ${n.toLocaleString("en-GB")} records`);
      const data = generateSyntheticColumns(n, o.seed);
      const files = [
        {name: "load: row JSON to prepared cube", file: `records-${n}.json`, bytes: Buffer.from(rowJson(data))},
        {
          name: "load: columnar binary to prepared cube",
          file: `columns-${n}.bin`,
          bytes: Buffer.from(columnarBinary(data))
        }
      ];
      for (const f of files) {
        writeFileSync(join(dataDir, f.file), f.bytes);
        sizes.set(`${f.name}|${n}`, {bytes: f.bytes.byteLength, gzipBytes: gzipSync(f.bytes).byteLength});
      }
    }

    const site = await serveDist("/", dir);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
      page.on("pageerror", (e) => consoleErrors.push(e.message));
      await page.goto(site.url, {waitUntil: "load"});
      await page.waitForFunction(() => "foiBench" in window, null, {timeout: 30_000});
      const options: BrowserBenchOptions = {
        sizes: o.sizes,
        seed: o.seed,
        budgetMs: o.budgetMs,
        duckdb,
        loadSizes: o.loadSizes,
        controlSizes: o.controlSizes
      };
      log("running in Chromium: pivots, loading, control change");
      const got = await page.evaluate(
        (opts) =>
          (
            window as unknown as {
              foiBench: {run(o: unknown): Promise<{results: Omit<BenchResult, "env">[]; problems: string[]}>};
            }
          ).foiBench.run(opts),
        options
      );
      for (const r of got.results) {
        const size = r.rows === null ? undefined : sizes.get(`${r.name}|${r.rows}`);
        results.push({...r, env: "chromium", ...(size ?? {})});
      }
      const problems = [...got.problems, ...consoleErrors.map((e) => `console: ${e}`)];
      if (duckdb && !results.some((r) => r.name.startsWith("pivot: DuckDB")))
        skipped.push(
          "DuckDB-WASM: installed but did not run in Chromium (see problems); its figures are cited, not measured."
        );
      return {results, problems, skipped};
    } finally {
      await context.close();
      await site.close();
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
