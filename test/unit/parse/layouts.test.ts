// The layouts councils use beyond one table: sentences, ages and outcomes apart, extra columns,
// cells that span lines, withheld wordings and footnotes. Every reply here is MADE UP (test/fixtures/README.md).
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {parseCount} from "../../../src/lib/parse/record.js";
import {columnRole, longRoles} from "../../../src/lib/parse/tables/header.js";
import {parseCsvRows, splitDelimitedRow} from "../../../src/lib/parse/tables/delimited.js";
import {splitLines} from "../../../src/lib/core/text.js";
import type {CaseRecord, ParsedReply} from "../../../src/lib/core/types.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/replies");
const mappings = loadMappings();
const read = (name: string) => readReply(join(FIXTURES, name), mappings, {shownAs: name});
const parse = (text: string, file = "made-up.txt") => parseReplyText({file, text, meta: null, mappings});
const brief = (r: CaseRecord) => [r.ageBand, r.outcome, r.count, r.line];
const statuses = (reply: ParsedReply) => Object.fromEntries(reply.checks.map((c) => [c.name, c.status]));

test("prose: counts in words, ages and outcomes through the mappings, each record on the line of its sentence", async () => {
  const reply = await read("prose.txt");
  assert.equal(reply.status, "ok");
  assert.equal(reply.table?.layout, "prose");
  assert.deepEqual(reply.records.map(brief), [
    ["35-44", "first written warning", 3, 10],
    ["55+", "resigned during process", 1, 10]
  ]);
  assert.deepEqual(
    reply.records.map((r) => [r.ageRaw, r.outcomeRaw, r.countRaw]),
    [
      ["between 35 and 44", "first written warning", "Three"],
      ["aged 55 or over", "resigned before the hearing", "one"]
    ]
  );
  const lines = splitLines(readFileSync(join(FIXTURES, "prose.txt"), "utf8"));
  for (const r of reply.records) {
    assert.equal(r.lineText, lines[r.line - 1], "the sentence as written");
    assert.ok(r.lineText.includes(r.countRaw) && r.lineText.includes(r.ageRaw) && r.lineText.includes(r.outcomeRaw));
  }
  // "Four employees were investigated" is answer 5 in words, and the sentences add up to it.
  assert.equal(reply.fields.investigated, 4);
  assert.equal(statuses(reply)["rows = answer 5"], "pass");
  assert.deepEqual(reply.warnings, []);
});

test("prose: dates, years, percentages, 'section 40', 'answer 5', references and the request's own bands are never counts", () => {
  const reply = parse(readFileSync(join(FIXTURES, "prose.txt"), "utf8"));
  assert.equal(reply.records.length, 2, "only the two counts of the sentence in answer 8");
  const noise = [
    "1. Does the authority have a social media policy?",
    "Yes, since 1 July 2013 (see section 4 of the Code of Conduct), reviewed on 31st December 2015.",
    "5. How many employees have been investigated?",
    "See answer 5 of our reply of 3 March 2016 (reference 2016/123, FOI 4567).",
    "8. Give the age of the employee in the following bands: 16 to 24, 25 to 34, 35 to 44, 45 to 54 and over 55.",
    "We refer to section 40(2) and paragraph 12 for 2014/15; 2.5% of 1,200 proceedings; call 0116 454 1000 before 9.30am.",
    "A number of cases were dismissed in 2014 and 3.5 per cent resigned; questions 5 to 9 are answered above."
  ];
  const none = parse(noise.join("\n"));
  assert.deepEqual([none.records, none.table, none.margins], [[], null, undefined], "no count read from any of these");
  assert.throws(
    () => parse(noise.join("\n").replace("section 40(2)", "chapter 2")),
    /no table of age group, outcome and number of employees was found/
  );
});

