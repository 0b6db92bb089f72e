// Tables read by their cells' types: one meaning written in many layouts must give the same records.
// Every reply here is MADE UP, written by the test.
import assert from "node:assert/strict";
import {test} from "node:test";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {typeCell} from "../../../src/lib/parse/tables/cells.js";
import {verdictOf} from "../../../src/lib/parse/verdict.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import type {ParsedReply} from "../../../src/lib/core/types.js";

const mappings = loadMappings();
const read = (text: string) =>
  parseReplyText({file: "responses/made-up.txt", text: `MADE UP\n${text}`, meta: null, mappings});

/** The meaning every layout below writes: 9 employees. */
const ROWS: [age: string, outcome: string, count: number][] = [
  ["25-34", "Final written warning", 2],
  ["35-44", "Dismissal", 1],
  ["45-54", "No case to answer", 4],
  ["55+", "Verbal warning", 2]
];
const EXPECTED = [
  "25-34|final written warning|2",
  "35-44|dismissal|1",
  "45-54|no case to answer|4",
  "55+|verbal warning|2"
];
/** Employees by age band and outcome: a case list and a table of counts saying the same thing are equal. */
const key = (reply: ParsedReply) => {
  const sums = new Map<string, number>();
  for (const r of reply.records)
    sums.set(`${r.ageBand}|${r.outcome}`, (sums.get(`${r.ageBand}|${r.outcome}`) ?? 0) + r.count!);
  return [...sums].map(([k, n]) => `${k}|${n}`).sort();
};
const AGES = ["16-24", "25-34", "35-44", "45-54", "55+"];
const OUTCOMES = [...new Set(ROWS.map((r) => r[1]))];
const cell = (age: string, outcome: string) => ROWS.find((r) => r[0] === age && r[1] === outcome)?.[2] ?? 0;

const LAYOUTS: Record<string, string> = {
  "bullets with dashes": ROWS.map(([a, o, n]) => `• ${a} – ${o} – ${n}`).join("\n"),
  colons: ROWS.map(([a, o, n]) => `${a}: ${o}: ${n}`).join("\n"),
  "columns reordered, no header": ROWS.map(([a, o, n]) => `${n}\t${o}\t${a}`).join("\n"),
  "space-aligned with a short totals row": [
    "Outcome                  Age band   Number",
    ...ROWS.map(([a, o, n]) => `${o.padEnd(25)}${a.padEnd(11)}${n}`),
    "Total                               9"
  ].join("\n"),
  "totals row first": ["Age\tOutcome\tCount", "Total\t\t9", ...ROWS.map((r) => r.join("\t"))].join("\n"),
  "cross-tab, ages down": [
    ["", ...OUTCOMES, "Total"].join("\t"),
    ...AGES.map((a) =>
      [a, ...OUTCOMES.map((o) => cell(a, o) || "-"), OUTCOMES.reduce((s, o) => s + cell(a, o), 0)].join("\t")
    ),
    ["Grand total", ...OUTCOMES.map((o) => AGES.reduce((s, a) => s + cell(a, o), 0)), 9].join("\t")
  ].join("\n"),
  "cross-tab, outcomes down, totals first, blanks for none": [
    ["Outcome", ...AGES].join("\t"),
    ["Total", ...AGES.map((a) => OUTCOMES.reduce((s, o) => s + cell(a, o), 0))].join("\t"),
    ...OUTCOMES.map((o) => [o, ...AGES.map((a) => cell(a, o) || "")].join("\t"))
  ].join("\n"),
  "case list with exact ages": [
    "Case\tAge\tOutcome",
    ...[
      ["26", "Final written warning"],
      ["31", "Final written warning"],
      ["40", "Dismissal"],
      ["45", "No case to answer"],
      ["47", "No case to answer"],
      ["50", "No case to answer"],
      ["54", "No case to answer"],
      ["55", "Verbal warning"],
      ["61", "Verbal warning"]
    ].map(([age, outcome], i) => `REF-${100 + i}\t${age}\t${outcome}`)
  ].join("\n"),
  "words for numbers": [
    "Age group | Outcome | Number",
    ...ROWS.map(([a, o, n]) => `${a} | ${o} | ${["", "One (1)", "Two (2)", "", "Four (4)"][n]}`)
  ].join("\n"),
  "a table running onto a second page under its header again": [
    "Age group\tOutcome\tNo. of employees",
    ...ROWS.slice(0, 2).map((r) => r.join("\t")),
    "",
    "Page 1 of 2",
    "",
    "Age group\tOutcome\tNo. of employees",
    ...ROWS.slice(2).map((r) => r.join("\t"))
  ].join("\n"),
  "a table continued on the next page under a caption, its header not repeated": [
    "Age group\tOutcome\tNo. of employees",
    ...ROWS.slice(0, 2).map((r) => r.join("\t")),
    "\tPage 1 of 2",
    "",
    "Ref. FOI/2016/123",
    "Table 1 (continued)",
    ...ROWS.slice(2).map((r) => r.join("\t")),
    "Total\t\t9"
  ].join("\n"),
  // A PDF's narrow gutter runs the age into the outcome beside it; the header's two names run together too.
  "age and outcome run together in one cell": [
    "Age band Outcome\tNumber",
    ...ROWS.map(([a, o, n]) => `${a} ${o}\t${n}`),
    "Total\t9"
  ].join("\n"),
  "columns typed one space apart": [
    "Age band Outcome Number",
    ...ROWS.map(([a, o, n]) => `${a} ${o} ${n}`),
    "Total 9"
  ].join("\n")
};

