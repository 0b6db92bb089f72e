// The benchmark's SYNTHETIC inputs are what they claim to be: generated replies
// parse fully with the kit's own parser, so the ingest figure times a full
// reading. Not timed.
import assert from "node:assert/strict";
import {test} from "node:test";
import {syntheticReplies} from "../../../tools/synthetic-replies.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";

test("synthetic replies in Leicester's layout parse row for row, labelled synthetic, with their checks passing", () => {
  const mappings = loadMappings();
  for (const reply of syntheticReplies(12, 7)) {
    assert.match(reply.text, /SYNTHETIC/);
    assert.match(reply.authority, /^Synthetic Authority \d{3}$/);
    const parsed = parseReplyText({file: reply.file, text: reply.text, meta: null, mappings});
    assert.equal(parsed.records.length, reply.rows);
    assert.deepEqual(parsed.warnings, []);
    assert.equal(parsed.fields.investigated, reply.total);
    assert.equal(parsed.fields.tableTotal, reply.total);
    assert.ok(
      parsed.checks.length > 0 && parsed.checks.every((c) => c.status === "pass"),
      JSON.stringify(parsed.checks)
    );
    assert.ok(parsed.records.every((r) => r.ageBand !== null && r.outcome !== null));
  }
});
