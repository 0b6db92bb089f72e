// A person in the loop: transcriptions of replies the kit cannot read, and corrections of rows it mis-read.
// Every reply and CSV here is MADE UP (test/fixtures/README.md).
import assert from "node:assert/strict";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {
  applyCorrections,
  correctionsFileFor,
  isHumanFile,
  parseTranscription,
  statusSetIn,
  transcribedReply,
  transcriptionFileFor,
  transcriptionTemplate
} from "../../../src/lib/parse/human.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {RECORD_COLUMNS} from "../../../src/lib/records/tidy.js";
import type {ParsedReply} from "../../../src/lib/core/types.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/replies");
const mappings = loadMappings();
const ctx = {reply: "responses/made-up.pdf", authority: "Made-up Council (test)", mappings};
const statuses = (reply: ParsedReply) => Object.fromEntries(reply.checks.map((c) => [c.name, c.status]));
const errorAt = (file: string, line: number | null, reason: RegExp) => (e: unknown) =>
  e instanceof ReplyError && e.file === file && e.line === line && reason.test(e.reason);

/** The text the kit could read of a made-up reply whose table it could not (a layout it does not know). */
const UNREADABLE =
  "MADE UP\n5. How many employees have been investigated?\n6\n8. Ages and outcomes\n[table drawn as a picture]\n9. Percentage?\n3%\n";

test("the files a person writes sit beside the reply, and are not replies", () => {
  assert.equal(transcriptionFileFor("responses/made-up.pdf"), "responses/made-up.transcribed.csv");
  assert.equal(correctionsFileFor("/data/responses/x.y.txt"), "/data/responses/x.y.corrections.csv");
  assert.ok(isHumanFile("x.transcribed.csv") && isHumanFile("x.corrections.csv") && !isHumanFile("x.csv"));
});

test("a transcription gives records marked 'transcribed', checked against the reply's own answer 5 and totals", () => {
  assert.throws(
    () => parseReplyText({file: "responses/made-up.pdf", text: UNREADABLE, meta: null, mappings}),
    ReplyError
  );
  const csv = [
    "ageRaw,ageBand,outcomeRaw,outcome,countRaw,count,countLower,countUpper,line,note",
    "16 to 24,,Dismissed,,2,,,,5,read from the picture",
    "Over 55,,,final written warning,<5,,,,5,",
    ',35-44,Management advice,,,1,,,,"beside the table, by hand"',
    "Total,,,,,6,,,5,"
  ].join("\n");
  const reply = transcribedReply(
    {file: "responses/made-up.pdf", meta: null, mappings, text: UNREADABLE},
    csv,
    "responses/made-up.transcribed.csv"
  );
  assert.equal(reply.status, "ok");
  assert.deepEqual(reply.human, {transcription: "responses/made-up.transcribed.csv"});
  assert.deepEqual(
    reply.records.map((r) => [
      r.ageBand,
      r.outcome,
      r.tier,
      r.count,
      r.countBounds,
      r.line,
      r.provenance,
      r.origin?.line,
      r.note
    ]),
    [
      ["16-24", "dismissal", "exit", 2, null, 5, "transcribed", 2, "read from the picture"],
      ["55+", "final written warning", "warning", null, [1, 4], 5, "transcribed", 3, undefined],
      ["35-44", "management action", "informal", 1, null, 4, "transcribed", 4, "beside the table, by hand"]
    ]
  );
  assert.ok(
    reply.records.every(
      (r) => r.file === "responses/made-up.pdf" && r.origin?.file === "responses/made-up.transcribed.csv"
    )
  );
  assert.equal(
    reply.records[2].lineText,
    ',35-44,Management advice,,,1,,,,"beside the table, by hand"',
    "no line of the reply given: the record points at the transcription's own line"
  );
  assert.match(reply.warnings[0].message, /1 row gives no line of the reply/);
  assert.equal(reply.fields.investigated, 6);
  assert.equal(reply.fields.tableTotal, 6);
  assert.deepEqual(statuses(reply), {
    "rows = totals row": "pass",
    "rows = answer 5": "pass",
    "totals row = answer 5": "pass"
  });
  assert.equal(reply.infoChecks?.[0].status, "pass", "answer 9 still comes from the reply's text");
});

