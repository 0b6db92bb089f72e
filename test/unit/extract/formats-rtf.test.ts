// Rich Text Format replies, from MADE-UP fixtures written by code (tools/fixtures/make-rtf.ts).
import assert from "node:assert/strict";
import {test} from "node:test";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {extractText, sniffFormat} from "../../../src/lib/extract/extract.js";
import {RTF_MAX_DEPTH, rtfText} from "../../../src/lib/extract/formats/rtf.js";
import {MADE_UP_TABLE, PROSE_AFTER, PROSE_BEFORE} from "../../../tools/fixtures/make-binary.js";
import {makeRtf, makeRtfReply} from "../../../tools/fixtures/make-rtf.js";
import {brief, mappings, read} from "../read-fixture.js";

const rtf = (text: string) => new TextEncoder().encode(text);

test("an RTF reply whose table is an RTF table reads to the same records as the same reply in plain text", async () => {
  const {format, textSource, reply, lines} = await read(makeRtfReply(), "made-up.rtf");
  assert.equal(format, "rtf");
  assert.equal(textSource, "extracted from rtf");
  const plain = parseReplyText({
    file: "made-up.txt",
    text: [...PROSE_BEFORE, ...MADE_UP_TABLE.map((row) => row.join("\t")), ...PROSE_AFTER].join("\n"),
    meta: null,
    mappings
  });
  assert.ok(reply.records.length === 4, "four rows read");
  assert.deepEqual(reply.records.map(brief), plain.records.map(brief), "same records, on the same lines");
  assert.equal(reply.status, plain.status);
  assert.equal(reply.fields.investigated, 8);
  assert.equal(reply.fields.tableTotal, 8);
  assert.deepEqual(
    reply.checks.map((c) => c.status),
    ["pass", "pass", "pass"]
  );
  // The letterhead in the header holds "16-24 Dismissal 99": headers, fonts, styles, pictures are not text.
  assert.ok(!lines.some((l) => /99|Arial|Heading|Normal|89504e/.test(l)), lines.join("\n"));
  assert.equal(lines[6], "Age group\tOutcome\tNumber of employees", "a table row is a line of tab-separated cells");
});

test("RTF characters: \\'hh in the document's code page (Windows-1252 by default), \\uN with its fallback skipped", () => {
  assert.equal(
    rtfText(rtf("{\\rtf1\\ansi 25\\'9634 Employees\\'92 \\'93use\\'94 caf\\'e9\\par}"), "a.rtf"),
    "25\u201334 Employees\u2019 \u201cuse\u201d caf\u00e9\n"
  );
  assert.equal(
    rtfText(rtf("{\\rtf1\\ansi\\uc1 25\\u8211?34 \\u8217\\'3f and {\\uc2 \\u8212??} end\\par}"), "a.rtf"),
    "25\u201334 \u2019 and \u2014 end\n",
    "a fallback of one or two characters, or an escaped byte, is skipped"
  );
  assert.equal(
    rtfText(rtf("{\\rtf1\\ansi\\ansicpg1251 \\'c0\\'e1\\par}"), "a.rtf"),
    "\u0410\u0431\n",
    "code page 1251"
  );
  // The writer escapes what the code page lacks as \uN?: a non-breaking hyphen and an emoji survive.
  assert.equal(rtfText(makeRtf(["16\u201124 \u{1F600} x\\y{z}"]), "a.rtf"), "16\u201124 \u{1F600} x\\y{z}\n");
});

test("RTF structure: \\line and \\tab, skipped destinations, nested groups, merged cells passed down", () => {
  const text = rtfText(
    rtf(
      [
        "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\*\\unknowndest hidden}{\\info{\\author x}}",
        "{\\b{\\i Answer}} 5.\\line 8\\par",
        "a\\tab b\\par",
        '{\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt link text}}\\par',
        "\\trowd\\cellx1000\\cellx2000\\pard\\intbl 25-34\\cell Verbal warning\\cell\\row",
        "\\trowd\\clvmrg\\cellx1000\\cellx2000\\pard\\intbl \\cell Dismissed\\cell\\row",
        "\\pard after\\par}"
      ].join("\n")
    ),
    "a.rtf"
  );
  assert.equal(text, "Answer 5.\n8\na\tb\nlink text\n25-34\tVerbal warning\n25-34\tDismissed\nafter\n");
});

test("a damaged RTF file is one ReplyError naming the file", async () => {
  for (const [bytes, why] of [
    [rtf("{\\rtf1\\ansi cut short \\par"), /never closes: the file may be cut short/],
    [rtf("{\\rtf1 a}}"), null],
    [rtf("{\\rtf1 \\'zz}"), /is not a character escape/],
    [rtf(`{\\rtf1 ${"{".repeat(RTF_MAX_DEPTH + 5)}`), /nested more than 1000 deep/],
    [makeRtfReply().subarray(0, 700), /cut short/]
  ] as const) {
    if (why === null) {
      assert.equal(rtfText(bytes, "a.rtf"), "a\n", "text after the document's group ends is not read");
      continue;
    }
    await assert.rejects(
      extractText(bytes, "letter.rtf"),
      (e: unknown) =>
        e instanceof ReplyError &&
        e.file === "letter.rtf" &&
        /^letter\.rtf: the Rich Text Format \(\.rtf\) file is damaged/.test(e.message) &&
        why.test(e.message) &&
        !e.message.includes("\n")
    );
  }
  await assert.rejects(
    extractText(rtf("{\\rtf1{\\fonttbl{\\f0 Arial;}}}"), "empty.rtf"),
    /empty\.rtf: the \.rtf file holds no text/
  );
  await assert.rejects(sniffFormat(rtf("hello"), "x.rtf"), /named \.rtf but is not a Rich Text Format/);
});
