// The benchmark's result-writing code (bench/results.ts): the documented shape
// of bench/results.json, the targets' PASS/MISS logic and the markers of
// docs/performance.md. Not timed: the figures here are made up for the test.
import assert from "node:assert/strict";
import {test} from "node:test";
import {
  checkTargets,
  MARKER_END,
  MARKER_START,
  renderFigures,
  replaceBetweenMarkers,
  resultsJson,
  SERIES,
  summarise,
  timeRuns,
  validateResults,
  type BenchResult,
  type BenchRun
} from "../../../bench/results.js";

const r = (
  name: string,
  env: "node" | "chromium",
  rows: number | null,
  medianMs: number,
  extra: Partial<BenchResult> = {}
): BenchResult => ({
  name,
  group: "explorer",
  env,
  rows,
  medianMs,
  p95Ms: medianMs * 1.5,
  samples: 10,
  ...extra
});

const RESULTS: BenchResult[] = [
  r(SERIES.explorerControl, "chromium", 1_000_000, 40),
  r(SERIES.explorerSeedControl, "chromium", 25, 35),
  r(SERIES.buildBefore, "node", null, 15_000, {group: "build"}),
  r(SERIES.buildEditOne, "node", null, 4_000, {group: "build"}),
  r(SERIES.buildCold, "node", null, 9_000, {group: "build"}),
  r(SERIES.pageReady, "chromium", null, 400, {group: "pages", page: "index.html", bytes: 900_000, gzipBytes: 360_000}),
  r("ingest: parse synthetic replies (Leicester layout)", "node", 400, 50, {group: "ingest", perSecond: 8000})
];

test("summarise gives the median and the nearest-rank 95th percentile", () => {
  assert.deepEqual(summarise([5, 1, 3]), {medianMs: 3, p95Ms: 5, samples: 3});
  assert.deepEqual(summarise([4, 1, 3, 2]), {medianMs: 2.5, p95Ms: 4, samples: 4});
  const hundred = Array.from({length: 100}, (_, k) => k + 1);
  assert.equal(summarise(hundred).p95Ms, 95);
  assert.throws(() => summarise([]), /no samples/);
});

test("timeRuns takes at least the minimum and at most the maximum of samples, each a time per call", () => {
  let calls = 0;
  const samples = timeRuns(() => calls++, 1, 5, 8);
  assert.ok(samples.length >= 5 && samples.length <= 8, `${samples.length} samples`);
  assert.ok(samples.every((ms) => Number.isFinite(ms) && ms >= 0));
  // Warm-up, the batch sizing and the samples all call fn: more calls than samples.
  assert.ok(calls > samples.length);
});

test("results.json is an array of {name, rows, medianMs, p95Ms, ...} that reads back with the documented shape", () => {
  const parsed = JSON.parse(resultsJson(RESULTS)) as Record<string, unknown>[];
  assert.ok(Array.isArray(parsed));
  assert.equal(parsed.length, RESULTS.length);
  assert.deepEqual(validateResults(parsed), []);
  for (const row of parsed) {
    for (const key of ["name", "group", "env", "rows", "medianMs", "p95Ms", "samples"])
      assert.ok(key in row, `missing ${key}`);
  }
  assert.equal(parsed[0].rows, 1_000_000);
  assert.equal(parsed[5].rows, null);
  assert.equal(parsed[5].gzipBytes, 360_000);
  assert.equal(parsed[6].perSecond, 8000);
});

test("results that break the shape are refused with the field named", () => {
  assert.deepEqual(validateResults({}), ["results: not an array"]);
  const bad = [{name: "", group: "pivot", env: "firefox", rows: -1, medianMs: 5, p95Ms: 2, samples: 0}];
  const problems = validateResults(bad);
  for (const field of ["name", "env", "rows", "p95Ms below medianMs", "samples"]) {
    assert.ok(
      problems.some((p) => p.includes(field)),
      `no problem about ${field}: ${problems.join("; ")}`
    );
  }
  assert.throws(() => resultsJson(bad as unknown as BenchResult[]), /documented shape/);
});

