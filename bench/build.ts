/**
 * Build times (issue 10), as a user meets them:
 * - cold: `npm run clean && npm run build` (no Framework cache, no parse cache);
 * - again: `npm run build` a second time, nothing changed;
 * - after editing one reply: one reply of a copy of data/ (FOI_DATA_DIR) changed, then
 *   `npm run build` (its output goes to a temporary folder, so dist/ keeps the shipped data);
 * - before issue 10: what every build did then, Framework's whole cache removed first.
 * Run on its own with `node --import tsx bench/build.ts [--runs N]`; scripts/bench.ts runs it too.
 */
import {spawnSync} from "node:child_process";
import {appendFileSync, cpSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {SERIES, summarise, type BenchResult} from "./results.js";

const ROOT = join(import.meta.dirname, "..");

function run(command: string, env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const done = spawnSync("sh", ["-c", command], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", ...env}
  });
  const ms = performance.now() - t0;
  if (done.status !== 0) throw new Error(`bench: \`${command}\` failed:\n${done.stderr}`);
  return ms;
}

const result = (name: string, samples: number[], note?: string): BenchResult => ({
  name,
  group: "build",
  env: "node",
  rows: null,
  ...summarise(samples),
  ...(note ? {note} : {})
});

/** Times the builds; leaves dist/ and Framework's cache built from the shipped data. */
export function benchBuild(options: {runs?: number; log?: (line: string) => void} = {}): BenchResult[] {
  const runs = options.runs ?? 3;
  const log = options.log ?? (() => {});
  const cold: number[] = [];
  const again: number[] = [];
  const edited: number[] = [];
  const before: number[] = [];
  const data = mkdtempSync(join(tmpdir(), "foi-bench-data-"));
  const output = mkdtempSync(join(tmpdir(), "foi-bench-dist-"));
  const env = {FOI_DATA_DIR: data, FOI_OUTPUT: output};
  // Framework clears an output folder only inside the project, as it does dist/; this one is cleared here.
  const build = `rm -rf '${output}' && npm run --silent build`;
  try {
    cpSync(join(ROOT, "data"), data, {recursive: true});
    // Each round takes every measure once, so that a machine busy with other work slows them alike.
    for (let k = 1; k <= runs; k++) {
      log(`build, round ${k} of ${runs}: cold (npm run clean && npm run build)`);
      run("npm run --silent clean");
      cold.push(run("npm run --silent build"));
      log(`build, round ${k} of ${runs}: again, nothing changed`);
      again.push(run("npm run --silent build"));
      log(`build, round ${k} of ${runs}: after editing one reply`);
      run(build, env); // the loaders' outputs now come from the copy
      // A new blank line at the end: the reply's bytes change, its records do not.
      appendFileSync(join(data, "responses/leicester-city-council-2016.txt"), "\n");
      edited.push(run(build, env));
      log(`build, round ${k} of ${runs}: Framework's whole cache removed first (before issue 10)`);
      // The npm cache seeded again first: offline, Framework would fetch the free names from a CDN (issue 18).
      before.push(
        run(
          `rm -rf '${output}' src/.observablehq/cache && node --import tsx scripts/seed-npm-cache.ts && npm exec --offline -- observable build`,
          env
        )
      );
    }
  } finally {
    rmSync(data, {recursive: true, force: true});
    rmSync(output, {recursive: true, force: true});
  }
  run("npm run --silent build"); // back to the shipped data, for the page measures
  return [
    result(SERIES.buildCold, cold),
    result(SERIES.buildAgain, again),
    result(SERIES.buildEditOne, edited),
    result(SERIES.buildBefore, before, "what `npm run build` did before issue 10, whatever had changed")
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({options: {runs: {type: "string"}}});
  const results = benchBuild({runs: Number(values.runs ?? 3), log: (line) => console.log(line)});
  for (const r of results)
    console.log(
      `${r.name}: median ${(r.medianMs / 1000).toFixed(2)} s, p95 ${(r.p95Ms / 1000).toFixed(2)} s, ${r.samples} runs`
    );
}