for (const [name, table] of Object.entries(LAYOUTS)) {
  test(`layout: ${name} reads as the same 9 employees`, () => {
    const reply = read(
      `5. How many employees were investigated?\n9\n\n8. Ages and outcomes\n${table}\n\nYours sincerely`
    );
    assert.deepEqual(key(reply), EXPECTED);
    assert.equal(reply.verdict?.verdict, "verified", reply.verdict?.reason);
  });
}

test("a reading nothing confirms is unverified, whatever its layout", () => {
  for (const [name, table] of Object.entries(LAYOUTS)) {
    const reply = read(`Ages and outcomes:\n${table.replace(/^.*total.*$/gim, "")}`);
    assert.notEqual(reply.verdict?.verdict, "verified", `${name}: ${reply.verdict?.reason}`);
  }
});

test("a table of zeros is a nil return, confirmed by its own totals", () => {
  const reply = read(
    ["\tDismissal\tFinal warning\tNo case to answer", "16-24\t0\t0\t0", "25-34\t-\t-\t-", "Total\t0\t0\t0"].join("\n")
  );
  assert.equal(reply.status, "nil");
  assert.equal(reply.records.length, 0);
  assert.equal(reply.verdict?.verdict, "verified");
});

test("of an employees' table and an agency workers' table, the employees are counted, and a warning says so", () => {
  const table = (rows: typeof ROWS) => ["Age group\tOutcome\tNumber", ...rows.map((r) => r.join("\t"))].join("\n");
  const reply = read(
    [
      "5. How many employees were investigated?",
      "9",
      "8. Council employees:",
      table(ROWS),
      "",
      "Agency workers and contractors:",
      table([["16-24", "Dismissal", 3]])
    ].join("\n")
  );
  assert.deepEqual(key(reply), EXPECTED);
  assert.ok(reply.warnings.some((w) => /agency workers, contractors/.test(w.message)));
});

