// Label variants, withheld counts, nil returns and refusals, answers and the answer-9 check.
import assert from "node:assert/strict";
import {join} from "node:path";
import {test} from "node:test";
import {extractFields, parseAnswers} from "../../../src/lib/parse/answers.js";
import {mapAgeBand, mapOutcome} from "../../../src/lib/parse/mappings.js";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {impliedTotalCheck} from "../../../src/lib/parse/reconcile.js";
import {parseCount} from "../../../src/lib/parse/record.js";
import {splitLines} from "../../../src/lib/core/text.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import type {ReplyFields} from "../../../src/lib/core/types.js";

const mappings = loadMappings();
const FIXTURES = join(import.meta.dirname, "../../fixtures/replies");

test("age labels as councils write them map to the request's bands", () => {
  const cases: [string, string][] = [
    ["16 to 24", "16-24"],
    ["16-24", "16-24"],
    ["16 – 24 yrs", "16-24"],
    ["Under 25", "16-24"],
    ["25 - 34", "25-34"],
    ["25 to 34 years", "25-34"],
    ["Aged 35-44", "35-44"],
    ["45–54", "45-54"],
    ["55 +", "55+"],
    ["55+", "55+"],
    ["over 55", "55+"],
    ["Over 55", "55+"],
    ["Over 55s", "55+"],
    ["55 and over", "55+"],
    ["55 years and over", "55+"],
    ["55 & over", "55+"],
    ["55 and older", "55+"],
    ["55 yrs +", "55+"],
    ["65+", "55+"],
    ["fifty-ish", "unknown"],
    ["", "unknown"]
  ];
  for (const [label, band] of cases) assert.equal(mapAgeBand(mappings, label), band, label);
});

test("outcome variants map to canonical lower-case outcomes with severity, tier and upheld", () => {
  const cases: [string, string, string, boolean | null][] = [
    ["No case to answer", "no case to answer", "no action", false],
    ["NFA", "no case to answer", "no action", false],
    ["Not upheld.", "no case to answer", "no action", false],
    ["Management Action", "management action", "informal", true],
    ["Oral warning", "verbal warning", "warning", true],
    ["1st Written Warning", "first written warning", "warning", true],
    ["Final warning", "final written warning", "warning", true],
    ["Resigned", "resigned during process", "exit", null],
    ["Summary dismissal", "dismissal", "exit", true]
  ];
  for (const [label, outcome, tier, upheld] of cases) {
    const m = mapOutcome(mappings, label);
    assert.deepEqual([m?.outcome, m?.tier, m?.upheld], [outcome, tier, upheld], label);
  }
  assert.equal(mapOutcome(mappings, "sent on a course"), null);
  assert.ok(mapOutcome(mappings, "dismissal")!.severity > mapOutcome(mappings, "verbal warning")!.severity);
});

test("withheld counts keep the row with no count, suppressed, and their bounds", () => {
  const cases: [string, number | null, boolean, [number, number] | null][] = [
    ["3", 3, false, null],
    ["1,204", 1204, false, null],
    ["2.0", 2, false, null],
    ["None", 0, false, null],
    ["0", 0, false, null],
    ["<5", null, true, [1, 4]],
    ["< 5", null, true, [1, 4]],
    ["fewer than 5", null, true, [1, 4]],
    ["Less than 5", null, true, [1, 4]],
    ["5 or fewer", null, true, [1, 5]],
    ["\u2264 4", null, true, [1, 4]],
    ["1-4", null, true, [1, 4]],
    ["*", null, true, null],
    ["**", null, true, null],
    ["Withheld", null, true, null],
    ["s.40", null, true, null],
    ["<5 (section 40)", null, true, [1, 4]],
    ["3 employees", 3, false, null]
  ];
  for (const [raw, count, suppressed, bounds] of cases) {
    assert.deepEqual(parseCount(raw), {count, suppressed, bounds}, raw);
  }
  assert.equal(parseCount("about three"), null);
});

test("totals report known counts and withheld rows apart, never as 0", () => {
  const text = "Age,Outcome,Number\n16-24,dismissal,3\n25-34,nfa,<5\n35-44,nfa,*\nTotal,,7\n";
  const reply = parseReplyText({file: "x.csv", text, meta: null, mappings});
  assert.deepEqual(
    reply.records.map((r) => [r.count, r.suppressed]),
    [
      [3, false],
      [null, true],
      [null, true]
    ]
  );
  const check = reply.checks.find((c) => c.name === "rows = totals row")!;
  assert.equal(check.status, "pass");
  // "<5" is at least 1, and so is "*", which states no bounds (src/lib/core/withheld.ts): 3 + 1 + 1.
  assert.equal(check.detail, "sum of the table's rows = 3 known + 2 withheld (at least 5); the totals row = 7");
  const tooSmall = parseReplyText({file: "x.csv", text: text.replace("Total,,7", "Total,,3"), meta: null, mappings});
  assert.equal(tooSmall.checks[0].status, "fail", "3 cannot hold 3 known and a withheld row of at least 1");
});

