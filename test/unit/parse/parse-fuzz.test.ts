// Fuzzed input never crashes the parser: the only error it may throw is a ReplyError naming the file.
import assert from "node:assert/strict";
import {test} from "node:test";
import fc from "fast-check";
import {extractText} from "../../../src/lib/extract/extract.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {decodeReply} from "../../../src/lib/core/text.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import type {ParsedReply} from "../../../src/lib/core/types.js";

const mappings = loadMappings();

/** Pieces of real replies' vocabulary, so the fuzzer reaches the table readers rather than only their first "no table" exit. */
const token = fc.constantFrom(
  "Age group",
  "Age",
  "Outcome",
  "No. of employees",
  "Number",
  "Total",
  "16-24",
  "25 to 34",
  "Over 55",
  "55 +",
  "dismissal",
  "final written warning",
  "no case to answer",
  "<5",
  "*",
  "fewer than 5",
  "0",
  "1",
  "31",
  "3.1%",
  "None",
  "not held",
  "section 12",
  "5.",
  "9.",
  "1)",
  "|",
  "||",
  "|---|",
  ",",
  ";",
  "\t",
  "  ",
  '"',
  "\u00a0",
  "<script>",
  "\r",
  "\r\n",
  "\n",
  "-",
  "–",
  "&amp;"
);
const line = fc
  .tuple(
    fc.array(fc.oneof(token, fc.string({maxLength: 6})), {maxLength: 8}),
    fc.constantFrom(" ", "\t", " | ", ",", "  ")
  )
  .map(([parts, separator]) => parts.join(separator));
const replyText = fc.oneof(
  fc.string({maxLength: 400}),
  fc.array(line, {maxLength: 30}).map((lines) => lines.join("\n"))
);

function parseOrReplyError(text: string): ParsedReply | null {
  try {
    return parseReplyText({file: "fuzz.txt", text, meta: null, mappings});
  } catch (error) {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${(error as Error)?.stack}`);
    assert.equal(error.file, "fuzz.txt");
    return null;
  }
}

test("any text parses to well-formed records or a ReplyError", () => {
  fc.assert(
    fc.property(replyText, (text) => {
      const reply = parseOrReplyError(text);
      if (!reply) return;
      const lineCount = text.split(/\r\n|\n|\r/).length;
      for (const r of reply.records) {
        assert.ok(["16-24", "25-34", "35-44", "45-54", "55+", "unknown"].includes(r.ageBand));
        assert.ok(r.count === null || (Number.isInteger(r.count) && r.count >= 0));
        assert.equal(r.suppressed, r.suppressed && r.count === null);
        assert.ok(Number.isInteger(r.line) && r.line >= 1 && r.line <= lineCount, `line ${r.line} of ${lineCount}`);
      }
      for (const c of [...reply.checks, ...(reply.infoChecks ?? [])])
        assert.ok(["pass", "fail", "not available"].includes(c.status));
    }),
    {numRuns: 400, seed: 20160101}
  );
});

test("any bytes decode to text or a ReplyError", () => {
  fc.assert(
    fc.property(fc.uint8Array({maxLength: 300}), (bytes) => {
      try {
        decodeReply(bytes, "fuzz.bin");
      } catch (error) {
        assert.ok(error instanceof ReplyError, String(error));
      }
    }),
    {numRuns: 300, seed: 7}
  );
});

test("any bytes, even ones that start like a PDF or a Word file, extract to text or a ReplyError", async () => {
  const prefix = fc.constantFrom(
    new Uint8Array(),
    new TextEncoder().encode("%PDF-1.4\n"),
    Uint8Array.from([0x50, 0x4b, 0x03, 0x04]),
    Uint8Array.from([0xff, 0xfe])
  );
  await fc.assert(
    fc.asyncProperty(
      prefix,
      fc.uint8Array({maxLength: 200}),
      fc.constantFrom("x.txt", "x.pdf", "x.docx", "x.csv"),
      async (head, tail, name) => {
        try {
          await extractText(Uint8Array.from([...head, ...tail]), name);
        } catch (error) {
          assert.ok(error instanceof ReplyError, String((error as Error)?.stack ?? error));
        }
      }
    ),
    {numRuns: 60, seed: 11}
  );
});
