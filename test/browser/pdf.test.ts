// `npm run pdf` prints the report to a PDF whose text holds the key figures, computed here from the same data.
import assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {extractText, getDocumentProxy} from "unpdf";
import {outcomeOrder} from "../../src/lib/parse/mappings.js";
import {loadMappings, readReply} from "../../src/lib/read/replies.js";
import {listReplies} from "../../src/lib/read/reply-files.js";
import {formatDate, formatShare} from "../../src/lib/present/index.js";
import {reportFigures} from "../../src/lib/report/figures.js";
import {replyCaveats} from "../../src/lib/records/caveats.js";
import {replySource} from "../../src/lib/report/reply-source.js";
import {AGE_BANDS} from "../../src/lib/core/types.js";

const ROOT = join(import.meta.dirname, "../..");
const mappings = loadMappings();
const responses = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const figures = reportFigures({ageBands: [...AGE_BANDS], outcomes: outcomeOrder(mappings), responses});
const caveats = replyCaveats(responses[0]);
const source = replySource(responses[0]);
const squash = (s: string) => s.replace(/\s+/g, " ");

test("npm run pdf writes the report as a PDF holding its key figures, caveats and sources, without the site's controls", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "foi-pdf-")), "report.pdf");
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/pdf.ts"), "--out", out], {
    cwd: ROOT,
    stdio: "pipe"
  });
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
  const {totalPages, text} = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {mergePages: true});
  assert.ok(totalPages >= 2 && totalPages <= 8, `a report of a few pages, got ${totalPages}`);
  const all = squash(text);
  const expect = (needle: string) => assert.ok(all.includes(needle), `the PDF's text lacks "${needle}"`);
  expect(`${caveats.authority} investigated ${figures.employees} employees`);
  expect(`${formatDate(caveats.period!.start)} to ${formatDate(caveats.period!.end)}`);
  // The shares table, row by row: band, count, share and Wilson interval.
  for (const b of figures.bands)
    expect(`${b.band} ${b.count} ${formatShare(b.share)} ${formatShare(b.lower)} to ${formatShare(b.upper)}`);
  expect(`${caveats.share!.pct}%`);
  expect("generic misuse of IT");
  expect(source.attribution!);
  expect("Sources and licence");
  // The campaign's sections at the shipped scale: statuses, the funnel plot's note, the council table in full.
  expect("A refusal is never counted as zero cases");
  expect("there are no councils to compare");
  expect(`Leicester City Council answered ${figures.employees} 0 verified`);
  expect(`Total ${figures.outcomes.map((o) => o.count).join(" ")} ${figures.employees}`);
  // No sidebar, search box or pager: their words are not in the printed text.
  for (const control of ["Data and downloads", "Next page", "Search", "Find a council", "Age band 16-24"])
    assert.ok(!all.includes(control), `the PDF shows the control "${control}"`);
});
