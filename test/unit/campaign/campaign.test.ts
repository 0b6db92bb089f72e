// The campaign summarised: statuses kept apart (a refusal never counts as zero, a nil return adds zero),
// unreadable files and authorities awaiting reply listed, pooled records aggregated by age band and
// outcome with withheld ones kept, slugs that agree with the council pages' routes, and the request and
// authorities.csv checked with file and line. Every reply here is MADE UP, written to a temp folder.
import assert from "node:assert/strict";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";
import {parseAuthoritiesCsv, parseRequest, sameNameKey} from "../../../src/lib/campaign/inputs.js";
import {POOLED_AUTHORITY, orderCouncils, poolRecords, summariseCampaign} from "../../../src/lib/campaign/summarise.js";
import {councilPage} from "../../../src/lib/campaign/council-page.js";
import {councilHref, councilLineHref} from "../../../src/lib/campaign/slug.js";
import {statusLabel} from "../../../src/lib/present/status.js";
import {readCampaign} from "../../../src/lib/read/campaign-folder.js";
import {councilSlugs} from "../../../src/lib/read/data-folder.js";
import {PROJECT_DATA_DIR} from "../../../src/lib/read/replies.js";
import {sumCounts} from "../../../src/lib/core/withheld.js";
import {ReplyError} from "../../../src/lib/core/errors.js";

const dir = mkdtempSync(join(tmpdir(), "foi-campaign-"));
after(() => rmSync(dir, {recursive: true, force: true}));

const REQUEST = readFileSync(join(PROJECT_DATA_DIR, "campaign/request.json"), "utf8");
const meta = (authority: string) => madeUpMeta(authority);

/** A made-up data folder: replies of every status, an unreadable file, and a list of authorities asked. */
function writeCampaign(root: string, {asked = true} = {}) {
  const responses = join(root, "responses");
  mkdirSync(responses, {recursive: true});
  mkdirSync(join(root, "campaign"), {recursive: true});
  writeFileSync(join(root, "campaign/request.json"), REQUEST);
  const reply = (name: string, authority: string, text: string) => {
    writeFileSync(join(responses, name), text);
    writeFileSync(join(responses, name.replace(/\.[^.]+$/, ".meta.json")), meta(authority));
  };
  reply(
    "alpha.csv",
    "Alpha Borough Council",
    "MADE UP\nAge group,Outcome,Count\n16-24,Verbal warning,2\n25-34,Dismissal,3\n25-34,Verbal warning,1\nTotal,,6\n"
  );
  reply(
    "beta.csv",
    "Beta District Council",
    "MADE UP\nAge group,Outcome,Count\n16-24,Verbal warning,4\n55+,Dismissal,<5\nTotal,,\n"
  );
  reply("gamma.txt", "Gamma City Council", "MADE UP\n5. How many employees have been investigated?\nNone.\n");
  reply(
    "delta.txt",
    "Delta County Council",
    "MADE UP\nWe estimate that answering questions 5 to 9 would exceed the appropriate limit, so we are refusing them under section 12 of the Freedom of Information Act.\n"
  );
  // A PDF that is not one: the kit cannot read it.
  reply("epsilon.pdf", "Epsilon Council", "%PDF-1.4 MADE UP and broken\n");
  if (asked)
    writeFileSync(
      join(root, "campaign/authorities.csv"),
      "name,code,type,region\nALPHA  borough council,E1,district,North\nBeta District Council,E2,district,South\n" +
        "Gamma City Council,,unitary,\nDelta County Council,E4,county,East\nEpsilon Council,E5,,\nZeta Council,E6,unitary,West\n"
    );
}

const root = join(dir, "data");
writeCampaign(root);