test("prose: a part with no age or outcome of its own takes it from the words before, from a heading count, or from its label", async () => {
  const reply = await read("prose-lists.txt");
  assert.deepEqual(
    reply.records.map((r) => [r.ageBand, r.outcome, r.count, r.countBounds, r.line]),
    [
      ["25-34", "dismissal", 2, null, 5],
      ["25-34", "verbal warning", 1, null, 5],
      ["16-24", "dismissal", 2, null, 6],
      ["55+", "dismissal", 1, null, 6],
      ["45-54", "final written warning", 2, null, 8],
      ["35-44", "management action", 1, null, 9],
      ["16-24", "no case to answer", null, [1, 4], 10],
      ["25-34", "resigned during process", 1, null, 11]
    ]
  );
  // "Three employees were dismissed: two ... and one ..." heads its parts: 3 is not counted again.
  assert.equal(reply.records.filter((r) => r.line === 6).length, 2);
  assert.equal(reply.records[6].countRaw, "Fewer than five");
  assert.equal(reply.records[6].suppressed, true);
  assert.equal(reply.fields.investigated, 12);
  assert.equal(statuses(reply)["rows = answer 5"], "pass", "9 known + fewer than five (1 to 4) allows 12");
  assert.deepEqual(reply.warnings, []);
});

test("prose: a heading count whose parts do not add up to it is reported", () => {
  const reply = parse("MADE UP\nFour employees were dismissed: two aged 16-24 and one aged 25-34.\n");
  assert.deepEqual(reply.records.map(brief), [
    ["16-24", "dismissal", 2, 2],
    ["25-34", "dismissal", 1, 2]
  ]);
  assert.match(reply.warnings[0].message, /gives 4 in all but its parts add up to 3/);
});

test("prose: a count of one side beside counts of both is one more employee, unless the sentence sums up", () => {
  const more = parse("MADE UP\nTwo employees aged 16-24 were dismissed. One other employee resigned.\n");
  assert.deepEqual(
    more.records.map((r) => [r.ageBand, r.ageRaw, r.outcome, r.count]),
    [
      ["16-24", "aged 16-24", "dismissal", 2],
      ["unknown", "", "resigned during process", 1]
    ]
  );
  assert.equal(more.margins, undefined);
  const summary = parse(
    "MADE UP\nTwo employees aged 16-24 were dismissed and one aged 25-34 resigned. In total, three employees were dismissed.\n"
  );
  assert.deepEqual(summary.records.map(brief), [
    ["16-24", "dismissal", 2, 2],
    ["25-34", "resigned during process", 1, 2]
  ]);
  assert.deepEqual(
    summary.margins?.outcome?.map((o) => [o.outcome, o.count]),
    [["dismissal", 3]]
  );
  assert.equal(statuses(summary)["rows = by outcome"], "pass", "3 rows and the 3 of the summary agree in total");
});

test("ages and outcomes in two tables: records per age band with outcome 'not stated', the outcome margin kept beside", async () => {
  const reply = await read("margins.md");
  assert.equal(reply.status, "ok");
  assert.equal(reply.table?.layout, "pipe table, ages and outcomes apart");
  assert.deepEqual(
    reply.records.map((r) => [r.ageBand, r.outcome, r.outcomeRaw, r.tier, r.upheld, r.count, r.countBounds, r.line]),
    [
      ["16-24", "not stated", "", null, null, 2, null, 9],
      ["25-34", "not stated", "", null, null, 4, null, 10],
      ["55+", "not stated", "", null, null, null, [1, 4], 11]
    ]
  );
  assert.deepEqual(reply.records[2].countFootnote, {
    line: 21,
    text: "* fewer than 5, withheld under section 40(2) of the Freedom of Information Act"
  });
  assert.deepEqual(
    reply.margins?.ageBand?.map((a) => [a.ageBand, a.ageRaw, a.count, a.countBounds, a.line]),
    [
      ["16-24", "16-24", 2, null, 9],
      ["25-34", "25 to 34", 4, null, 10],
      ["55+", "Over 55", null, [1, 4], 11]
    ]
  );
  assert.deepEqual(
    reply.margins?.outcome?.map((o) => [o.outcome, o.outcomeRaw, o.tier, o.count, o.line]),
    [
      ["dismissal", "Dismissed", "exit", 3, 17],
      ["final written warning", "Final written warning", "warning", 4, 18],
      ["no case to answer", "No case to answer", "no action", 2, 19]
    ]
  );
  assert.deepEqual(reply.margins?.ageBandTotal, {count: 9, line: 12});
  // Each employee is counted once: the records sum to the age table, not to both tables.
  assert.deepEqual(statuses(reply), {
    "rows = totals row": "pass",
    "rows = answer 5": "pass",
    "totals row = answer 5": "pass",
    "by age band = by outcome": "pass",
    "by outcome = answer 5": "pass"
  });
  assert.equal(reply.fields.tableTotal, 9);
  assert.deepEqual(reply.warnings, []);
});

