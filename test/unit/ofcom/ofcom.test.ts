// The Ofcom comparison: expected shares worked by hand, the oldest-band choice, ratio intervals,
// withheld counts, the reply's own caveats, the generated reading, and the loader's error messages.
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {runSiteArchive} from "../site-archive.js";
import {
  bandCounts,
  bandRates,
  compareWithOfcom,
  formatBandCount,
  observedBands,
  workforceShares
} from "../../../src/lib/ofcom/comparison.js";
import {
  parseReferenceCsv,
  parseWorkforceCsv,
  type OfcomReference,
  type OfcomData,
  type WorkforceProfile
} from "../../../src/lib/ofcom/reference.js";
import {readingOf} from "../../../src/lib/ofcom/reading.js";
import {ofcomReplies} from "../../../src/lib/ofcom/comparable-replies.js";
import {replyCaveats} from "../../../src/lib/records/caveats.js";
import {ofcomCaveatItems} from "../../../src/components/ofcom-caveats.js";
import {formatDate, formatPValue} from "../../../src/lib/present/index.js";
import {DATA_DIR, loadMappings, readReply} from "../../../src/lib/read/replies.js";
import type {CaseRecord} from "../../../src/lib/core/types.js";

const close = (actual: number, expected: number, tol: number, label = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${label} expected ${expected} ± ${tol}, got ${actual}`);

const REFERENCE = "reference/ofcom-cmr-2015-social-media-profile-by-age.csv";
const reference: OfcomReference = {
  file: REFERENCE,
  rates: parseReferenceCsv(readFileSync(join(DATA_DIR, REFERENCE), "utf8"), REFERENCE),
  citation: JSON.parse(readFileSync(join(DATA_DIR, REFERENCE.replace(".csv", ".meta.json")), "utf8"))
};
const seed = await readReply(join(DATA_DIR, "responses/leicester-city-council-2016.txt"), loadMappings());
const compare = (extra: Partial<Parameters<typeof compareWithOfcom>[0]> = {}) =>
  compareWithOfcom({
    records: seed.records,
    authority: seed.authority,
    file: seed.file,
    reference,
    oldest: {mode: "55-64", weight5564: 0.9},
    ...extra
  });

function record(
  ageBand: string,
  count: number | null,
  countBounds: [number, number] | null = null,
  line = 1
): CaseRecord {
  return {
    authority: "Made-up Council",
    file: "responses/made-up.txt",
    ageBand: ageBand as CaseRecord["ageBand"],
    ageRaw: ageBand,
    outcome: "x",
    outcomeRaw: "x",
    tier: null,
    severity: null,
    upheld: null,
    count,
    suppressed: count == null,
    countBounds,
    countRaw: count == null ? "<5" : String(count),
    line,
    firstLine: line,
    lineText: ""
  };
}

test("the shipped reference matches the figures quoted in its citation", () => {
  assert.deepEqual(
    reference.rates.map((r) => [r.band, r.pct, r.line]),
    [
      ["16-24", 93, 2],
      ["25-34", 90, 3],
      ["35-44", 80, 4],
      ["45-54", 68, 5],
      ["55-64", 49, 6],
      ["65+", 28, 7],
      ["16+", 72, 8]
    ]
  );
  for (const r of reference.rates)
    assert.ok(
      reference.citation.quote.includes(`(${r.pct}%)`),
      `${r.band}'s ${r.pct}% is in Ofcom's published wording`
    );
  assert.equal(reference.citation.surveyYear, 2014);
  assert.match(reference.citation.citation, /Communications Market Report 2015/);
});

test("expected shares under the equal-workforce assumption, worked by hand", () => {
  // Equal staff per band, so expected share = rate / Σ rates: 93 + 90 + 80 + 68 + 49 = 380.
  const c = compare();
  assert.equal(c.workforce.assumption, "equal");
  assert.deepEqual(c.workforce.shares, [0.2, 0.2, 0.2, 0.2, 0.2]);
  [93, 90, 80, 68, 49].forEach((rate, i) => close(c.bands[i].expectedShare, rate / 380, 1e-12, c.bands[i].band));
  close(c.bands[4].expected, (31 * 49) / 380, 1e-12, "55+ expected count = 3.997");
  assert.equal(c.n, 31);
  assert.deepEqual(
    c.bands.map((b) => b.known),
    [0, 11, 12, 4, 4]
  );
});

test("the oldest band: 55-64 alone, 65+ alone, or a blend with a stated weight", () => {
  const rate55 = (mode: "55-64" | "65+" | "blend", weight5564 = 0.5) => bandRates(reference, {mode, weight5564})[4];
  assert.equal(rate55("55-64").pct, 49);
  assert.equal(rate55("65+").pct, 28);
  close(rate55("blend", 0.5).pct, 38.5, 1e-12); // 0.5 × 49 + 0.5 × 28
  close(rate55("blend", 0.9).pct, 46.9, 1e-12); // 0.9 × 49 + 0.1 × 28
  assert.match(rate55("blend", 0.9).source, /0\.9 × 55-64 \(49%\) \+ 0\.1 × 65\+ \(28%\)/);
  // Expected share of 55+ changes with the choice: 38.5 / 369.5 and 28 / 359.
  close(compare({oldest: {mode: "blend", weight5564: 0.5}}).bands[4].expectedShare, 38.5 / 369.5, 1e-12);
  close(compare({oldest: {mode: "65+", weight5564: 0.5}}).bands[4].expectedShare, 28 / 359, 1e-12);
  // The other bands' rates do not depend on the choice.
  assert.deepEqual(
    bandRates(reference, {mode: "65+", weight5564: 0})
      .slice(0, 4)
      .map((r) => r.pct),
    [93, 90, 80, 68]
  );
  assert.throws(
    () =>
      bandRates(
        {...reference, rates: reference.rates.filter((r) => r.band !== "65+")},
        {mode: "blend", weight5564: 0.5}
      ),
    /reference\/ofcom-cmr-2015-social-media-profile-by-age\.csv: has no row for age band 65\+/
  );
});

test("observed/expected ratios carry Wilson bounds divided by the expected share", () => {
  // Wilson 95% bounds worked from the closed form (Newcombe 1998, method 3), z = 1.959963984540054:
  // 11/31 → 0.211167–0.530520; 0/31 → 0–0.110255.
  const c = compare();
  const b25 = c.bands[1],
    b16 = c.bands[0];
  close(b25.shareLower, 0.211167, 1e-6);
  close(b25.shareUpper, 0.53052, 1e-6);
  close(b25.ratio, 11 / 31 / (90 / 380), 1e-12);
  close(b25.ratioLower, 0.211167 / (90 / 380), 1e-5);
  close(b25.ratioUpper, 0.53052 / (90 / 380), 1e-5);
  assert.equal(b16.ratio, 0);
  assert.equal(b16.ratioLower, 0);
  close(b16.ratioUpper, 0.110255 / (93 / 380), 1e-5); // 0.4505: below 1
});

test("the goodness-of-fit test is exact, and its p-value matches independent enumeration", () => {
  // Reference values from a separate plain enumeration of all 52,360 outcomes (Python, log-gamma pmf,
  // same 1 + 1e-7 tie tolerance as R's binom.test): 55-64 → 0.00071953052057; blend 0.5 → 0.00061784749265; 65+ → 0.00039212538697.
  const cases: [ReturnType<typeof compare>, number][] = [
    [compare(), 0.00071953052057],
    [compare({oldest: {mode: "blend", weight5564: 0.5}}), 0.00061784749265],
    [compare({oldest: {mode: "65+", weight5564: 0.5}}), 0.00039212538697]
  ];
  for (const [c, p] of cases) {
    assert.equal(c.fit?.test, "exact");
    close(c.fit!.pValue, p, 1e-12, c.oldest.mode);
    assert.equal(c.fit!.chiSquareUnreliable, true, "an expected count is under 5");
  }
});

test("a workforce profile replaces the equal assumption and supplies the blend weight", () => {
  const file = "workforce/made-up-council.csv";
  const profile: WorkforceProfile = {
    authority: seed.authority,
    file,
    source: "made up",
    asOf: null,
    rows: parseWorkforceCsv(readFileSync(join(import.meta.dirname, "../../fixtures", file), "utf8"), file)
  };
  const w = workforceShares(profile);
  assert.equal(w.assumption, "profile");
  assert.deepEqual(w.shares, [0.05, 0.2, 0.25, 0.3, 0.2]); // 50, 200, 250, 300, 180 + 20 of 1,000
  assert.equal(w.weight5564, 0.9); // 180 of 200
  // Blend: 55+ rate = 0.9 × 49 + 0.1 × 28 = 46.9. Weights 50·93, 200·90, 250·80, 300·68, 200·46.9 sum to 72,430.
  const c = compare({workforce: profile, oldest: {mode: "blend", weight5564: 0.1}});
  assert.equal(c.oldest.weight5564, 0.9, "the profile's split overrides the user's weight");
  [50 * 93, 200 * 90, 250 * 80, 300 * 68, 200 * 46.9].forEach((x, i) =>
    close(c.bands[i].expectedShare, x / 72430, 1e-12)
  );
  assert.ok(!readingOf(c).some((s) => /equal staff numbers/.test(s)));
  assert.ok(readingOf(c).some((s) => s.includes(file)));
});

test("withheld counts are kept out of n, shown as a range, and bound the p-value", () => {
  const records = [
    record("25-34", 6),
    record("35-44", 5),
    record("45-54", 2),
    record("45-54", null, [1, 4], 9),
    record("55+", 1)
  ];
  const c45 = bandCounts(records, "45-54");
  assert.deepEqual([c45.known, c45.withheldRows, c45.withheldMin, c45.withheldMax, c45.lines], [2, 1, 1, 4, [1, 9]]);
  assert.equal(formatBandCount(c45), "3 to 6 (1 row withheld)");
  assert.equal(
    formatBandCount(bandCounts([record("55+", 3), record("55+", null)], "55+")),
    "at least 4 (1 row withheld)"
  );
  assert.equal(formatBandCount(bandCounts(records, "25-34")), "6");

  const c = compareWithOfcom({
    records,
    authority: "Made-up Council",
    file: "responses/made-up.txt",
    reference,
    oldest: {mode: "55-64", weight5564: 0.9}
  });
  assert.equal(c.n, 14, "only exact counts enter the test");
  assert.equal(c.excluded.withheldRows, 1);
  // Fill the withheld row with 1..4 by hand and test each: the range must match.
  const probs = c.bands.map((b) => b.expectedShare);
  const ps = [1, 2, 3, 4].map(
    (x) =>
      compareWithOfcom({
        records: records.map((r) => (r.count == null ? record("45-54", x) : r)),
        authority: "m",
        file: "m",
        reference,
        oldest: {mode: "55-64", weight5564: 0.9}
      }).fit!.pValue
  );
  assert.equal(c.withheld?.computed, true);
  assert.equal(c.withheld?.pMin, Math.min(...ps));
  assert.equal(c.withheld?.pMax, Math.max(...ps));
  assert.deepEqual([c.withheld?.nMin, c.withheld?.nMax], [15, 18]);
  assert.ok(probs.every((p) => p > 0));
  assert.ok(readingOf(c).some((s) => s.includes("1 row has its count withheld") && s.includes("15 to 18 employees")));

  const unbounded = compareWithOfcom({
    records: [...records, record("55+", null)],
    authority: "m",
    file: "m",
    reference,
    oldest: {mode: "55-64", weight5564: 0.9}
  });
  assert.equal(unbounded.withheld?.computed, false);
  assert.match(unbounded.withheld!.reason, /no upper bound/);
});

test("rows whose age label maps to no band are left out and reported with their line", () => {
  const c = compareWithOfcom({
    records: [record("25-34", 3), {...record("unknown", 2, null, 12), ageRaw: "under 18"}],
    authority: "m",
    file: "m",
    reference,
    oldest: {mode: "55-64", weight5564: 0.9}
  });
  assert.equal(c.n, 3);
  assert.deepEqual(c.excluded.unknownBand, [{ageRaw: "under 18", count: 2, line: 12}]);
  assert.ok(readingOf(c).some((s) => s.includes(`"under 18", line 12`)));
  const empty = compareWithOfcom({
    records: [],
    authority: "m",
    file: "m",
    reference,
    oldest: {mode: "55-64", weight5564: 0.9}
  });
  assert.equal(empty.fit, null);
  assert.match(readingOf(empty)[0], /nothing to compare/);
});

test("the reading is generated from the numbers", () => {
  const reading = readingOf(compare());
  assert.match(reading[0], /rests on 31 investigated employees/);
  assert.match(reading[0], /between 11 and 32 percentage points/); // widths of 0/31 and 11 or 12 of 31
  assert.match(reading[1], /probability less than 0\.001 \(exact test\)/);
  assert.match(reading[2], /more cases than expected in 35-44 \(12 against 6\.5 expected\)/);
  assert.match(reading[2], /fewer than expected in 16-24 \(0 against 7\.6 expected\)/);
  assert.match(reading[3], /equal staff numbers per band/);
  assert.match(reading[4], /smallest expected count is 4, under 5/);
  // A sample consistent with the model says so, and says what it cannot show.
  const fits = compareWithOfcom({
    records: [record("16-24", 2), record("25-34", 2), record("35-44", 2), record("45-54", 2), record("55+", 1)],
    authority: "m",
    file: "m",
    reference,
    oldest: {mode: "55-64", weight5564: 0.9}
  });
  assert.match(readingOf(fits)[1], /consistent with that model; they cannot show that it holds/);
  assert.match(readingOf(fits)[2], /In every band the 95% interval for observed ÷ expected includes 1/);
  assert.equal(formatPValue(0.04321), "0.04");
  assert.equal(formatPValue(0.004321), "0.004");
});

test("the reply's own caveats come from its answers and metadata, with lines", () => {
  const caveats = ofcomCaveatItems(replyCaveats(seed, {survey: {year: 2014, file: REFERENCE}}));
  assert.deepEqual(
    caveats.map((c) => c.kind),
    ["scope", "period", "share"]
  );
  const [scope, period, share] = caveats;
  assert.match(scope.quote!, /generic misuse of IT/);
  assert.match(scope.quote!, /e mail account or the internet/);
  assert.equal(scope.source, "responses/leicester-city-council-2016.txt, answer 7, line 28");
  assert.match(period.text, /1 July 2013 to 31 December 2015; Ofcom's rates come from a single survey year, 2014/);
  assert.match(period.source, /leicester-city-council-2016\.meta\.json; policy date: answer 4, line 17/);
  assert.match(share.text, /^These cases were 3\.1% of all disciplinary proceedings/);
  assert.equal(share.source, "responses/leicester-city-council-2016.txt, answer 9, line 159");
  assert.equal(formatDate("2015-12-31"), "31 December 2015");
  assert.equal(formatDate("2015-08"), "August 2015");
  assert.equal(formatDate("2016"), "2016");
});

test("bad reference and workforce files are refused with the file and line", () => {
  assert.throws(() => parseReferenceCsv("band,pct\n16-24,93\n", "r.csv"), /^ReplyError: r\.csv:1: expected a header/);
  assert.throws(
    () => parseReferenceCsv("age_band,pct\n16-24,93\n25-34,lots\n", "r.csv"),
    /r\.csv:3: percentage for 25-34 must be a number from 0 to 100, got "lots"/
  );
  assert.throws(
    () => parseReferenceCsv("age_band,pct\n16-24,93\n16-24,90\n", "r.csv"),
    /r\.csv:3: age band 16-24 appears twice/
  );
  assert.throws(() => parseReferenceCsv("age_band,pct\n16-24,130\n", "r.csv"), /r\.csv:2: .*from 0 to 100/);
  const ok = "age_band,staff\n16-24,1\n25-34,1\n35-44,1\n45-54,1\n";
  assert.throws(() => parseWorkforceCsv(ok + "55 plus,1\n", "w.csv"), /w\.csv:6: age band "55 plus" is not one of/);
  assert.throws(() => parseWorkforceCsv(ok, "w.csv"), /w\.csv: no row for 55\+/);
  assert.throws(() => parseWorkforceCsv(ok + "55-64,1\n", "w.csv"), /give both 55-64 and 65\+ or neither/);
  assert.throws(() => parseWorkforceCsv(ok + "55+,1\n65+,1\n", "w.csv"), /either 55\+ or 55-64 and 65\+/);
  assert.throws(
    () => parseWorkforceCsv(ok + "55+,-3\n", "w.csv"),
    /w\.csv:6: staff for 55\+ must be a nonnegative number/
  );
  assert.deepEqual(
    parseWorkforceCsv(ok + "55+,2\n", "w.csv").map((r) => r.staff),
    [1, 1, 1, 1, 2]
  );
});

/** The site's loader on a data folder: its exit status, what it said, and its ofcom.json as `stdout`. */
function runLoader(dir: string) {
  const run = runSiteArchive({FOI_DATA: undefined, FOI_DATA_DIR: dir});
  return {status: run.status, stderr: run.stderr, stdout: run.members.get("ofcom.json") ?? ""};
}

test("the loader writes the reference with its citation, and reads workforce profiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "ofcom-"));
  cpSync(DATA_DIR, dir, {recursive: true});
  const plain = runLoader(dir);
  assert.equal(plain.status, 0, plain.stderr);
  const data = JSON.parse(plain.stdout) as OfcomData;
  assert.equal(data.reference.rates.length, 7);
  assert.equal(data.reference.citation.publisher, "Ofcom");
  assert.equal(data.oldestBand.default, "55-64");
  assert.deepEqual(data.workforce, [], "no workforce profile is shipped");
  assert.deepEqual(
    data.workforceContext.map((c) => [c.authority, c.staff]),
    [["Leicester City Council", 6837]]
  );

  cpSync(join(import.meta.dirname, "../../fixtures/workforce"), join(dir, "workforce"), {recursive: true});
  const withProfile = JSON.parse(runLoader(dir).stdout) as OfcomData;
  assert.equal(withProfile.workforce[0].file, "workforce/made-up-council.csv");
  assert.equal(withProfile.workforce[0].rows.length, 6);
});

test("the loader explains a bad file in one line, without a stack trace", () => {
  const dir = mkdtempSync(join(tmpdir(), "ofcom-bad-"));
  cpSync(DATA_DIR, dir, {recursive: true});
  writeFileSync(join(dir, REFERENCE), "age_band,pct\n16-24,93\n25-34,ninety\n");
  const run = runLoader(dir);
  assert.equal(run.status, 1);
  assert.equal(
    run.stderr.trim(),
    `error: ${REFERENCE}:3: percentage for 25-34 must be a number from 0 to 100, got "ninety"`
  );
  cpSync(join(DATA_DIR, REFERENCE), join(dir, REFERENCE));
  writeFileSync(join(dir, "reference/oldest-band.json"), '{"default": "55+", "blendWeight5564": 0.9, "reason": "x"}');
  assert.equal(
    runLoader(dir).stderr.trim(),
    'error: reference/oldest-band.json: default must be one of 55-64, 65+, blend, got "55+"'
  );
});

test("a reply reduced by its loader (counts by band, caveats, source) compares exactly as its records do", () => {
  const survey = {year: reference.citation.surveyYear, file: reference.file};
  const madeUp = {
    ...seed,
    authority: "Made-up Council",
    file: "responses/made-up.txt",
    meta: null,
    records: [
      record("25-34", 3),
      record("45-54", null, [1, 4], 9),
      {...record("unknown", 2, null, 12), ageRaw: "under 18"}
    ]
  };
  const none = {...seed, authority: "Made-up Nil Council", file: "responses/nil.txt", records: []};
  // Through JSON, as the page gets it.
  const reduced = JSON.parse(JSON.stringify(ofcomReplies([seed, madeUp, none], survey)));
  assert.deepEqual(
    reduced.replies.map((r: {authority: string}) => r.authority),
    [seed.authority, "Made-up Council"],
    "a reply with no records has nothing to compare"
  );
  for (const [i, reply] of [seed, madeUp].entries()) {
    const r = reduced.replies[i];
    for (const oldest of [
      {mode: "55-64", weight5564: 0.9},
      {mode: "blend", weight5564: 0.6}
    ] as const) {
      const options = {authority: reply.authority, file: reply.file, reference, oldest, ageBands: reduced.ageBands};
      assert.deepEqual(
        compareWithOfcom({...options, observed: r.observed}),
        compareWithOfcom({...options, records: reply.records})
      );
    }
    assert.deepEqual(r.caveats, JSON.parse(JSON.stringify(replyCaveats(reply, {survey}))));
    assert.equal(r.source, reply.meta?.attribution ?? null);
  }
  assert.deepEqual(reduced.replies[1].observed.unknownBand, [{ageRaw: "under 18", count: 2, line: 12}]);
  assert.throws(
    () =>
      compareWithOfcom({
        authority: "m",
        file: "m",
        reference,
        oldest: {mode: "65+", weight5564: 0.5},
        observed: observedBands([], ["16-24"])
      }),
    /observed counts are for 16-24, not the bands asked for/
  );
});