test("statuses are kept apart: a refusal is no count, a nil return is zero, unreadable and awaiting are listed", async () => {
  const {input} = await readCampaign(root);
  const data = summariseCampaign(input);
  const by = Object.fromEntries(data.councils.map((c) => [c.authority, c]));
  assert.deepEqual(
    data.councils.map((c) => [c.authority, c.status]),
    [
      ["Alpha Borough Council", "ok"],
      ["Beta District Council", "ok"],
      ["Delta County Council", "refused"],
      ["Epsilon Council", "unreadable"],
      ["Gamma City Council", "nil"],
      ["Zeta Council", "awaiting"]
    ]
  );
  assert.equal(by["Delta County Council"].employees, null, "a refusal is never a count of zero");
  assert.equal(by["Delta County Council"].min, null);
  assert.deepEqual(by["Delta County Council"].refusalSections, [12]);
  assert.equal(by["Gamma City Council"].employees, 0, "a nil return is a count of none");
  assert.equal(by["Gamma City Council"].max, 0);
  assert.equal(by["Epsilon Council"].employees, null);
  assert.equal(by["Epsilon Council"].file, "responses/epsilon.pdf");
  assert.ok(by["Epsilon Council"].detail, "an unreadable file says why");
  assert.equal(by["Zeta Council"].file, null);
  assert.equal(by["Zeta Council"].employees, null);
  assert.deepEqual(by["Zeta Council"].asked, {name: "Zeta Council", code: "E6", type: "unitary", region: "West"});
  // Matched by name whatever the case and spacing.
  assert.equal(by["Alpha Borough Council"].asked?.code, "E1");
  assert.deepEqual(
    data.statusCounts.map((s) => [s.status, s.councils]),
    [
      ["ok", 2],
      ["partial", 0],
      ["nil", 1],
      ["refused", 1],
      ["not held", 0],
      ["unreadable", 1],
      ["awaiting", 1]
    ]
  );
  assert.deepEqual(data.refusalSections, [{section: 12, councils: 1}]);
  assert.equal(data.askedListGiven, true);
  // ok, ok and nil stand behind the pooled figures; the refusal, the unreadable file and Zeta do not.
  assert.equal(data.pooledCouncils, 3);
});

test("counts per council: known sum, withheld range, age bands in the request's order", async () => {
  const data = summariseCampaign((await readCampaign(root)).input);
  const alpha = data.councils.find((c) => c.slug === "alpha-borough-council")!;
  assert.deepEqual(data.ageBands, ["16-24", "25-34", "35-44", "45-54", "55+"]);
  assert.deepEqual(alpha.bandCounts, [2, 4, 0, 0, 0, 0]);
  assert.equal(alpha.employees, 6);
  assert.equal(alpha.withheldRows, 0);
  assert.deepEqual([alpha.min, alpha.max], [6, 6]);
  assert.equal(alpha.checksFailed, 0);
  const beta = data.councils.find((c) => c.slug === "beta-district-council")!;
  assert.equal(beta.employees, 4);
  assert.equal(beta.withheldRows, 1);
  assert.deepEqual([beta.min, beta.max], [5, 8], "<5 is 1 to 4, never 0");
  assert.deepEqual(beta.bandCounts, [4, 0, 0, 0, 0, 0]);
});

test("pooled records: one per age band and outcome with counts summed, withheld rows kept as they are", async () => {
  const {input, replies} = await readCampaign(root);
  const data = summariseCampaign(input);
  const known = data.pooledRecords.filter((r) => r.count != null);
  const key = (r: {ageBand: string; outcome: string}) => `${r.ageBand} ${r.outcome}`;
  assert.equal(new Set(known.map(key)).size, known.length, "one record per pair");
  assert.ok(known.every((r) => r.authority === POOLED_AUTHORITY && r.line === 0));
  const warning1624 = known.find((r) => r.ageBand === "16-24" && r.outcome === "verbal warning");
  assert.equal(warning1624?.count, 6, "2 from Alpha and 4 from Beta");
  const withheld = data.pooledRecords.filter((r) => r.count == null);
  assert.equal(withheld.length, 1);
  assert.equal(withheld[0].authority, "Beta District Council", "a withheld record keeps its council");
  assert.deepEqual(withheld[0].countBounds, [1, 4]);
  // The pool sums to the councils' own figures, by the one withheld rule.
  const pooled = sumCounts(data.pooledRecords);
  const counted = data.councils.filter((c) => c.employees != null);
  assert.equal(
    pooled.known,
    counted.reduce((n, c) => n + c.employees!, 0)
  );
  assert.deepEqual([pooled.min, pooled.max], [11, 14]);
  // Only ok, partial and nil replies are pooled: a refusal with records (impossible today) would add none.
  const refused = replies.find((r) => r.status === "refused")!;
  assert.deepEqual(poolRecords([{...refused, records: replies[0].records}]), []);
});

