// The explorer's view (src/lib/views/explore.ts): the words around the pivot, from the real Leicester reply.
import assert from "node:assert/strict";
import {test} from "node:test";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";
import {pivot} from "../../../src/lib/pivot/pivot.js";
import {chosenView, exploreView} from "../../../src/lib/views/explore.js";

const mappings = loadMappings();
const replies = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const records = replies.flatMap((r) => r.records);

test("the explorer's heading, caption and file name follow the reader's choices", () => {
  const result = pivot(records, {rows: "ageBand", cols: "outcome", measure: "count"});
  const v = exploreView(result);
  assert.equal(v.heading, "Number of employees, by age band and outcome");
  assert.equal(v.caption, v.heading);
  assert.equal(v.subtitle, "31 employees investigated");
  assert.equal(v.basename, "explore-ageBand-by-outcome-count");
  assert.equal(v.leftOut, "");
  const filtered = pivot(records, {rows: "ageBand", cols: "outcome", measure: "count", excludeNoCase: true});
  const f = exploreView(filtered);
  assert.match(f.caption, /\(leaving out "no case to answer"\)$/);
  assert.equal(f.leftOut, `The filters leave out ${filtered.leftOut} of ${records.length} lines of the replies. `);
  assert.ok(filtered.leftOut > 0);
});

test("a chosen number is named by where it stands, and a cell the table lacks says so", () => {
  const result = pivot(records, {rows: "ageBand", cols: "outcome", measure: "count"});
  const total = chosenView(result, {row: null, col: null});
  assert.equal(total.where, "every age band × every outcome");
  assert.match(total.caption!, /^every age band × every outcome: 31 \(\d+ lines of the replies\)$/);
  const missing = chosenView(result, {row: "16-24", col: "promotion"});
  assert.equal(missing.where, "16-24 × promotion");
  assert.equal(missing.caption, null);
});
