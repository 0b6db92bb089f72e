// The funnel plot's limits and points, against numbers worked by hand.
import assert from "node:assert/strict";
import {test} from "node:test";
import {funnel, funnelLimits, zFor} from "../../../src/lib/stats/funnel.js";

const near = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) < tol, `${a} is not ${b}`);

test("z for 95% and 99.8% limits", () => {
  near(zFor(0.95), 1.959964);
  near(zFor(0.998), 3.090232);
});

test("limits p ± z·sqrt(p(1 − p)/n): p = 0.3, n = 25", () => {
  // sqrt(0.3 × 0.7 / 25) = sqrt(0.0084) = 0.0916515
  // 95%:   1.959964 × 0.0916515 = 0.179633 → 0.120367 to 0.479633
  // 99.8%: 3.090232 × 0.0916515 = 0.283225 → 0.016775 to 0.583225
  const [lo95, hi95] = funnelLimits(0.3, 25, 0.95);
  near(lo95, 0.120367);
  near(hi95, 0.479633);
  const [lo998, hi998] = funnelLimits(0.3, 25, 0.998);
  near(lo998, 0.016775);
  near(hi998, 0.583225);
  // Clipped to [0, 1] for small n: p = 0.3, n = 4 gives 0.3 ± 0.4491 at 95%.
  assert.deepEqual(funnelLimits(0.3, 4, 0.95)[0], 0);
});

test("points, pooled share and units left out", () => {
  const f = funnel([
    {key: "a", label: "A", x: 3, n: 10},
    {key: "b", label: "B", x: 27, n: 90},
    {key: "c", label: "C", x: 0, n: 0},
    {key: "d", label: "D", x: 0, n: null},
    {key: "e", label: "E", x: 60, n: 100}
  ]);
  // (3 + 27 + 60) / (10 + 90 + 100) = 90 / 200 = 0.45
  near(f.pooled, 0.45);
  assert.equal(f.cases, 200);
  assert.equal(f.noCount, 1);
  assert.equal(f.zeroCases, 1);
  assert.deepEqual(
    f.points.map((p) => p.key),
    ["a", "b", "e"]
  );
  // B: 0.3 at n = 90; half-width 1.959964 × sqrt(0.45 × 0.55 / 90) = 0.102785 → below 0.347215.
  // 99.8%: 3.090232 × 0.0524404 = 0.162053 → 0.287947 to 0.612053, so inside.
  const b = f.points[1];
  assert.equal(b.outside95, "below");
  assert.equal(b.outside998, null);
  // E: 0.6 at n = 100; half-width 1.959964 × 0.0497494 = 0.097507 → above 0.547507; 99.8% 0.153738 → 0.603738, inside.
  assert.equal(f.points[2].outside95, "above");
  assert.equal(f.points[2].outside998, null);
  // A: 0.3 at n = 10 is well within (0.141654 to 0.758346).
  assert.equal(f.points[0].outside95, null);
  assert.equal(f.limits[0].n, 1);
  assert.equal(f.limits.at(-1)!.n, 100);
  near(f.limits.at(-1)!.upper95, 0.547507);
});

test("nothing to plot: no units with cases", () => {
  const f = funnel([{key: "a", label: "A", x: 0, n: null}]);
  assert.equal(f.points.length, 0);
  assert.equal(f.limits.length, 0);
  assert.ok(Number.isNaN(f.pooled));
});