test("a transcription of a scan (no text at all), with ages and outcomes given apart", () => {
  const csv = "ageRaw,outcomeRaw,count,note\n16-24,,3,\n25-34,,2,\n,Dismissal,4,\n,Verbal warning,2,\n";
  const reply = transcribedReply(
    {file: "responses/scan.pdf", meta: null, mappings, text: null},
    csv,
    "responses/scan.transcribed.csv"
  );
  assert.deepEqual(
    reply.records.map((r) => [r.ageBand, r.outcome, r.count]),
    [
      ["16-24", "not stated", 3],
      ["25-34", "not stated", 2]
    ]
  );
  assert.deepEqual(
    reply.margins?.outcome?.map((o) => [o.outcome, o.count]),
    [
      ["dismissal", 4],
      ["verbal warning", 2]
    ]
  );
  assert.equal(statuses(reply)["by age band = by outcome"], "fail", "5 by age band, 6 by outcome");
  assert.deepEqual(reply.answers, {});
  assert.equal(reply.source?.lineCount, 0);
});

test("the template holds whatever the kit read, and reads back as the same records", async () => {
  const read = await readReply(join(FIXTURES, "pipe-table.md"), mappings, {shownAs: "responses/pipe-table.md"});
  const template = transcriptionTemplate(read);
  assert.equal(
    template.split("\n")[0],
    "ageRaw,ageBand,outcomeRaw,outcome,countRaw,count,countLower,countUpper,line,note"
  );
  assert.match(template, /\n35 – 44,35-44,Final written warning,final written warning,<5,,1,4,18,\n/);
  assert.match(template, /\nTotal,,,,,14,,,22,\n$/);
  const text = readFileSync(join(FIXTURES, "pipe-table.md"), "utf8");
  const again = transcribedReply(
    {file: "responses/pipe-table.md", meta: null, mappings, text},
    template,
    "responses/pipe-table.transcribed.csv"
  );
  const essentials = (r: ParsedReply) =>
    r.records.map((x) => [
      x.ageBand,
      x.ageRaw,
      x.outcome,
      x.outcomeRaw,
      x.tier,
      x.severity,
      x.upheld,
      x.count,
      x.suppressed,
      x.countBounds,
      x.countRaw,
      x.line
    ]);
  assert.deepEqual(essentials(again), essentials(read));
  assert.deepEqual(again.checks, read.checks);
  // Margins round-trip too, and a reply read as nothing gives the header alone.
  const margins = await readReply(join(FIXTURES, "margins.md"), mappings, {shownAs: "responses/margins.md"});
  const back = transcribedReply(
    {file: "responses/margins.md", meta: null, mappings, text: readFileSync(join(FIXTURES, "margins.md"), "utf8")},
    transcriptionTemplate(margins),
    "t.csv"
  );
  assert.deepEqual(
    back.records.map((r) => [r.ageBand, r.outcome, r.count, r.countBounds]),
    margins.records.map((r) => [r.ageBand, r.outcome, r.count, r.countBounds])
  );
  assert.deepEqual(
    back.margins?.outcome?.map((o) => [o.outcome, o.count]),
    margins.margins?.outcome?.map((o) => [o.outcome, o.count])
  );
  assert.deepEqual(back.checks, margins.checks);
  assert.equal(
    transcriptionTemplate(null),
    "ageRaw,ageBand,outcomeRaw,outcome,countRaw,count,countLower,countUpper,line,note\n"
  );
  // Its columns are the tidy records' (plus a note), so a transcription reads like the download.
  for (const c of template.split("\n")[0].split(","))
    assert.ok(c === "note" || (RECORD_COLUMNS as string[]).includes(c), c);
});