test("ages and outcomes apart: margins that disagree with each other or with answer 5 fail their checks", () => {
  const text =
    "MADE UP\n5. How many?\n10\n8. Ages\nAge,Number\n16-24,3\n25-34,4\n6. Outcomes\nOutcome,Number\nDismissal,2\nVerbal warning,3\nTotal,6\n";
  const reply = parse(text);
  assert.deepEqual(statuses(reply), {
    "rows = totals row": "not available",
    "rows = answer 5": "fail",
    "totals row = answer 5": "not available",
    "by age band = by outcome": "fail",
    "by outcome = answer 5": "fail",
    "by outcome = its totals row": "fail"
  });
  assert.equal(
    reply.checks.find((c) => c.name === "by age band = by outcome")?.detail,
    "employees by age band = 7; employees by outcome = 5"
  );
});

test("two tables of one margin each in one CSV, with only a blank line between: the second header ends the first table", () => {
  const reply = parse("Age,Number\n16-24,3\n25-34,4\n\nOutcome,Number\nDismissal,2\nVerbal warning,5\n", "x.csv");
  assert.deepEqual(
    reply.records.map((r) => [r.ageBand, r.outcome, r.count, r.line]),
    [
      ["16-24", "not stated", 3, 2],
      ["25-34", "not stated", 4, 3]
    ]
  );
  assert.deepEqual(
    reply.margins?.outcome?.map((o) => [o.outcome, o.count, o.line]),
    [
      ["dismissal", 2, 6],
      ["verbal warning", 5, 7]
    ]
  );
  assert.deepEqual(reply.warnings, []);
});

test("only outcomes given: records per outcome with no age; only ages given: records per age band", () => {
  const outcomes = parse(
    "MADE UP\n5. How many?\nSeven.\n6. Outcomes\nOutcome\tNumber\nDismissal\t3\nVerbal warning\t4\n8. Ages\nNot recorded.\n"
  );
  assert.deepEqual(
    outcomes.records.map((r) => [r.ageBand, r.ageRaw, r.outcome, r.count]),
    [
      ["unknown", "", "dismissal", 3],
      ["unknown", "", "verbal warning", 4]
    ]
  );
  assert.deepEqual(
    outcomes.margins?.outcome?.map((o) => o.count),
    [3, 4]
  );
  assert.equal(outcomes.margins?.ageBand, undefined);
  assert.equal(outcomes.fields.investigated, 7, "answer 5 in words");
  assert.equal(statuses(outcomes)["rows = answer 5"], "pass");
  assert.deepEqual(outcomes.warnings, [], "a table of outcomes alone warns of no missing age");
  const tabbed = parse("MADE UP\n\tAge band\n\tNumber of employees\n\n\t16-24\n\t2\n\n\tOver 55\n\t<5\n");
  assert.deepEqual(
    tabbed.records.map((r) => [r.ageBand, r.outcome, r.count, r.countBounds, r.line, r.firstLine]),
    [
      ["16-24", "not stated", 2, null, 6, 5],
      ["55+", "not stated", null, [1, 4], 9, 8]
    ]
  );
  assert.equal(tabbed.table?.layout, "tab-indented cells, ages and outcomes apart");
});

test("ages and outcomes apart in sentences", () => {
  const reply = parse(
    "MADE UP\n5. How many?\n12\n8. Ages\nFive employees were aged 25-34 and seven were aged 35-44.\nThree were dismissed and nine received a final written warning.\n"
  );
  assert.deepEqual(
    reply.records.map((r) => [r.ageBand, r.outcome, r.count, r.line]),
    [
      ["25-34", "not stated", 5, 5],
      ["35-44", "not stated", 7, 5]
    ]
  );
  assert.deepEqual(
    reply.margins?.outcome?.map((o) => [o.outcome, o.count, o.line]),
    [
      ["dismissal", 3, 6],
      ["final written warning", 9, 6]
    ]
  );
  assert.equal(statuses(reply)["by age band = by outcome"], "pass");
});

