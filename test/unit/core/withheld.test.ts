// The one rule for withheld counts (src/lib/core/withheld.ts): stated bounds are the range;
// no stated bounds means at least 1 with no upper bound; a withheld count is never 0.
import assert from "node:assert/strict";
import test from "node:test";
import {countRange, sumCounts} from "../../../src/lib/core/withheld.js";

test("a known count is its own range; a withheld one keeps its stated bounds or is at least 1", () => {
  assert.deepEqual(countRange({count: 3, countBounds: null}), {min: 3, max: 3});
  assert.deepEqual(countRange({count: 0, countBounds: null}), {min: 0, max: 0});
  assert.deepEqual(countRange({count: null, countBounds: [1, 4]}), {min: 1, max: 4});
  assert.deepEqual(countRange({count: null, countBounds: null}), {min: 1, max: null});
});

test("sums keep the known part apart and lose the upper bound when any row states none", () => {
  assert.deepEqual(sumCounts([]), {known: 0, withheldRows: 0, min: 0, max: 0});
  assert.deepEqual(
    sumCounts([
      {count: 2, countBounds: null},
      {count: null, countBounds: [1, 4]}
    ]),
    {known: 2, withheldRows: 1, min: 3, max: 6}
  );
  assert.deepEqual(
    sumCounts([
      {count: 2, countBounds: null},
      {count: null, countBounds: [1, 4]},
      {count: null, countBounds: null}
    ]),
    {known: 2, withheldRows: 2, min: 4, max: null}
  );
});