test("the same figures given twice (in Welsh and in English) count once", () => {
  const cy = ["Grŵp oedran\tCanlyniad\tNifer", ...ROWS.map((r) => r.join("\t"))].join("\n");
  const en = ["Age group\tOutcome\tNumber", ...ROWS.map((r) => r.join("\t"))].join("\n");
  const reply = read(`5. How many employees were investigated?\n9\n\n${cy}\n\nEnglish:\n${en}`);
  assert.deepEqual(key(reply), EXPECTED);
  assert.equal(reply.verdict?.verdict, "verified");
  // In Welsh throughout, outcomes and totals row too (data/mappings/outcomes.csv knows the Welsh labels).
  const welsh: Record<string, string> = {
    "Final written warning": "Rhybudd ysgrifenedig terfynol",
    Dismissal: "Diswyddo",
    "No case to answer": "Dim achos i'w ateb",
    "Verbal warning": "Rhybudd llafar"
  };
  const cyOnly = [
    "Band oedran\tCanlyniad\tNifer",
    ...ROWS.map(([a, o, n]) => [a, welsh[o], n].join("\t")),
    "Cyfanswm\t\t9"
  ].join("\n");
  for (const text of [`${cyOnly}\n\n${en}`, `${en}\n\n${cyOnly}`, cyOnly]) {
    const both = read(`5. How many employees were investigated?\n9\n\n${text}`);
    assert.deepEqual(key(both), EXPECTED);
    assert.equal(both.verdict?.verdict, "verified", both.verdict?.reason);
  }
});

test("a council's own age bands are kept under its labels with a warning, never forced into the request's", () => {
  const reply = read(["Age\tOutcome\tNumber", "25-39\tDismissal\t2", "50 and over\tVerbal warning\t1"].join("\n"));
  assert.deepEqual(
    reply.records.map((r) => [r.ageRaw, r.ageBand]),
    [
      ["25-39", "unknown"],
      ["50 and over", "unknown"]
    ]
  );
  assert.equal(reply.warnings.filter((w) => /maps to no age band/.test(w.message)).length, 2);
});

test("a caption that is not 'continued' between two tables keeps them apart", () => {
  const reply = read(
    [
      "5. How many employees were investigated?\n9\n\n8. Ages and outcomes",
      "Age group\tOutcome\tNo. of employees",
      ...ROWS.map((r) => r.join("\t")),
      "Page 1 of 2",
      "",
      "Agency workers:",
      "16-24\tDismissal\t3"
    ].join("\n")
  );
  assert.deepEqual(key(reply), EXPECTED, "the agency workers' row is not added to the employees' table");
});

test("a label cell left empty under a filled one (a merged cell) is the label above, either way round", () => {
  const expected = [
    "25-34|dismissal|1",
    "25-34|first written warning|2",
    "45-54|no case to answer|2",
    "45-54|verbal warning|1"
  ];
  const agesMerged =
    "Age band\tOutcome\tNumber\n25-34\tDismissal\t1\n\tWritten warning\t2\n45-54\tVerbal warning\t1\n\tNo case to answer\t2";
  const outcomesMerged =
    "Outcome\tAge band\tNumber\nDismissal\t25-34\t1\nWritten warning\t25-34\t2\nVerbal warning\t45-54\t1\nNo case to answer\t45-54\t2";
  const outcomesMergedToo =
    "Age band\tOutcome\tNumber\n25-34\tDismissal\t1\n25-34\tWritten warning\t2\n45-54\tVerbal warning\t1\n45-54\tNo case to answer\t2";
  for (const table of [agesMerged, outcomesMerged, outcomesMergedToo])
    for (const total of ["", "\nTotal\t\t6"]) {
      const reply = read(`5. How many employees were investigated?\n6\n\n8. Ages and outcomes\n${table}${total}`);
      assert.deepEqual(key(reply), expected, table + total);
      assert.equal(reply.verdict?.verdict, "verified", reply.verdict?.reason);
    }
  const merged = read(`5. How many?\n6\n\n8.\n${agesMerged}`);
  assert.ok(merged.warnings.some((w) => /2 label cells left empty .* read as the label above/.test(w.message)));
});

test("counts split across columns by year or by sex are records of their own, the column kept under extra", () => {
  for (const [head, keyName] of [
    [["2013", "2014", "2015"], "year"],
    [["Male", "Female", "Not stated"], "gender"]
  ] as const) {
    const table = [
      ["Age band", "Outcome", ...head].join("\t"),
      ["25-34", "Dismissal", "1", "0", "1"].join("\t"),
      ["45-54", "Verbal warning", "-", "2", "1"].join("\t")
    ].join("\n");
    const reply = read(`5. How many employees were investigated?\n5\n\n8.\n${table}`);
    assert.deepEqual(key(reply), ["25-34|dismissal|2", "45-54|verbal warning|3"]);
    assert.deepEqual(
      reply.records.map((r) => r.extra?.[keyName]),
      [head[0], head[2], head[1], head[2]]
    );
    assert.equal(reply.verdict?.verdict, "verified", reply.verdict?.reason);
  }
});