test("a bad transcription is a ReplyError naming the file and line", () => {
  const f = "t.csv";
  const cases: [string, number | null, RegExp][] = [
    ["", null, /empty/],
    ["ageRaw,outcome,cuont\n16-24,dismissal,1\n", 1, /unknown column "cuont"/],
    ["ageRaw,outcomeRaw,count\n16-24,Dismissal,three\n", 2, /count "three" is not a whole number/],
    ["ageRaw,outcomeRaw,count\n16-24,Dismissal,\n", 2, /no count/],
    ["ageRaw,outcomeRaw,countRaw\n16-24,Dismissal,about three\n", 2, /countRaw "about three" is not a count/],
    ["ageRaw,outcomeRaw,count,countRaw\n16-24,Dismissal,3,4\n", 2, /count 3 disagrees with countRaw "4"/],
    ["ageRaw,outcomeRaw,countLower,countUpper\n16-24,Dismissal,4,1\n", 2, /countLower 4 is more than countUpper 1/],
    ["ageRaw,ageBand,outcomeRaw,count\n16-24,16 to 24,Dismissal,1\n", 2, /ageBand "16 to 24" is not one of/],
    ["ageRaw,outcomeRaw,count,line\n16-24,Dismissal,1,0\n", 2, /line "0" is not a whole number of at least 1/],
    ["ageRaw,outcomeRaw,count\n,,1\n", 2, /no age .* and no outcome/],
    ['ageRaw,outcomeRaw,count\n"16-24,Dismissal,1\n', 2, /never closes/],
    ["ageRaw,outcomeRaw,count\n16-24,Dismissal,1,extra\n", 2, /row of 4 cells where the header has 3/],
    ["ageRaw,outcomeRaw,count\n", null, /no rows of records/]
  ];
  for (const [csv, line, reason] of cases)
    assert.throws(() => parseTranscription(csv, f, ctx), errorAt(f, line, reason), csv);
  assert.throws(
    () => parseTranscription("ageRaw,outcomeRaw,count,line\n16-24,Dismissal,1,99\n", f, {...ctx, lineCount: 20}),
    errorAt(f, 2, /line 99 is past the end of the reply's text \(20 lines\)/)
  );
  // Unmapped labels are kept and reported, as for a reply's own table; extra columns are kept.
  const t = parseTranscription(
    "ageRaw,outcomeRaw,count,year,extra:site\nfifty,Sent on a course,1,2015,Facebook\n",
    f,
    ctx
  );
  assert.deepEqual(
    [t.records[0].ageBand, t.records[0].outcome, t.records[0].tier, t.records[0].extra],
    ["unknown", "sent on a course", null, {year: "2015", site: "Facebook"}]
  );
  assert.deepEqual(
    t.warnings.map((w) => w.line),
    [2, 2, null]
  );
});

test("corrections change the reading of a row, keep what it was and why, and the checks run again", async () => {
  const reply = await readReply(join(FIXTURES, "pipe-table.md"), mappings, {shownAs: "responses/pipe-table.md"});
  assert.equal(statuses(reply)["rows = answer 5"], "pass");
  const csv = [
    "line,ageRaw,outcomeRaw,action,ageBand,outcome,count,countLower,countUpper,reason",
    "18,,,,,,3,,,the council's letter of 4 May gives 3 for this row",
    ',Over 55,Written warning,,,final written warning,,,,"the council confirmed it was a final warning"',
    "17,,,drop,,,,,,this row repeats line 16 (a typing error the council confirmed)"
  ].join("\n");
  const fixed = applyCorrections(reply, csv, "responses/pipe-table.corrections.csv", mappings);
  const row18 = fixed.records.find((r) => r.line === 18)!;
  assert.deepEqual(
    [row18.count, row18.suppressed, row18.countBounds, row18.countRaw, row18.provenance],
    [3, false, null, "<5", "corrected"]
  );
  assert.deepEqual(row18.correction, {
    reason: "the council's letter of 4 May gives 3 for this row",
    was: {count: null, countBounds: [1, 4], suppressed: true},
    file: "responses/pipe-table.corrections.csv",
    line: 2
  });
  const row21 = fixed.records.find((r) => r.line === 21)!;
  assert.deepEqual(
    [row21.outcome, row21.outcomeRaw, row21.tier, row21.severity, row21.correction?.was],
    ["final written warning", "Written warning", "warning", 4, {outcome: "first written warning"}]
  );
  assert.deepEqual(
    fixed.human?.corrections?.dropped.map((d) => [d.record.line, d.reason, d.line]),
    [[17, "this row repeats line 16 (a typing error the council confirmed)", 4]]
  );
  assert.equal(fixed.human?.corrections?.applied, 3);
  assert.equal(fixed.records.length, 5);
  assert.ok(
    fixed.records.filter((r) => r !== row18 && r !== row21).every((r) => r.provenance === undefined),
    "rows not corrected stay as read"
  );
  // 2 + 3 + 1 + * + 2 = 8 known + 1 withheld: the checks are run again against the reply's totals row and answer 5 (14).
  assert.equal(
    fixed.checks.find((c) => c.name === "rows = answer 5")?.detail,
    "sum of the table's rows = 8 known + 1 withheld (at least 9); employees investigated (answer 5) = 14"
  );
  assert.deepEqual(
    reply.records.map((r) => r.provenance),
    [undefined, undefined, undefined, undefined, undefined, undefined],
    "the reply passed in is not changed"
  );
});

test("corrections can add a row the kit missed, and fix records read from one margin", async () => {
  const reply = await readReply(join(FIXTURES, "margins.md"), mappings, {shownAs: "responses/margins.md"});
  const fixed = applyCorrections(
    reply,
    "line,ageRaw,action,ageBand,count,reason\n11,,,,3,the council gave the withheld figure on appeal\n13,Under 25,add,16-24,0,a row written below the table\n",
    "c.csv",
    mappings
  );
  assert.deepEqual(
    fixed.records.map((r) => [r.ageBand, r.outcome, r.count, r.line, r.provenance ?? "read"]),
    [
      ["16-24", "not stated", 2, 9, "read"],
      ["25-34", "not stated", 4, 10, "read"],
      ["55+", "not stated", 3, 11, "corrected"],
      ["16-24", "not stated", 0, 13, "corrected"]
    ]
  );
  assert.deepEqual(
    fixed.margins?.ageBand?.map((a) => a.count),
    [2, 4, 3, 0],
    "the age margin follows its records"
  );
  assert.equal(statuses(fixed)["by age band = by outcome"], "pass");
  assert.equal(statuses(fixed)["rows = totals row"], "pass");
});

test("a bad corrections file is a ReplyError naming the file and line", async () => {
  const reply = await readReply(join(FIXTURES, "cross-tab.txt"), mappings, {shownAs: "responses/cross-tab.txt"});
  const f = "c.csv";
  const cases: [string, number | null, RegExp][] = [
    ["line,count\n10,2\n", 2, /needs a reason/],
    ["line,count,why\n10,2,x\n", 1, /unknown column "why"/],
    ["line,count,reason\n10,2,x\n", 2, /3 records match line 10; add ageRaw or outcomeRaw/],
    ["line,ageRaw,count,reason\n99,,2,x\n", 2, /no record of the reply matches line 99/],
    ["ageRaw,outcomeRaw,count,reason\n25 - 34,Verbal warning,1,x\n", 2, /changes nothing/],
    [
      "ageRaw,outcomeRaw,outcome,reason\n25 - 34,Verbal warning,promoted,x\n",
      2,
      /outcome "promoted" is not an outcome the mappings know/
    ],
    ["ageRaw,outcomeRaw,countRaw,reason\n25 - 34,Verbal warning,2,x\n", 2, /countRaw is what the reply wrote/],
    ["ageRaw,outcomeRaw,action,count,reason\n25 - 34,Verbal warning,fix,2,x\n", 2, /action "fix" is not one of/],
    [
      "ageRaw,outcomeRaw,count,reason\n25 - 34,Verbal warning,2,x\n25 - 34,Verbal warning,3,y\n",
      3,
      /already corrected at line 2/
    ],
    ["ageRaw,action,count,reason\n16-24,add,1,x\n", 2, /an added record needs the line/],
    ["action,status,reason\nstatus,ok,x\n", 2, /status "ok" is not one a person sets: nil, refused, not held/],
    ["action,status,reason\nchecked,nil,x\n", 2, /a "checked" row sets no status/],
    ["action,reason\nchecked,x\nchecked,y\n", 3, /already checked at line 2/],
    [
      "action,status,reason\nstatus,nil,x\n",
      2,
      /status "nil" is for a reply with no records, and \d+ remain: drop them first/
    ]
  ];
  for (const [csv, line, reason] of cases)
    assert.throws(() => applyCorrections(reply, csv, f, mappings), errorAt(f, line, reason), csv);
});

test("a person vouches for a reading, or sets the status of a letter the kit could not tell, and the verdict says so", () => {
  const read = (text: string) =>
    parseReplyText({file: "responses/made-up.txt", text: `MADE UP\n${text}`, meta: null, mappings});
  const f = "responses/made-up.corrections.csv";
  // A case list without a total: nothing in the reply confirms it, so a person does.
  const list = read("8. Cases\nAge\tOutcome\n25-34\tDismissal\n45-54\tVerbal warning\n");
  assert.equal(list.verdict?.verdict, "unverified", list.verdict?.reason);
  const checked = applyCorrections(
    list,
    'action,reason\nchecked,"compared with the letter: two cases, as read"\n',
    f,
    mappings
  );
  assert.equal(checked.verdict?.verdict, "verified");
  assert.match(
    checked.verdict!.reason,
    /^a person checked the reading \(responses\/made-up\.corrections\.csv line 2\): compared/
  );
  assert.deepEqual(checked.records, list.records, "checking changes no record");
  // A letter the kit finds neither figures nor a status in is unreadable, until a person says which it is.
  const letter = "MADE UP\nDear Sir\nWe have looked into this and there is nothing we can add.\n";
  const input = {file: "responses/made-up.txt", text: letter, meta: null, mappings};
  assert.throws(() => parseReplyText(input), /no table of age group/);
  for (const [status, nilReason] of [
    ["not held", "not held"],
    ["refused", "withheld"],
    ["nil", "none investigated"]
  ] as const) {
    const csv = `action,status,reason\nstatus,${status},the letter says so in its second paragraph\n`;
    assert.equal(statusSetIn(csv, f), status);
    const set = applyCorrections(parseReplyText({...input, statusByPerson: statusSetIn(csv, f)}), csv, f, mappings);
    assert.equal(set.status, status);
    assert.equal(set.nilReason, nilReason);
    assert.deepEqual(set.records, []);
    assert.equal(set.verdict?.verdict, "verified");
    assert.match(set.statusDetail ?? "", /^set by a person \(responses\/made-up\.corrections\.csv line 2\)/);
  }
  // A refusal a person sets may name its sections: they give the reason its figures are missing.
  const csv = "action,status,sections,reason\nstatus,refused,40(2); s.38,the covering e-mail cites them\n";
  const cited = applyCorrections(parseReplyText({...input, statusByPerson: statusSetIn(csv, f)}), csv, f, mappings);
  assert.deepEqual(cited.refusal?.sections, [38, 40]);
  assert.equal(cited.nilReason, "section 38");
  assert.match(cited.statusDetail ?? "", /set by a person .*refused under sections? 38 and 40/);
  assert.throws(
    () =>
      applyCorrections(
        parseReplyText({...input, statusByPerson: "nil"}),
        "action,status,sections,reason\nstatus,nil,40,x\n",
        f,
        mappings
      ),
    /sections are for a refusal/
  );
  assert.throws(
    () =>
      applyCorrections(
        parseReplyText({...input, statusByPerson: "refused"}),
        "action,status,sections,reason\nstatus,refused,forty,x\n",
        f,
        mappings
      ),
    /"forty" is not a section of the Act/
  );
  // Records dropped first, then the status set: a table that was no reply's figures.
  const table = read("5. How many?\n2\n8.\nAge\tOutcome\tNumber\n25-34\tDismissal\t2\n");
  const dropped = applyCorrections(
    table,
    "line,action,status,reason\n6,drop,,a table of another year\n,status,refused,refused under section 40 in the covering letter\n",
    f,
    mappings
  );
  assert.equal(dropped.status, "refused");
  assert.equal(dropped.records.length, 0);
  assert.equal(dropped.verdict?.verdict, "verified");
});

test("the read path gives a letter it could not read the status its corrections file sets", async () => {
  const dir = mkdtempSync(join(tmpdir(), "foi-status-"));
  const reply = join(dir, "made-up.txt");
  writeFileSync(reply, "MADE UP\nDear Sir\nWe have looked into this and there is nothing we can add.\n");
  const options = {shownAs: "responses/made-up.txt", cacheDir: null};
  await assert.rejects(readReply(reply, mappings, options), /no table of age group/);
  writeFileSync(join(dir, "made-up.corrections.csv"), "action,status,reason\nstatus,not held,phoned the council\n");
  const read = await readReply(reply, mappings, options);
  assert.equal(read.status, "not held");
  assert.equal(read.verdict?.verdict, "verified");
  assert.match(read.verdict!.reason, /a person set the status to not held .*phoned the council/);
  rmSync(dir, {recursive: true});
});
