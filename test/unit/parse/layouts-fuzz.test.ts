// Fuzzed input never crashes the new readers (sentences, cells spanning lines, transcriptions, corrections):
// the only error they may throw is a ReplyError naming the file. And parsing stays fast.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import fc from "fast-check";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {parseCount} from "../../../src/lib/parse/record.js";
import {applyCorrections, parseTranscription} from "../../../src/lib/parse/human.js";
import {TRANSCRIPTION_COLUMNS} from "../../../src/lib/parse/transcription.js";
import {parseCsvRows, splitDelimitedRow} from "../../../src/lib/parse/tables/delimited.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {syntheticReplies} from "../../../tools/synthetic-replies.js";

const mappings = loadMappings();
const FIXTURES = join(import.meta.dirname, "../../fixtures/replies");

function onlyReplyError<T>(file: string, run: () => T): T | null {
  try {
    return run();
  } catch (error) {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${(error as Error)?.stack}`);
    assert.equal(error.file, file);
    return null;
  }
}

/** The vocabulary of replies written as sentences, so the fuzzer reaches the prose reader's corners. */
const word = fc.constantFrom(
  "Three",
  "one",
  "a",
  "an",
  "a single",
  "two",
  "twelve",
  "twenty-one",
  "3",
  "0",
  "12",
  "1,200",
  "fewer than five",
  "<5",
  "between 1 and 4",
  "members of staff",
  "employees",
  "employee",
  "staff",
  "cases",
  "of whom",
  "of these",
  "in total",
  "Of the",
  "aged",
  "between 35 and 44",
  "aged 55 or over",
  "16 to 24",
  "25-34",
  "over 55",
  "under 25",
  "55+",
  "aged 30",
  "the 45-54 age group",
  "were given a",
  "first written warning",
  "resigned before the hearing",
  "dismissed",
  "no case to answer",
  "verbal warnings",
  "management advice",
  "section 40(2)",
  "s.12",
  "questions 5 to 9",
  "answer 5",
  "1 July 2013",
  "31st December 2015",
  "2015/16",
  "3.1%",
  "2.5 per cent",
  "£1,000",
  "refusing",
  "exempt",
  "not held",
  "vexatious",
  "No employees have been investigated",
  "internal review",
  ":",
  ";",
  ",",
  ".",
  "(",
  ")",
  "-",
  "–",
  "\n",
  "\n\n",
  "\t",
  "|",
  '"',
  "*",
  "x",
  "Total",
  "Age",
  "Outcome",
  "Number",
  "5.",
  "8."
);
const prose = fc
  .array(fc.oneof({weight: 6, arbitrary: word}, {weight: 1, arbitrary: fc.string({maxLength: 5})}), {maxLength: 60})
  .map((ws) => ws.join(" "));

test("any sentences parse to well-formed records, margins and a status, or a ReplyError", () => {
  fc.assert(
    fc.property(prose, (text) => {
      const reply = onlyReplyError("fuzz.txt", () => parseReplyText({file: "fuzz.txt", text, meta: null, mappings}));
      if (!reply) return;
      const lineCount = text.split(/\r\n|\n|\r/).length;
      assert.ok(["ok", "nil", "refused", "not held", "partial"].includes(reply.status));
      if (reply.status === "refused" || reply.status === "not held" || reply.status === "nil")
        assert.deepEqual(reply.records, [], "no records, and so no zero");
      if (reply.status === "refused" || reply.status === "partial")
        assert.ok(reply.refusal && reply.refusal.line >= 1 && reply.refusal.line <= lineCount);
      const entries = [...reply.records, ...(reply.margins?.ageBand ?? []), ...(reply.margins?.outcome ?? [])];
      for (const r of entries) {
        assert.ok(r.count === null || (Number.isInteger(r.count) && r.count >= 0));
        if (r.countBounds) assert.ok(r.count === null && r.countBounds[0] <= r.countBounds[1]);
        assert.ok(Number.isInteger(r.line) && r.line >= 1 && r.line <= lineCount, `line ${r.line} of ${lineCount}`);
      }
      for (const r of reply.records) {
        assert.ok(r.firstLine >= 1 && r.firstLine <= r.line);
        assert.ok(!r.suppressed || r.count === null, "a withheld count is never a number, and never 0");
      }
      for (const c of reply.checks) assert.ok(["pass", "fail", "not available"].includes(c.status));
    }),
    {numRuns: 500, seed: 20160412}
  );
});

test("any text splits into delimited rows whose cells keep lines inside the row", () => {
  const text = fc
    .array(
      fc.oneof(fc.constantFrom('"', '""', ",", "\t", ";", "\n", "\r\n", "a", "1", " "), fc.string({maxLength: 4})),
      {maxLength: 40}
    )
    .map((p) => p.join(""));
  fc.assert(
    fc.property(text, fc.constantFrom(",", "\t", ";"), (t, delimiter) => {
      const lines = t.split(/\r\n|\n|\r/);
      for (let i = 0; i < lines.length; i++) {
        const row = splitDelimitedRow(lines, i, delimiter);
        if (!row) continue;
        assert.equal(row.cells.length, row.cellLines.length);
        for (const l of row.cellLines) assert.ok(l >= i + 1 && l <= i + row.span && l <= lines.length);
      }
      const {rows, unclosed} = parseCsvRows(t, delimiter);
      assert.ok(unclosed === null || (unclosed >= 1 && unclosed <= lines.length));
      for (const r of rows) assert.ok(r.line >= 1 && r.line <= lines.length);
    }),
    {numRuns: 500, seed: 5}
  );
});

test("any count cell reads as a count, a withheld count with sane bounds, or nothing", () => {
  const cell = fc.oneof(
    fc.string({maxLength: 12}),
    fc.array(word, {maxLength: 3}).map((w) => w.join(" "))
  );
  fc.assert(
    fc.property(cell, (raw) => {
      const c = parseCount(raw);
      if (!c) return;
      assert.ok(c.count === null ? c.suppressed : Number.isInteger(c.count) && c.count >= 0 && !c.suppressed);
      if (c.bounds) assert.ok(c.bounds[0] <= c.bounds[1] && c.count === null);
    }),
    {numRuns: 500, seed: 9}
  );
});

test("any transcription or corrections file gives records or a ReplyError naming it", () => {
  const cellText = fc.oneof(
    fc.constantFrom(
      "",
      "16-24",
      "Over 55",
      "unknown",
      "55+",
      "Dismissal",
      "dismissal",
      "not stated",
      "Total",
      "<5",
      "*",
      "3",
      "0",
      "-1",
      "x",
      "add",
      "drop",
      "18",
      "a reason",
      '"q, "" uo"',
      "\n"
    ),
    fc.string({maxLength: 5})
  );
  const header = fc.subarray(
    // A transcription's own columns, a correction's, a split column and one no template has.
    [...TRANSCRIPTION_COLUMNS, "action", "reason", "year", "bogus"],
    {minLength: 1}
  );
  const csv = fc
    .tuple(header, fc.array(fc.array(cellText, {maxLength: 8}), {maxLength: 6}))
    .map(([h, rows]) => [h.join(","), ...rows.map((r) => r.join(","))].join("\n"));
  const reply = parseReplyText({
    file: "responses/pipe-table.md",
    text: readFileSync(join(FIXTURES, "pipe-table.md"), "utf8"),
    meta: null,
    mappings
  });
  fc.assert(
    fc.property(csv, (text) => {
      const t = onlyReplyError("t.csv", () =>
        parseTranscription(text, "t.csv", {reply: "r.pdf", authority: "A", mappings, lineCount: 30})
      );
      for (const r of t?.records ?? []) assert.ok(r.provenance === "transcribed" && (r.count === null || r.count >= 0));
      const fixed = onlyReplyError("c.csv", () => applyCorrections(reply, text, "c.csv", mappings));
      if (fixed) assert.equal(fixed.checks.length, reply.checks.length);
    }),
    {numRuns: 400, seed: 3}
  );
});

test("every layout's reply parses to the same reading twice (the speed target is in npm run bench)", () => {
  // Speed is measured by npm run bench ("ingest: 200 or more text replies a second"), not here:
  // a timed test fails on a busy machine and passes on an idle one whatever the code does.
  const fixtures = [
    "prose.txt",
    "prose-lists.txt",
    "margins.md",
    "withheld-wordings.txt",
    "refused-partial.txt",
    "pipe-table.md",
    "cross-tab.txt"
  ].map((f) => readFileSync(join(FIXTURES, f), "utf8"));
  for (const text of [...syntheticReplies(50, 20240601).map((r) => r.text), ...fixtures]) {
    const a = parseReplyText({file: "again.txt", text, meta: null, mappings});
    const b = parseReplyText({file: "again.txt", text, meta: null, mappings});
    assert.deepEqual(a, b);
    assert.ok(a.verdict, "every reading has a verdict");
  }
});
