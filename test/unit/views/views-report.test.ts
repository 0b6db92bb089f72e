// The report's view (src/lib/views/report.ts): the sentences of src/index.md, worded from the real
// Leicester reply and from a MADE-UP campaign around it (a copy with half its counts, a nil return,
// a section 12 refusal and an unreadable file).
import assert from "node:assert/strict";
import {test} from "node:test";
import {summariseCampaign} from "../../../src/lib/campaign/summarise.js";
import {outcomeOrder} from "../../../src/lib/parse/mappings.js";
import {readRequest} from "../../../src/lib/read/campaign-folder.js";
import {readOfcomData} from "../../../src/lib/read/ofcom-data.js";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";
import {campaignNotes} from "../../../src/lib/report/notes.js";
import type {ParsedReply} from "../../../src/lib/core/types.js";
import type {Part} from "../../../src/lib/views/parts.js";
import type {Unreadable} from "../../../src/lib/campaign/quality.js";
import {madeUpCouncils} from "../made-up-councils.js";
import {funnelView, reportView, verdictSentence} from "../../../src/lib/views/report.js";

const mappings = loadMappings();
const replies = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const ofcom = readOfcomData();
const campaignOf = (rs: ParsedReply[], unreadable: Unreadable[] = []) =>
  summariseCampaign({request: readRequest(), asked: null, replies: rs, unreadable, outcomes: outcomeOrder(mappings)});
const words = (parts: readonly Part[]) => parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join("");

test("one reply: the report names the council, its 31 employees, its caveats quoted and its source", () => {
  const v = reportView({campaign: campaignOf(replies), notes: campaignNotes(replies), ofcom});
  assert.equal(v.reported.who, "Leicester City Council");
  assert.equal(v.reported.employees, "31 employees");
  assert.match(v.reported.when, /^from /);
  assert.equal(v.replies.refused, null, "no council refused");
  assert.equal(v.replies.withheld, "No council withheld a count.");
  assert.deepEqual(
    v.caveats.map((c) => c.title),
    [
      "What was counted",
      "The period",
      "Share of all disciplinary proceedings",
      "Small numbers",
      "Outcomes",
      "Who is missing"
    ]
  );
  assert.ok(
    v.caveats[0].parts.some((p) => typeof p === "object" && "quote" in p && /generic misuse of IT/.test(p.quote))
  );
  assert.match(words(v.caveats[2].parts), /3\.1% of all disciplinary proceedings/);
  assert.match(words(v.caveats[4].parts), /For 2 employees the outcome does not say/);
  assert.equal(v.source?.file, "responses/leicester-city-council-2016.txt");
  assert.match(v.source!.terms, /Licence: Open Government Licence\./);
  assert.equal(v.bandRows.length, 5);
  assert.deepEqual(
    v.bandRows.map((b) => b.count),
    ["0", "11", "12", "4", "4"]
  );
  assert.equal(v.councils.length, 1);
});

test("many councils: refusals with their sections, the unreadable file, nil returns, counted not listed", () => {
  const {replies: rs, unreadable} = madeUpCouncils(replies[0]);
  const campaign = campaignOf(rs, unreadable);
  const v = reportView({campaign, notes: campaignNotes(rs), ofcom});
  assert.equal(v.replies.replied, "5 councils replied");
  assert.deepEqual(v.replies.refused, {count: "1", citing: ", citing section 12 (1 council)"});
  assert.match(v.replies.unreadable, /^The kit could not read 1 reply:/);
  assert.equal(v.reported.who, "The 2 councils that reported cases");
  assert.equal(v.reported.nil, "; 1 council more made nil returns");
  assert.equal(v.source, null, "many replies: their licences in a sentence instead");
  assert.match(v.licences, /Open Government Licence \(4 replies\)/);
  assert.match(words(v.caveats[0].parts), /^4 of 4 replies say their cases are not all about social media/);
  assert.deepEqual(v.councils.map((c) => c.status).sort(), [
    "answered",
    "answered",
    "nil return",
    "refused (section 12)",
    "unreadable: no text"
  ]);
  const f = funnelView(campaign, "35-44");
  assert.equal(f.group, "aged 35-44");
  assert.equal(f.notPlotted, "1 council with no cases");
});

test("the verdicts in one sentence: confirmed, waiting for a person, or none read", () => {
  assert.equal(verdictSentence([]), "No reply has been read yet.");
  assert.equal(verdictSentence([{verdict: "verified", councils: 1}]), "A check confirms the reading of the one reply.");
  assert.equal(
    verdictSentence([
      {verdict: "verified", councils: 3},
      {verdict: "conflicting", councils: 1},
      {verdict: "unverified", councils: 0}
    ]),
    "A check confirms the reading of 3 replies of 4. 1 conflicting (a check fails) waits for a person; any figures they give stay in the pooled totals until a person settles them."
  );
});