test("a list row with its count before its age band ('Dismissal – 10 – 35-44') keeps the two apart", () => {
  const reply = read(
    "5. How many employees were investigated?\n33\n\n8.\n• Dismissal – 10 – 35-44\n• Final written warning – 23 – 25-34\n• Total – 33"
  );
  assert.deepEqual(key(reply), ["25-34|final written warning|23", "35-44|dismissal|10"]);
  assert.equal(reply.verdict?.verdict, "verified", reply.verdict?.reason);
});

test("a count the kit cannot read is never verified, whatever the totals say", () => {
  const reply = read(
    "5. How many employees were investigated?\n3\n\n8.\nAge\tOutcome\tNumber\n25-34\tDismissal\t3\nTotal\t\t3"
  );
  assert.equal(reply.verdict?.verdict, "verified");
  // The same reply with a row whose count is no number and withholds nothing: its checks may pass, it is not verified.
  const odd = {...reply.records[0], line: 99, count: null, countRaw: "10-35-44", suppressed: false, countBounds: null};
  const verdict = verdictOf({...reply, records: [...reply.records, odd]});
  assert.equal(verdict.verdict, "unverified");
  assert.match(verdict.reason, /1 count could not be read as a number \(line 99\)/);
});

test("'nil' and '-' in the count column are counts of none, never a case list's rows", () => {
  // Answer 5 says 3, as the three rows would if each were a case: only the counts can tell.
  for (const none of ["nil", "-", "none", "0"]) {
    const reply = read(
      `5. How many employees were investigated?\n3\n\n8.\nAge band\tOutcome\tNumber\n16-24\tDismissal\t${none}\n25-34\tDismissal\t3\n35-44\tDismissal\t${none}`
    );
    // A row counting 0 may stay as a record of 0 (the header reading keeps it): it counts no one.
    assert.deepEqual(
      key(reply).filter((k) => !k.endsWith("|0")),
      ["25-34|dismissal|3"],
      none
    );
    assert.equal(reply.verdict?.verdict, "verified", `${none}: ${reply.verdict?.reason}`);
  }
});

test("subtotals are neither records nor the table's total", () => {
  for (const [label, grand] of [
    ["Subtotal", "Total"],
    ["Sub-total", "Grand total"],
    ["{age} total", "Overall total"]
  ]) {
    const sub = (age: string) => label.replace("{age}", age);
    const reply = read(
      [
        "5. How many employees were investigated?\n6\n\n8.\nAge band\tOutcome\tNumber",
        "25-34\tDismissal\t1",
        "25-34\tVerbal warning\t2",
        `${sub("25-34")}\t\t3`,
        "45-54\tDismissal\t3",
        `${sub("45-54")}\t\t3`,
        `${grand}\t\t6`
      ].join("\n")
    );
    assert.deepEqual(key(reply), ["25-34|dismissal|1", "25-34|verbal warning|2", "45-54|dismissal|3"], label);
    assert.equal(reply.verdict?.verdict, "verified", `${label}: ${reply.verdict?.reason}`);
  }
});

test("cells are typed by what they hold", () => {
  const types = (cells: string[]) => cells.map((c) => typeCell(c, mappings).type);
  assert.deepEqual(types(["25 to 34", "over 55", "25-39", "1-4", "<5", "Two (2)", "—", "", "Grand total", "2015/16"]), [
    "age",
    "age",
    "age",
    "withheld",
    "withheld",
    "count",
    "nil",
    "empty",
    "total",
    "year"
  ]);
  assert.deepEqual(types(["Dismissal, gross misconduct", "Age band", "2 final written warnings"]), [
    "outcome",
    "header",
    "text"
  ]);
});