test("slugs: the council pages' routes, listed without parsing, agree with the data", async () => {
  const data = summariseCampaign((await readCampaign(root)).input);
  assert.deepEqual(
    councilSlugs(root),
    data.councils.map((c) => c.slug)
  );
  assert.deepEqual(
    orderCouncils([
      {authority: "St. Helens Council", file: "b"},
      {authority: "St Helens Council", file: "a"}
    ]).map((c) => c.slug),
    ["st-helens-council", "st-helens-council-2"]
  );
});

test("a reply from an authority not on the list is kept; without a list no one is awaiting", async () => {
  const other = join(dir, "other");
  writeCampaign(other, {asked: false});
  const data = summariseCampaign((await readCampaign(other)).input);
  assert.equal(data.askedListGiven, false);
  assert.equal(data.councils.length, 5);
  assert.ok(data.councils.every((c) => c.asked === null && c.status !== "awaiting"));
  writeFileSync(join(other, "campaign/authorities.csv"), "name\nZeta Council\n");
  const listed = summariseCampaign((await readCampaign(other)).input);
  assert.equal(listed.councils.length, 6, "five replies not on the list, kept, and Zeta awaiting");
  assert.equal(listed.councils.filter((c) => c.asked).length, 1);
});

test("a council's page data: status in words, what to do with an unreadable file", async () => {
  const {input, replies} = await readCampaign(root);
  const data = summariseCampaign(input);
  const epsilon = data.councils.find((c) => c.status === "unreadable")!;
  const page = councilPage({
    summary: epsilon,
    reply: null,
    text: null,
    request: data.request,
    ageBands: data.ageBands,
    outcomes: data.outcomes,
    workforce: [],
    workforceContext: [],
    survey: {year: 2015, file: "reference/ofcom-cmr-2015-social-media-profile-by-age.csv"}
  });
  assert.match(page.advice!, /responses\/epsilon\.transcribed\.csv/);
  assert.equal(statusLabel(epsilon), "unreadable");
  assert.equal(statusLabel(data.councils.find((c) => c.status === "refused")!), "refused (section 12)");
  assert.equal(statusLabel(data.councils.find((c) => c.status === "awaiting")!), "awaiting reply");
  assert.equal(statusLabel(data.councils.find((c) => c.status === "nil")!), "nil return");
  assert.equal(replies.length, 4);
  assert.equal(councilHref("gamma-city-council"), "councils/gamma-city-council.html");
  assert.equal(councilLineHref("gamma-city-council", 3), "councils/gamma-city-council.html#L3");
});

test("authorities.csv and request.json: clear errors with file and line", () => {
  assert.deepEqual(parseAuthoritiesCsv("region,name\n,Alpha\n\nNorth,Beta\n"), [
    {name: "Alpha", code: null, type: null, region: null},
    {name: "Beta", code: null, type: null, region: "North"}
  ]);
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof ReplyError, String(e));
      return e.message;
    }
    assert.fail("no error");
  };
  assert.equal(
    error(() => parseAuthoritiesCsv("name\nAlpha\n\nalpha \n")),
    "campaign/authorities.csv:4: alpha is listed already, at line 2"
  );
  assert.equal(
    error(() => parseAuthoritiesCsv("council\nAlpha\n")),
    "campaign/authorities.csv:1: unknown column council: the columns are name, code, type, region"
  );
  assert.equal(
    error(() => parseAuthoritiesCsv("name,code\n,E1\n")),
    "campaign/authorities.csv:2: no name in this row"
  );
  assert.match(
    error(() => parseRequest("{")),
    /^campaign\/request\.json: not valid JSON/
  );
  assert.equal(
    error(() => parseRequest(JSON.stringify({...JSON.parse(REQUEST), sent: ""}))),
    "campaign/request.json: lacks sent (non-empty text)"
  );
  assert.equal(parseRequest(REQUEST).questions.length, 10);
  assert.equal(sameNameKey("  Leicester   CITY Council "), "leicester city council");
});