test("targets pass or miss on the figures, and say when a measure is missing", () => {
  const checks = checkTargets(RESULTS);
  const get = (start: string) => checks.find((c) => c.target.startsWith(start));
  assert.equal(get("explorer components on 1,000,000 rows: control change settled within 50 ms")?.pass, true);
  assert.equal(get("explorer components on the seed: control change settled within 30 ms")?.pass, false); // 35 ms
  assert.equal(get("index.html: within 350 kB gzip")?.pass, false);
  assert.equal(get("index.html: ready within 0.6 s")?.pass, true);
  assert.equal(get("ingest: 200 or more text replies a second")?.pass, true);
  assert.equal(get("explore.html on the seed (Framework's runtime)")?.pass, null);
  assert.equal(get("explore.html on the seed (Framework's runtime)")?.value, "not measured");
});

test("the pivot-engine contest is retired (issue 17): no target or table promises its rows", () => {
  const targets = checkTargets([]).map((c) => c.target);
  assert.ok(targets.length > 0);
  for (const retired of [/kit pivot at/, /DuckDB/, /arquero/, /hand-written floor/, /synthetic page/]) {
    assert.ok(!targets.some((t) => retired.test(t)), `a target still matches ${String(retired)}`);
  }
  for (const name of Object.values(SERIES)) assert.doesNotMatch(name, /^pivot:|DuckDB|arquero|synthetic page/);
});

test("the figures go between the markers; prose outside them is kept, and a rerun replaces only the figures", () => {
  const run: BenchRun = {
    machine: {
      date: "2026-01-01T00:00:00Z",
      cpus: 2,
      cpuModel: "Test CPU",
      memoryGiB: 4,
      platform: "linux",
      node: "v20.0.0",
      chromium: "1.2.3"
    },
    results: RESULTS,
    skipped: ["control change on index.html: the page has no select or radio group."]
  };
  const figures = renderFigures(run);
  assert.match(figures, /2 × Test CPU/);
  assert.match(figures, /\| PASS \|/);
  assert.match(figures, /\| MISS \|/);
  assert.match(
    figures,
    /Rebuild after editing one reply: whole cache cleared → stale loader outputs only \| node \| {2}\| 15000\.0 \| 4000\.0 \| 3\.8×/
  );
  assert.match(figures, /### Builds\n/);
  assert.match(figures, /- control change on index\.html: the page has no select or radio group\./);

  const doc = `# Performance\n\nProse before.\n\n${MARKER_START}\nold figures\n${MARKER_END}\n\nProse after.\n`;
  const once = replaceBetweenMarkers(doc, figures);
  assert.ok(once.startsWith("# Performance\n\nProse before.\n\n"));
  assert.ok(once.endsWith("\n\nProse after.\n"));
  assert.ok(!once.includes("old figures"));
  assert.equal(replaceBetweenMarkers(once, figures), once);
  const appended = replaceBetweenMarkers("# Performance\n", "x");
  assert.ok(appended.includes(MARKER_START) && appended.includes(MARKER_END));
  assert.throws(() => replaceBetweenMarkers(`a ${MARKER_START} b`, "x"), /one figures marker/);
});

test("the build targets (issues 10 and 17): a cold build within 10 s, a rebuild after editing one reply within 3 s", () => {
  const build = (name: string, medianMs: number) => r(name, "node", null, medianMs, {group: "build"});
  const get = (checks: ReturnType<typeof checkTargets>, start: string) =>
    checks.find((c) => c.target.startsWith(start));
  const fast = checkTargets([build(SERIES.buildCold, 9_000), build(SERIES.buildEditOne, 2_800)]);
  assert.deepEqual([get(fast, "cold build")?.pass, get(fast, "rebuild after editing one reply")?.pass], [true, true]);
  assert.equal(get(fast, "rebuild after editing one reply")?.value, "2.8 s");
  const slow = checkTargets([build(SERIES.buildCold, 16_000), build(SERIES.buildEditOne, 3_100)]);
  assert.deepEqual([get(slow, "cold build")?.pass, get(slow, "rebuild after editing one reply")?.pass], [false, false]);
  assert.equal(get(checkTargets([]), "cold build")?.pass, null);
});
