// The report's figures and the downloadable records, against the real Leicester reply and a made-up variant of it.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import {runSiteArchive} from "../site-archive.js";
import {csvParse} from "d3-dsv";
import {outcomeOrder} from "../../../src/lib/parse/mappings.js";
import {DATA_DIR, loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {formatDate, listText, statusLabel} from "../../../src/lib/present/index.js";
import {roundingRange} from "../../../src/lib/parse/reconcile.js";
import {reportFigures, questionText} from "../../../src/lib/report/figures.js";
import {replyCaveats} from "../../../src/lib/records/caveats.js";
import {replySource} from "../../../src/lib/report/reply-source.js";
import {
  RECORD_COLUMNS,
  RECORD_FIELDS,
  observedFields,
  tidyRecords,
  type TidyRecord
} from "../../../src/lib/records/tidy.js";
import {formulaSafe, unguardFormula} from "../../../src/lib/core/csv.js";
import {describeDownloads} from "../../../src/lib/records/downloads.js";
import {AGE_BANDS} from "../../../src/lib/core/types.js";
import {summariseCampaign} from "../../../src/lib/campaign/summarise.js";
import {readRequest} from "../../../src/lib/read/campaign-folder.js";
import {bandFunnel, councilRows, pooledFigures, statusFigures} from "../../../src/lib/report/campaign-figures.js";
import {campaignNotes} from "../../../src/lib/report/notes.js";
import {madeUpCouncils} from "../made-up-councils.js";

const mappings = loadMappings();
const responses = await Promise.all(listReplies().map((path) => readReply(path, mappings)));
const data = {ageBands: [...AGE_BANDS], outcomes: outcomeOrder(mappings), responses};
const seedText = readFileSync(join(DATA_DIR, "responses/leicester-city-council-2016.txt"), "utf8");

test("the report's figures for Leicester: 31 employees, by band and outcome, with Wilson intervals", () => {
  const f = reportFigures(data);
  assert.equal(f.employees, 31);
  assert.equal(f.withheldRows, 0);
  assert.deepEqual(
    f.bands.map((b) => [b.band, b.count]),
    [
      ["16-24", 0],
      ["25-34", 11],
      ["35-44", 12],
      ["45-54", 4],
      ["55+", 4]
    ]
  );
  assert.deepEqual(f.largestBands, ["35-44"]);
  const b3544 = f.bands[2];
  assert.ok(Math.abs(b3544.share - 12 / 31) < 1e-12);
  assert.ok(b3544.lower < b3544.share && b3544.share < b3544.upper);
  // A band with no one still has an upper bound above 0: 0 of 31 does not prove the share is 0.
  assert.equal(f.bands[0].lower, 0);
  assert.ok(f.bands[0].upper > 0.1 && f.bands[0].upper < 0.12);
  const outcomes = Object.fromEntries(f.outcomes.map((o) => [o.outcome, o.count]));
  assert.equal(outcomes["no case to answer"], 12);
  assert.equal(outcomes["final written warning"], 7);
  assert.equal(
    f.outcomes.reduce((s, o) => s + o.count, 0),
    31
  );
  assert.equal(f.upheld.count + f.notUpheld + f.upheldUnknown, 31);
  assert.equal(f.notUpheld, 12);
  assert.equal(f.upheldUnknown, 2, "the two resignations during the process say nothing about the allegation");
  assert.equal(f.allChecksPass, true);
});

test("the caveats come from the reply: answer 7's scope, answer 9's 3.1% and the period from metadata", () => {
  const c = replyCaveats(responses[0]);
  assert.match(c.scope!.quote, /generic misuse of IT/);
  assert.equal(c.scope!.answer, 7);
  assert.equal(c.share!.pct, 3.1);
  assert.equal(
    seedText.split("\n")[c.share!.line - 1].includes("3.1%"),
    true,
    "the citation points at the line holding 3.1%"
  );
  assert.deepEqual([c.period!.start, c.period!.end], ["2013-07-01", "2015-12-31"]);
  // 31 employees at 3.05%-3.15% of all proceedings: between 985 and 1016 proceedings.
  assert.deepEqual(c.share!.implied, {low: 985, high: 1016});
  assert.match(replySource(responses[0]).attribution!, /Open Government Licence/);
  assert.match(questionText(responses, 5)!, /how many employees have been investigated/);
});

/** The seed's text with made-up edits, parsed as a reply of its own (MADE UP: for tests only). */
function madeUp(edit: (lines: string[]) => string[], meta = responses[0].meta) {
  return parseReplyText({file: "responses/made-up.txt", text: edit(seedText.split("\n")).join("\n"), meta, mappings});
}
const lineOf = (lines: string[], start: string) => lines.findIndex((l) => l.startsWith(start));

test("the caveats cite their lines: the policy date, the answer-8 reason and answer 5's count", () => {
  const c = replyCaveats(responses[0], {survey: {year: 2014, file: "reference/ofcom.csv"}});
  const lines = seedText.split("\n");
  assert.equal(lines[c.period!.policy!.line - 1].includes("1 July 2013"), true);
  assert.equal(c.period!.startsAtPolicy, true);
  assert.equal(c.period!.endsAtRequestDate, true, "question 5 asks up to 31 December 2015");
  assert.ok(Math.abs(c.period!.years - 2.5) < 0.01);
  assert.equal(c.bandsReason!.answer, 8);
  assert.match(lines[c.bandsReason!.line - 1], /benchmarked against that/);
  assert.match(
    c.bandsReason!.quote,
    /^These bands match those used by OFCOM/,
    "the NB marker is not part of the quotation"
  );
  assert.deepEqual(c.share!.basis, {count: 31, answer: 5, line: 20});
  assert.equal(c.share!.sameScope, true);
  assert.deepEqual(c.scope!.channels, ["e-mail", "internet"]);
  assert.equal(c.scope!.category, "generic misuse of IT");
  assert.deepEqual([c.surveyYear!.surveyYear, c.surveyYear!.within], [2014, true]);
  assert.deepEqual(
    c.facts.map((f) => f.kind),
    ["scope", "period", "share", "bands-reason", "survey-year"]
  );
  // Without a survey year there is no survey-year fact; a year outside the period says so.
  assert.equal(replyCaveats(responses[0]).surveyYear, null);
  assert.equal(replyCaveats(responses[0], {survey: {year: 2010, file: "r"}}).surveyYear!.within, false);
});

test("what was counted is found by what the reply says, not by the answer's number", () => {
  // MADE UP: the category moved from answer 7 to answer 6; answer 7 says only that sites are not recorded.
  const moved = madeUp((lines) => {
    const a7 = lineOf(lines, "These incidents are categorised");
    const text = lines[a7];
    lines[a7] = "Not recorded.";
    lines.splice(lineOf(lines, "Please see response to question 8 below."), 1, text);
    return lines;
  });
  const c = replyCaveats(moved);
  assert.equal(c.scope!.answer, 6);
  assert.equal(c.scope!.category, "generic misuse of IT");
  // MADE UP: a category of social media alone is a scope, but not a wider one.
  const narrow = replyCaveats(
    madeUp((lines) =>
      lines.map((l) =>
        l.startsWith("These incidents are categorised") ? "These cases are categorised as 'misuse of social media'." : l
      )
    )
  );
  assert.deepEqual(
    [narrow.scope!.answer, narrow.scope!.category, narrow.scope!.channels, narrow.scope!.broader],
    [7, "misuse of social media", [], false]
  );
  assert.equal(narrow.share!.sameScope, false, "answer 9 names another category");
  // MADE UP: no answer but 9 says what was counted: it is used, as a last resort.
  const only9 = madeUp((lines) =>
    lines.map((l) => (l.startsWith("These incidents are categorised") ? "Not recorded." : l))
  );
  assert.equal(replyCaveats(only9).scope!.answer, 9);
  // MADE UP: nothing says what was counted; the council's contact e-mail address is not taken for it.
  const none = madeUp((lines) =>
    lines.map((l) =>
      l.startsWith("These incidents are categorised")
        ? "Not recorded."
        : l.startsWith("As above, this figure")
          ? "3.1%."
          : l
    )
  );
  assert.ok(none.answers[10].text.includes("e-mail: info.requests@leicester.gov.uk"));
  assert.equal(replyCaveats(none).scope, null);
  assert.equal(replyCaveats(none).share!.sameScope, false);
});

test("a share stated as a bound, a withheld count and a missing reason give no made-up figures", () => {
  // MADE UP: "less than 1%", answer 5 gone and the first row's count withheld.
  const bound = madeUp((lines) => {
    lines[lineOf(lines, "As above, this figure")] = "Less than 1%.";
    lines[lineOf(lines, "31")] = "Not known.";
    const first = responses[0].records[0].line;
    lines[first - 1] = "\t<5";
    lines.splice(lineOf(lines, "NB These bands"), 1);
    return lines;
  });
  const c = replyCaveats(bound);
  assert.equal(c.share!.pct, null);
  assert.equal(c.share!.stated, "Less than 1%");
  assert.equal(c.share!.implied, null);
  assert.equal(c.share!.basis, null, "no answer 5 and a withheld row: no count to imply proceedings from");
  assert.deepEqual([c.counted.withheldRows, c.counted.max], [1, c.counted.known + 4]);
  assert.equal(c.bandsReason, null);
  // No metadata: no period, and nothing about it invented.
  assert.equal(replyCaveats(madeUp((l) => l, null)).period, null);
});

test("helpers for prose: rounding ranges, dates and lists", () => {
  assert.deepEqual(roundingRange(3), {low: 2.5, high: 3.5});
  const r = roundingRange(3.1);
  assert.ok(Math.abs(r.low - 3.05) < 1e-12 && Math.abs(r.high - 3.15) < 1e-12);
  assert.equal(formatDate("2013-07-01"), "1 July 2013");
  assert.equal(formatDate("2016"), "2016");
  assert.equal(listText(["a"]), "a");
  assert.equal(listText(["a", "b", "c"]), "a, b and c");
});

test("withheld counts and unmapped outcomes (made-up variant of the seed) are counted apart, not as 0", async () => {
  const lines = seedText.split("\n");
  const first = (await readReply(join(DATA_DIR, "responses/leicester-city-council-2016.txt"), mappings)).records[0];
  lines[first.line - 1] = "\t<5"; // made up: the first row's count withheld
  const outcomeLine = lines.findIndex((l) => l.trim() === "dismissal");
  lines[outcomeLine] = "\tsent on a course"; // made up: an outcome the mappings do not know
  const reply = parseReplyText({file: "responses/made-up.txt", text: lines.join("\n"), meta: null, mappings});
  const f = reportFigures({...data, responses: [reply]});
  assert.equal(f.employees, 30);
  assert.equal(f.withheldRows, 1);
  assert.deepEqual(f.tiers.at(-1), {tier: "unmapped", count: 1});
  assert.ok(f.outcomes.some((o) => o.outcome === "sent on a course" && o.count === 1));
  const rows = tidyRecords([reply]);
  const withheld = rows.find((r) => r.suppressed)!;
  assert.deepEqual([withheld.count, withheld.countLower, withheld.countUpper, withheld.countRaw], [null, 1, 4, "<5"]);
  assert.equal(rows.find((r) => r.outcome === "sent on a course")!.tier, null);
});

test("every field of the tidy records is in the data dictionary, with the type its values have", () => {
  const rows = tidyRecords(responses);
  assert.equal(rows.length, 25);
  const observed = observedFields(rows);
  assert.deepEqual(
    [...observed.keys()].sort(),
    RECORD_FIELDS.map((f) => f.name).sort(),
    "fields in the records = fields in the dictionary"
  );
  for (const field of RECORD_FIELDS) {
    const seen = observed.get(field.name)!;
    for (const type of seen.types) {
      assert.ok(
        type === field.type || (field.type === "text" && type === "date"),
        `${field.name}: dictionary says ${field.type}, a value is ${type}`
      );
    }
    if (!field.nullable) assert.equal(seen.empty, 0, `${field.name} is said never to be empty`);
    assert.ok(field.meaning.length > 20, `${field.name} has a meaning`);
  }
});

test("the data page's description of the downloads is what the downloaded rows hold, withheld rows apart", async () => {
  const lines = seedText.split("\n");
  const first = (await readReply(join(DATA_DIR, "responses/leicester-city-council-2016.txt"), mappings)).records[0];
  lines[first.line - 1] = "\t<5"; // made up: the first row's count withheld
  const madeUp = parseReplyText({file: "responses/made-up.txt", text: lines.join("\n"), meta: null, mappings});
  const replies = [...responses, madeUp];
  const described = JSON.parse(JSON.stringify(describeDownloads(replies)));
  const rows = JSON.parse(JSON.stringify(tidyRecords(replies))) as TidyRecord[]; // as records.json gives them
  assert.equal(described.rows, rows.length);
  assert.equal(described.employees, 31 + 30);
  assert.equal(described.withheld, 1);
  assert.deepEqual(
    described.fields,
    [...observedFields(rows)].map(([name, seen]) => ({name, types: [...seen.types], empty: seen.empty}))
  );
  assert.deepEqual(
    described.replies.map((r: {file: string; rows: number; attribution: string | null}) => [
      r.file,
      r.rows,
      r.attribution
    ]),
    [
      [responses[0].file, 25, responses[0].meta?.attribution],
      ["responses/made-up.txt", 25, null]
    ]
  );
});

test("the downloads hold the same records as CSV and JSON, in the dictionary's column order", () => {
  const site = runSiteArchive();
  const csv = csvParse(site.member("records.csv"));
  const json = JSON.parse(site.member("records.json")) as Record<string, unknown>[];
  assert.deepEqual(csv.columns, RECORD_COLUMNS);
  assert.equal(csv.length, 25);
  assert.equal(json.length, 25);
  assert.deepEqual(Object.keys(json[0]), RECORD_COLUMNS);
  assert.equal(
    csv.reduce((s, r) => s + Number(r.count), 0),
    31
  );
  // Multi-line cells survive the CSV round trip, and both files agree row by row; a cell a
  // spreadsheet would take for a formula (Leicester's rows start with a tab) has a quote in front.
  csv.forEach((row, i) => {
    assert.equal(row.lineText, formulaSafe(json[i].lineText as string));
    assert.equal(unguardFormula(row.lineText), json[i].lineText);
    assert.equal(row.line, String(json[i].line));
    assert.equal(row.upheld, json[i].upheld == null ? "" : String(json[i].upheld));
  });
});

/** A MADE-UP campaign around the seed: Leicester, a made-up council answering with half its counts, a nil return, a section 12 refusal and an unreadable file. */
function madeUpCampaign(askedToo: string[] | null = null) {
  const {replies, unreadable} = madeUpCouncils(responses[0]);
  return summariseCampaign({
    request: readRequest(),
    asked:
      askedToo &&
      [...replies.map((r) => r.authority), "Made-up Broken", ...askedToo].map((name) => ({
        name,
        code: null,
        type: null,
        region: null
      })),
    replies,
    unreadable,
    outcomes: outcomeOrder(mappings)
  });
}

test("campaign figures keep statuses apart: a refusal adds no zero, a nil return adds a council with none", () => {
  const data = madeUpCampaign();
  const s = statusFigures(data);
  assert.equal(s.councils, 5);
  assert.equal(s.replies, 5);
  assert.deepEqual(
    Object.fromEntries(s.rows.map((r) => [r.status, r.councils])),
    {ok: 2, partial: 0, nil: 1, refused: 1, "not held": 0, unreadable: 1},
    "no awaiting row without a list of the authorities asked"
  );
  assert.deepEqual(s.refusedBySection, [{section: 12, councils: 1}]);
  assert.equal(s.refusing, 1);
  const p = pooledFigures(data);
  const halfTotal = responses[0].records.reduce((t, r) => t + Math.floor((r.count ?? 0) / 2), 0);
  assert.equal(p.employees, 31 + halfTotal);
  assert.equal(p.councils, 3, "Leicester, Made-up Half and the nil return are pooled");
  assert.equal(p.withCases, 2);
  assert.equal(p.nil, 1);
  assert.equal(p.only, null);
  const rows = councilRows(data);
  assert.equal(rows.find((r) => r.council === "Made-up Refusal")!.employees, null, "a refusal has no count, not 0");
  assert.equal(rows.find((r) => r.council === "Made-up Nil")!.employees, 0);
  // One word per status (present/status.ts), with the sections a refusal cites.
  assert.equal(statusLabel({status: "refused", refusalSections: [12, 40]}), "refused (sections 12 and 40)");
  assert.equal(statusLabel({status: "partial", refusal: {sections: [40]}}), "partly refused (section 40)");
  assert.equal(statusLabel({status: "unreadable", refusalSections: []}), "unreadable");
  assert.match(rows.find((r) => r.slug.includes("broken"))!.status, /^unreadable: /);
});

test("the funnel of councils by age band: the two councils with cases, pooled share, the nil council left out", () => {
  const data = madeUpCampaign();
  const f = bandFunnel(data, "35-44");
  assert.deepEqual(f.points.map((p) => p.label).sort(), ["Leicester City Council", "Made-up Half"]);
  const leicester = f.points.find((p) => p.label === "Leicester City Council")!;
  assert.deepEqual([leicester.x, leicester.n], [12, 31]);
  assert.equal(f.zeroCases, 1, "the nil return has no cases to share");
  assert.equal(f.pooled, f.points.reduce((s, p) => s + p.x, 0) / f.cases);
  assert.throws(() => bandFunnel(data, "over 90"), /no age band over 90/);
});

test("campaign notes: one reply keeps its caveats whole; many are counted, not listed", () => {
  const one = campaignNotes(responses);
  assert.equal(one.single!.caveats.share!.pct, 3.1);
  assert.deepEqual(one.scope.categories, [{category: "generic misuse of IT", councils: 1}]);
  const seed = responses[0];
  const many = campaignNotes([
    seed,
    {...seed, authority: "Made-up Copy"},
    {...seed, authority: "Made-up Silent", answers: {}}
  ]);
  assert.equal(many.single, null);
  assert.equal(many.scope.broader, 2);
  assert.equal(many.scope.stated, 2);
  assert.deepEqual(many.scope.categories, [{category: "generic misuse of IT", councils: 2}]);
  assert.deepEqual(many.licences, [{licence: "Open Government Licence", replies: 3}]);
  assert.deepEqual([many.share.minPct, many.share.maxPct], [3.1, 3.1]);
});

test("with a list of the authorities asked, those with no reply are counted as awaiting, and only then", () => {
  const s = statusFigures(madeUpCampaign(["Made-up Silent"]));
  assert.equal(s.councils, 6);
  assert.equal(s.replies, 5);
  assert.equal(s.rows.find((r) => r.status === "awaiting")?.councils, 1);
  assert.equal(s.count("awaiting"), 1);
  assert.equal(
    councilRows(madeUpCampaign(["Made-up Silent"])).find((r) => r.council === "Made-up Silent")!.employees,
    null
  );
});