test("nil returns and refusals give no records and a status, not an error", async () => {
  // Statuses keep their meanings apart: a nil return is a count of 0, "not held" and a refusal are no count at all.
  const expected: [string, string, string][] = [
    ["nil-none.txt", "none investigated", "nil"],
    ["nil-not-held.txt", "not held", "not held"],
    ["nil-section-12.txt", "section 12", "refused"]
  ];
  for (const [file, reason, status] of expected) {
    const reply = await readReply(join(FIXTURES, file), mappings, {shownAs: file});
    assert.equal(reply.status, status, file);
    assert.equal(reply.nilReason, reason, file);
    assert.ok(reply.statusDetail, file);
    assert.deepEqual(reply.records, []);
  }
  const zero = parseReplyText({
    file: "z.txt",
    text: "5. How many employees have been investigated?\n0\n",
    meta: null,
    mappings
  });
  assert.equal(zero.status, "nil");
  const s40 = parseReplyText({
    file: "s.txt",
    text: "We withhold the ages and outcomes under section 40(2), as the employees could be identified.\n",
    meta: null,
    mappings
  });
  assert.equal(s40.nilReason, "section 40");
  assert.throws(
    () => parseReplyText({file: "q.txt", text: "Thank you for your letter.\n", meta: null, mappings}),
    ReplyError
  );
});

test("answers 1 to 10 and the fields taken from them", () => {
  const text = [
    "1. Does the authority have a social media policy?",
    "No, we do not have a social media policy.",
    "4) When was it introduced?",
    "It was introduced on 3rd March 2012.",
    "5. How many employees have been investigated?",
    "There were 12 employees investigated.",
    "9. What percentage of all disciplinary proceedings?",
    "Less than 1% of cases.",
    "10. If no policy...",
    "Not applicable."
  ];
  const answers = parseAnswers(text);
  assert.deepEqual(Object.keys(answers), ["1", "4", "5", "9", "10"]);
  assert.equal(answers[5].text, "There were 12 employees investigated.");
  const f = extractFields(text, answers);
  assert.equal(f.hasPolicy, false);
  assert.equal(f.policyIntroduced, "2012-03-03");
  assert.equal(f.investigated, 12);
  assert.equal(f.investigatedLine, 6);
  assert.equal(f.pctOfDisciplinary, null, "'less than 1%' is a bound, not a share");
  assert.equal(f.pctOfDisciplinaryRaw, "Less than 1%");
  assert.equal(
    extractFields(splitLines("5.\nQ?\n12.5% of staff"), parseAnswers(splitLines("5.\nQ?\n12.5% of staff")))
      .investigated,
    null
  );
});

test("the total implied by answer 9 passes when a whole number of proceedings fits the rounded share", () => {
  const fields = (investigated: number | null, pct: number | null, raw: string | null): ReplyFields => ({
    hasPolicy: null,
    policyInCodeOfConduct: null,
    policyIntroduced: null,
    investigated,
    investigatedLine: null,
    pctOfDisciplinary: pct,
    pctOfDisciplinaryLine: null,
    pctOfDisciplinaryRaw: raw,
    tableTotal: null,
    tableTotalLine: null
  });
  const leicester = impliedTotalCheck(fields(31, 3.1, "3.1%"));
  assert.equal(leicester.status, "pass");
  assert.equal(leicester.expected, 1000);
  assert.equal(leicester.informational, true);
  assert.match(leicester.detail, /about 1,000 proceedings in all \(985 to 1,016/);
  // 3 of N can be 37.5% or 42.9% but never 40% (39.5-40.5%): no whole N fits.
  assert.equal(impliedTotalCheck(fields(3, 40, "40%")).status, "fail");
  assert.equal(impliedTotalCheck(fields(3, 43, "43%")).status, "pass");
  assert.equal(impliedTotalCheck(fields(5, 120, "120%")).status, "fail");
  assert.equal(impliedTotalCheck(fields(5, 0, "0%")).status, "fail");
  assert.equal(impliedTotalCheck(fields(null, 3, "3%")).status, "not available");
  assert.equal(impliedTotalCheck(fields(0, 3, "3%")).status, "not available");
});
