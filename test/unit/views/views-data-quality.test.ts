// The data-quality page's view (src/lib/views/data-quality.ts): its first paragraphs, from MADE-UP rows.
import assert from "node:assert/strict";
import {test} from "node:test";
import {dataQualityView} from "../../../src/lib/views/data-quality.js";

const row = {
  status: "answered",
  verdict: "verified",
  checksFailed: 0,
  warnings: 0,
  transcribed: 0,
  corrected: 0
} as const;

test("one verified reply: nothing waits for a person, no check failed, no warnings", () => {
  const v = dataQualityView([row]);
  assert.equal(v.waiting, "Every reply is verified.");
  assert.equal(v.replies, "the one reply");
  assert.equal(v.found, "No check failed; there are no warnings.");
  assert.match(v.people, /none was transcribed or corrected by a person/);
});

test("replies waiting for a person are counted by why: unreadable, conflicting, unverified", () => {
  const v = dataQualityView([
    row,
    {...row, verdict: "conflicting", checksFailed: 2, warnings: 1},
    {...row, verdict: "unverified", transcribed: 3},
    {...row, status: "unreadable", verdict: "unreadable"}
  ]);
  assert.equal(
    v.waiting,
    "3 replies need a person before their figures can be trusted (1 unreadable, 1 conflicting, 1 unverified); they come first below, with the reason."
  );
  assert.equal(v.replies, "each of the 4 replies");
  assert.equal(v.found, "2 checks failed; there is 1 warning; the kit could not read 1 file.");
  assert.equal(
    v.people,
    "People transcribed 1 reply and corrected 0 replies; the table says which records they wrote."
  );
});
