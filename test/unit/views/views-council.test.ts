// A council page's view (src/lib/views/council.ts): its sentences worded from the real Leicester
// reply, and from MADE-UP variants of it (a refusal, a partial refusal, an unreadable file).
import assert from "node:assert/strict";
import {test} from "node:test";
import {councilPage} from "../../../src/lib/campaign/council-page.js";
import {summariseCampaign} from "../../../src/lib/campaign/summarise.js";
import {outcomeOrder} from "../../../src/lib/parse/mappings.js";
import {readRequest} from "../../../src/lib/read/campaign-folder.js";
import {readOfcomData} from "../../../src/lib/read/ofcom-data.js";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";
import type {ParsedReply, PlaceInFile} from "../../../src/lib/core/types.js";
import {councilView} from "../../../src/lib/views/council.js";

const mappings = loadMappings();
const [seed] = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const ofcom = readOfcomData();
const refusal = {sections: [40], questions: [6], line: 3, text: "Question 6 is refused under section 40."};
const replies: ParsedReply[] = [
  seed,
  {
    ...seed,
    authority: "Made-up Refusal",
    file: "responses/made-up-refusal.txt",
    status: "refused",
    records: [],
    refusal
  },
  {...seed, authority: "Made-up Partial", file: "responses/made-up-partial.txt", status: "partial", refusal},
  // Leicester's rows as if read from a PDF's page 2, and from a spreadsheet's cells.
  ...(
    [
      ["Made-up PDF", "responses/made-up.pdf", () => ({page: 2})],
      ["Made-up Sheet", "responses/made-up.xlsx", (k) => ({sheet: "Table 1", cell: `C${k + 5}`})]
    ] as [string, string, (k: number) => PlaceInFile][]
  ).map(([authority, file, place]) => ({
    ...seed,
    authority,
    file,
    records: seed.records.map((r, k) => ({...r, authority, file, place: place(k)}))
  }))
] as ParsedReply[];
const campaign = summariseCampaign({
  request: readRequest(),
  asked: null,
  replies,
  unreadable: [{file: "responses/made-up-broken.pdf", authority: "Made-up Broken", reason: "no text", line: null}],
  outcomes: outcomeOrder(mappings)
});
const viewOf = (authority: string) => {
  const summary = campaign.councils.find((c) => c.authority === authority)!;
  const reply = replies.find((r) => r.authority === authority) ?? null;
  const page = councilPage({
    summary,
    reply,
    text: null,
    request: campaign.request,
    ageBands: campaign.ageBands,
    outcomes: campaign.outcomes,
    workforce: ofcom.workforce,
    workforceContext: ofcom.workforceContext,
    survey: {year: ofcom.reference.citation.surveyYear, file: ofcom.reference.file}
  });
  return councilView(page, ofcom);
};

test("Leicester's page: answered, verified, 31 employees, its checks, caveats, comparison and source", () => {
  const v = viewOf("Leicester City Council");
  assert.equal(v.statusWords, "answered");
  assert.equal(v.statusDetail, "");
  assert.equal(v.verdict?.word, "verified");
  assert.equal(v.verdict?.ask, "");
  assert.equal(v.records?.total, "31");
  assert.equal(v.records?.rows.length, seed.records.length);
  assert.equal(v.outcome, null, "an answer has no refusal to tell");
  assert.ok(v.checks!.length > 0);
  assert.deepEqual(
    v.caveats!.map((c) => c.title),
    ["What was counted", "The period", "Share of all disciplinary proceedings", "Small numbers"]
  );
  assert.ok(v.comparison, "the comparison with Ofcom's figures");
  assert.match(v.staff, /had 6,837 staff/);
  assert.match(v.explorer, /^\.\.\/explore\.html/);
  assert.equal(v.source?.file, "responses/leicester-city-council-2016.txt");
  assert.equal(v.asked, null, "no list of the authorities asked");
});

test("a refusal quotes its words at their line and is never a count; an unreadable file says what to do", () => {
  const refused = viewOf("Made-up Refusal");
  assert.equal(refused.statusWords, "refused (section 40)");
  assert.equal(refused.records, null);
  assert.equal(refused.caveats, null);
  assert.equal(refused.comparison, null);
  assert.deepEqual(refused.outcome, [
    "The council refused the request",
    ", at ",
    {lines: {line: 3}},
    " of its reply: ",
    {quote: refusal.text},
    " This gives no count at all: it is never counted as zero cases."
  ]);
  const partial = viewOf("Made-up Partial");
  assert.equal(partial.statusWords, "partly refused (section 40)");
  assert.equal(partial.outcome![0], "The council answered in part and refused questions 6, at ");
  const broken = viewOf("Made-up Broken");
  assert.equal(broken.statusWords, "unreadable");
  assert.equal(broken.unreadable?.detail, "no text");
  assert.match(broken.unreadable!.advice!, /made-up-broken/);
  assert.equal(broken.source, null);
  assert.equal(broken.noText, "The kit has no text to show for this reply.");
});

test("each row cites its line, and its page or cell in the original file where the reply has them", () => {
  const leicester = viewOf("Leicester City Council").records!;
  assert.equal(leicester.rowsTitle, "Each row of the reply's table, with its line");
  assert.ok(
    leicester.rows.every((r) => r.place === ""),
    "a text reply has no pages or cells"
  );
  const pdf = viewOf("Made-up PDF").records!;
  assert.equal(pdf.rowsTitle, "Each row of the reply's table, with its line and page");
  assert.deepEqual(pdf.rows[0], {...leicester.rows[0], place: ", page 2"});
  const sheet = viewOf("Made-up Sheet").records!;
  assert.equal(sheet.rowsTitle, "Each row of the reply's table, with its line and cell");
  assert.equal(sheet.rows[1].place, ", sheet Table 1, cell C6");
});