test("extra columns (year, department, gender) are kept on the record and never read as age, outcome or count", async () => {
  const reply = await read("extra-columns.csv");
  assert.equal(reply.table?.layout, "comma-separated rows");
  assert.deepEqual(
    reply.records.map((r) => [r.ageBand, r.outcome, r.count, r.countBounds, r.extra]),
    [
      ["16-24", "dismissal", 1, null, {year: "2014", department: "Housing", gender: "F"}],
      ["25-34", "final written warning", 2, null, {year: "2015", department: "Adult Social Care", gender: "M"}],
      ["55+", "no case to answer", null, [1, 4], {year: "2015", department: "Libraries", gender: "F"}]
    ]
  );
  assert.equal(reply.fields.tableTotal, 4);
  assert.deepEqual(reply.warnings, []);
  // Headers that name another thing are not the age, outcome or count, wherever they stand.
  assert.deepEqual(
    [
      "Year",
      "Outcome date",
      "Date of action",
      "Financial year",
      "Gender",
      "Staff group",
      "Department",
      "Age at date of hearing",
      "No. of employees",
      "Action taken",
      "Number of staff"
    ].map(columnRole),
    ["extra", "extra", "extra", "extra", "extra", "extra", "extra", "age", "count", "outcome", "count"]
  );
  assert.deepEqual(
    longRoles(["Year of outcome", "Age group", "Date action taken", "Outcome", "Staff group", "Number of staff"]),
    {
      kind: "long",
      age: 1,
      outcome: 3,
      count: 5,
      extras: [
        {index: 0, key: "year"},
        {index: 2, key: "date action taken"},
        {index: 4, key: "staff group"}
      ]
    }
  );
});

test("extra columns in a pipe table and in a cross-tab", () => {
  const pipe = parse(
    "MADE UP\n| Year | Age | Outcome | Number |\n|---|---|---|---|\n| 2015 | 16-24 | Dismissal | 2 |\n"
  );
  assert.deepEqual(
    pipe.records.map((r) => [r.ageBand, r.outcome, r.count, r.extra]),
    [["16-24", "dismissal", 2, {year: "2015"}]]
  );
  const cross = parse("MADE UP\nYear,Age group,Dismissal,Verbal warning,Total\n2014,16-24,1,2,3\n2015,25-34,0,1,1\n");
  assert.deepEqual(
    cross.records.map((r) => [r.ageBand, r.outcome, r.count, r.extra?.year]),
    [
      ["16-24", "dismissal", 1, "2014"],
      ["16-24", "verbal warning", 2, "2014"],
      ["25-34", "dismissal", 0, "2015"],
      ["25-34", "verbal warning", 1, "2015"]
    ]
  );
  assert.deepEqual(cross.warnings, []);
});

test("CSV and TSV cells that span lines: the record's line is its count's, firstLine where the row starts", async () => {
  const reply = await read("extra-columns.csv");
  assert.deepEqual(
    reply.records.map((r) => [r.firstLine, r.line]),
    [
      [2, 2],
      [3, 5],
      [6, 6]
    ]
  );
  assert.equal(reply.records[1].outcomeRaw, "Final written warning");
  assert.equal(
    reply.records[1].lineText,
    '2015,"Adult\r\nSocial Care",M,25-34,"Final written\r\nwarning",2'.replace(/\r/g, "")
  );
  const tsv = parse(
    'Age group\t"Outcome\n(as recorded)"\tNumber\n16-24\t"Dismissal"\t"3"\n"25-34"\t"Verbal\nwarning"\t1\n"35-44"\tNFA\t"\n2"\n45-54\tNFA\t4\n',
    "x.tsv"
  );
  assert.equal(tsv.table?.headerLine, 1);
  assert.deepEqual(
    tsv.records.map((r) => [r.ageBand, r.outcome, r.count, r.firstLine, r.line]),
    [
      ["16-24", "dismissal", 3, 3, 3],
      ["25-34", "verbal warning", 1, 4, 5],
      ["35-44", "no case to answer", 2, 6, 7],
      ["45-54", "no case to answer", 4, 8, 8]
    ]
  );
  assert.deepEqual(tsv.warnings, []);
  // A lone quote is a character of a one-line row, not the start of a cell that swallows the rest.
  const stray = parse('Age,Outcome,Number\n16-24,"Dismissal,1\n25-34,NFA,2\n');
  assert.deepEqual(
    stray.records.map((r) => [r.ageBand, r.count, r.line]),
    [
      ["16-24", 1, 2],
      ["25-34", 2, 3]
    ]
  );
});

