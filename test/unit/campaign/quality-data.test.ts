// The data-quality page's data: one row per reply or unreadable file, worst first, warnings capped and counted.
import assert from "node:assert/strict";
import {test} from "node:test";
import {readReplies} from "../../../src/lib/read/replies.js";
import {qualityData, slugsByFile, WARNINGS_KEPT} from "../../../src/lib/campaign/quality.js";
import type {ParsedReply} from "../../../src/lib/core/types.js";

test("the shipped reply's row, checks and provenance, and unreadable files first", async () => {
  const {replies} = await readReplies({cacheDir: null});
  const leicester = replies[0];
  const noisy: ParsedReply = {
    ...leicester,
    authority: "Made-up Council W",
    file: "responses/made-up-w.txt",
    warnings: Array.from({length: WARNINGS_KEPT + 7}, (_, i) => ({
      file: "responses/made-up-w.txt",
      line: i + 1,
      message: "not understood",
      text: `<b>line ${i + 1}</b>`
    }))
  };
  const failing: ParsedReply = {
    ...leicester,
    authority: "Made-up Council F",
    file: "responses/made-up-f.txt",
    checks: leicester.checks.map((c, i) => (i === 0 ? {...c, status: "fail" as const} : c)),
    records: leicester.records.map((r, i) => (i < 2 ? {...r, provenance: "corrected" as const} : r))
  };
  const {replies: rows} = qualityData(
    [leicester, noisy, failing],
    [{file: "responses/made-up-u.pdf", line: null, reason: "no text layer", authority: "Made-up Council U"}]
  );
  assert.deepEqual(
    rows.map((r) => [r.authority, r.status, r.checksFailed, r.warnings]),
    [
      ["Made-up Council U", "unreadable", 0, 0],
      ["Made-up Council F", "answered", 1, 0],
      ["Made-up Council W", "answered", 0, WARNINGS_KEPT + 7],
      ["Leicester City Council", "answered", 0, 0]
    ]
  );
  const l = rows[3];
  assert.deepEqual(
    [l.file, l.format, l.records, l.counted, l.withheld, l.read, l.transcribed, l.corrected],
    ["responses/leicester-city-council-2016.txt", "text", 25, 31, 0, 25, 0, 0]
  );
  assert.deepEqual(
    l.checks.map((c) => [c.name, c.status]),
    [
      ["rows = totals row", "pass"],
      ["rows = answer 5", "pass"],
      ["totals row = answer 5", "pass"],
      ["answer 9 implies a whole number of proceedings", "pass"]
    ]
  );
  assert.equal(rows[2].warningList.length, WARNINGS_KEPT);
  assert.equal(rows[2].warningsMore, 7, "the warnings left out are counted");
  assert.equal(rows[2].warningList[0].text, "<b>line 1</b>", "text kept as written");
  assert.deepEqual([rows[1].read, rows[1].corrected], [23, 2]);
  assert.match(
    rows[0].statusDetail ?? "",
    /^no text layer\. Check that responses\/made-up-u\.pdf is the council's reply/
  );
  assert.deepEqual(
    rows.map((r) => r.slug),
    ["made-up-council-u", "made-up-council-f", "made-up-council-w", "leicester-city-council"]
  );
});

test("two councils whose names give one slug get the campaign's suffixes, as on their pages", () => {
  const slugs = slugsByFile(
    [
      {authority: "Made-up Council (North)", file: "responses/b.txt"},
      {authority: "Made-up Council North", file: "responses/a.txt"}
    ],
    [{file: "responses/c.pdf", line: null, reason: "no text layer", authority: null}]
  );
  assert.deepEqual(Object.fromEntries(slugs), {
    // by name (the campaign's order: "(North)" sorts first), then suffixed
    "responses/a.txt": "made-up-council-north-2",
    "responses/b.txt": "made-up-council-north",
    "responses/c.pdf": "c"
  });
});
