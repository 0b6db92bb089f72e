// A reply's verdict: verified only when a check confirms the reading; unverified when nothing can;
// conflicting when a check fails. Replies here are MADE UP, written by the tests.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {verdictOf} from "../../../src/lib/parse/verdict.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {qualityData} from "../../../src/lib/campaign/quality.js";
import {tidyRecords} from "../../../src/lib/records/tidy.js";

const mappings = loadMappings();
const read = (text: string, file = "responses/made-up.txt") => parseReplyText({file, text, meta: null, mappings});

const TABLE = ["Age group\tOutcome\tNumber of employees", "25-34\tDismissal\t2", "35-44\tNo case to answer\t3"];

test("the seed reply is verified: its rows, totals row and answer 5 agree", () => {
  const text = readFileSync(
    join(import.meta.dirname, "../../../data/responses/leicester-city-council-2016.txt"),
    "utf8"
  );
  const v = read(text).verdict!;
  assert.equal(v.verdict, "verified");
  assert.match(v.reason, /rows = totals row/);
  assert.match(v.reason, /rows = answer 5/);
});

test("a table with no totals row and no answer 5 is unverified, with a reason a person can act on", () => {
  const v = read(TABLE.join("\n")).verdict!;
  assert.equal(v.verdict, "unverified");
  assert.match(v.reason, /2 records read from a table .* no totals row and no number in answer 5/);
});

test("rows that agree with answer 5 are verified; rows that do not are conflicting", () => {
  const reply = (n: string) => ["5. How many employees were investigated?", n, "", "8. Ages", ...TABLE].join("\n");
  assert.equal(read(reply("5")).verdict!.verdict, "verified");
  const wrong = read(reply("6")).verdict!;
  assert.equal(wrong.verdict, "conflicting");
  assert.match(wrong.reason, /rows = answer 5 fails/);
});

test("a reading from sentences alone is never verified by itself", () => {
  const v = read("Two employees aged 25-34 were dismissed.").verdict!;
  assert.equal(v.verdict, "unverified");
  assert.match(v.reason, /read from sentences/);
});

test("a nil return in answer 5 is verified; one read from a sentence elsewhere is not", () => {
  const inFive = read(
    ["4. When?", "2014", "5. How many employees were investigated?", "None.", "6. Outcomes", "n/a"].join("\n")
  );
  assert.equal(inFive.status, "nil");
  assert.equal(inFive.verdict!.verdict, "verified");
  const elsewhere = read(["Dear requester,", "No employees have been investigated for this."].join("\n"));
  assert.equal(elsewhere.status, "nil");
  assert.equal(elsewhere.verdict!.verdict, "unverified");
});

test("a refusal under the cost limit refuses the whole request: verified", () => {
  const v = read(
    "We are refusing your request under section 12 of the FOI Act as it would exceed the appropriate limit."
  );
  assert.equal(v.status, "refused");
  assert.equal(v.verdict!.verdict, "verified");
});

test("answer 5 giving a number while no figures are read is conflicting, not a quiet refusal", () => {
  const v = verdictOf({
    status: "refused",
    records: [],
    checks: [],
    fields: {
      hasPolicy: null,
      policyInCodeOfConduct: null,
      policyIntroduced: null,
      investigated: 4,
      investigatedLine: 3,
      pctOfDisciplinary: null,
      pctOfDisciplinaryLine: null,
      tableTotal: null,
      tableTotalLine: null
    },
    answers: {},
    table: null,
    warnings: []
  });
  assert.equal(v.verdict, "conflicting");
  assert.match(v.reason, /answer 5 says 4 employees were investigated/);
});

test("the verdict reaches the data-quality rows (the review queue first) and the downloads", () => {
  const verified = read(["5. How many?", "5", "8. Ages", ...TABLE].join("\n"), "responses/a.txt");
  const unverified = read(TABLE.join("\n"), "responses/b.txt");
  const {replies} = qualityData(
    [verified, unverified],
    [{file: "responses/c.pdf", line: null, reason: "no text", authority: null}]
  );
  assert.deepEqual(
    replies.map((r) => [r.file, r.verdict]),
    [
      ["responses/c.pdf", "unreadable"],
      ["responses/b.txt", "unverified"],
      ["responses/a.txt", "verified"]
    ]
  );
  const rows = tidyRecords([verified, unverified]);
  assert.deepEqual(
    [...new Set(rows.map((r) => `${r.file} ${r.verdict}`))],
    ["responses/a.txt verified", "responses/b.txt unverified"]
  );
});