test("the delimited splitter keeps each cell's line; the CSV reader gives each row its first line", () => {
  assert.deepEqual(splitDelimitedRow(['a,"b', 'c""d",3', "x,y"], 0, ","), {
    cells: ["a", 'b\nc"d', "3"],
    cellLines: [1, 1, 2],
    span: 2
  });
  assert.equal(splitDelimitedRow(["no delimiter here"], 0, ","), null);
  const {rows, unclosed} = parseCsvRows('h1,h2\r\n\r\n"x\r\ny",1\r\nz,2\r\n');
  assert.equal(unclosed, null);
  assert.deepEqual(
    rows.map((r) => [r.line, r.cells]),
    [
      [1, ["h1", "h2"]],
      [3, ["x\ny", "1"]],
      [5, ["z", "2"]]
    ]
  );
  assert.equal(parseCsvRows('a,b\n"open,1\n').unclosed, 2);
});

test("withheld wordings keep their bounds; a footnote gives the bounds of its marker", async () => {
  const cases: [string, number | null, boolean, [number, number] | null][] = [
    ["<5", null, true, [1, 4]],
    ["less than 6", null, true, [1, 5]],
    ["fewer than 5", null, true, [1, 4]],
    ["Fewer than five", null, true, [1, 4]],
    ["under 5", null, true, [1, 4]],
    ["below 5", null, true, [1, 4]],
    ["1-4", null, true, [1, 4]],
    ["1 to 4", null, true, [1, 4]],
    ["between 1 and 4", null, true, [1, 4]],
    ["no more than 4", null, true, [1, 4]],
    ["<5*", null, true, [1, 4]],
    ["*", null, true, null],
    ["[c]", null, true, null],
    ["withheld under section 40(2)", null, true, null],
    ["withheld (fewer than 5)", null, true, null],
    ["Withheld - fewer than 5", null, true, [1, 4]],
    ["three", 3, false, null],
    ["twenty-one", 21, false, null],
    ["5 or fewer", null, true, [1, 5]]
  ];
  for (const [raw, count, suppressed, bounds] of cases)
    assert.deepEqual(parseCount(raw), {count, suppressed, bounds}, raw);
  const reply = await read("withheld-wordings.txt");
  assert.deepEqual(
    reply.records.map((r) => [r.countRaw, r.count, r.countBounds]),
    [
      ["<5", null, [1, 4]],
      ["*", null, [1, 4]],
      ["less than 6", null, [1, 5]],
      ["fewer than 5", null, [1, 4]],
      ["under 5", null, [1, 4]],
      ["1-4", null, [1, 4]],
      ["x", null, [1, 3]],
      ["12", 12, null]
    ]
  );
  assert.ok(
    reply.records.every((r) => r.count !== 0),
    "a withheld count is never 0"
  );
  assert.deepEqual(reply.records[1].countFootnote, {
    line: 16,
    text: "* fewer than five: withheld under section 40(2), as the employees could be identified"
  });
  assert.equal(reply.records[6].countFootnote?.line, 17);
  assert.equal(reply.records[0].countFootnote, undefined, "'<5' states its own bounds");
  assert.equal(reply.status, "ok", "a footnote on withheld cells is not a refusal");
  assert.equal(
    reply.checks[0].detail,
    "sum of the table's rows = 12 known + 7 withheld (between 19 and 40); the totals row = 20"
  );
  // With no footnote, "*" keeps no bounds: at least 1, no upper bound (src/lib/core/withheld.ts).
  const bare = parse("Age\tOutcome\tNumber\n16-24\tDismissal\t*\n");
  assert.deepEqual([bare.records[0].countBounds, bare.records[0].countFootnote], [null, undefined]);
});

test("a row whose count is withheld and whose outcome names an action is a row, not another table's header", () => {
  // MADE UP. "no further action" reads like a header's outcome column, and "<5" has no known number.
  for (const text of [
    "Age,Outcome,Number\n16-24,dismissal,3\n25-34,no further action,<5\n35-44,final written warning,2\n",
    "| Age | Outcome | Number |\n|---|---|---|\n| 16-24 | no further action | <5 |\n| 25-34 | dismissal | 2 |\n"
  ]) {
    const reply = parseReplyText({file: "made-up.txt", text, meta: null, mappings});
    assert.ok(
      reply.records.some((r) => r.countRaw === "<5" && r.count == null && r.countBounds?.[1] === 4),
      text
    );
    assert.equal(reply.records.length, text.startsWith("|") ? 2 : 3, text);
  }
});
