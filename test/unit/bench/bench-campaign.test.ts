// Issue 11's budgets in the performance suite (bench/results.ts checkCampaignTargets): which measures they read
// (the made-up campaign at 400 councils; the home page's height against the next smaller campaign), and
// "not measured" when a run has none.
import assert from "node:assert/strict";
import {test} from "node:test";
import {checkCampaignTargets, SERIES, validateResults, type BenchResult} from "../../../bench/results.js";

test("the campaign budgets read the campaign's measures at 400 councils, and the home page's height against 40", () => {
  const r = (name: string, rows: number, extra: Partial<BenchResult> = {}): BenchResult => ({
    name,
    group: "campaign",
    env: "chromium",
    rows,
    medianMs: 10,
    p95Ms: 10,
    samples: 1,
    ...extra
  });
  const results = [
    r(SERIES.campaignBuild, 400, {env: "node", medianMs: 31_000, p95Ms: 31_000}),
    r(SERIES.campaignPageReady, 400, {page: "index.html", medianMs: 900, p95Ms: 900, gzipBytes: 251_000}),
    r(SERIES.campaignHomeHeight, 400, {heightPx: 5000}),
    r(SERIES.campaignHomeHeight, 40, {heightPx: 5200}),
    r(SERIES.campaignExplorerControl, 400, {medianMs: 40, p95Ms: 50}),
    // Another size's measures are not the budgets'.
    r(SERIES.campaignExplorerControl, 40, {medianMs: 400, p95Ms: 400})
  ];
  assert.deepEqual(validateResults(results), [], "heightPx is part of the documented shape");
  const checks = checkCampaignTargets(results);
  assert.deepEqual(
    checks.map((c) => [c.target, c.pass]),
    [
      ["campaign of 400: clean build within 30 s", false],
      ["campaign of 400, index.html: within 250 kB gzip, data included", false],
      ["campaign of 400, index.html: ready within 1.0 s", true],
      ["campaign: home page no taller at 400 councils than at 40", true],
      ["campaign of 400: explorer control change within 100 ms", true]
    ]
  );
  assert.deepEqual(
    checkCampaignTargets([]).map((c) => c.pass),
    [null, null, null, null, null]
  );
});
