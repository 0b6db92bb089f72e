// Outcomes by meaning: a label outcomes.csv does not list goes through rules over its words, tolerant of
// misspellings, case, punctuation and order; a label naming two outcomes is left unmapped, never guessed.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import fc from "fast-check";
import {editDistance, outcomeByRules} from "../../../src/lib/parse/outcome-rules.js";
import {mapOutcome, parseMappings} from "../../../src/lib/parse/mappings.js";
import {buildRecord} from "../../../src/lib/parse/record.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";

const mappings = loadMappings();
const AGES = readFileSync(join(import.meta.dirname, "../../../data/mappings/age-bands.csv"), "utf8");

/** Labels no line of outcomes.csv has, each with the canonical outcome its words name. */
const BY_RULE: [string, string][] = [
  ["Dismissal, gross misconduct", "dismissal"],
  ["Summarily dismissed", "dismissal"],
  ["Contract terminated", "dismissal"],
  ["Employment terminated (gross misconduct)", "dismissal"],
  ["Warning (final, written)", "final written warning"],
  ["Final written warning issued", "final written warning"],
  ["Written warning given", "first written warning"],
  ["Warning - first, written", "first written warning"],
  ["Verbal warning issued", "verbal warning"],
  ["Oral warning given", "verbal warning"],
  ["Case not substantiated", "no case to answer"],
  ["NFA - case closed", "no case to answer"],
  ["Unsubstantiated", "no case to answer"],
  ["Cleared", "no case to answer"],
  ["Allegations not upheld", "no case to answer"],
  ["Employee left the authority", "resigned during process"],
  ["Resigned prior to hearing", "resigned during process"],
  ["Left before the disciplinary hearing", "resigned during process"],
  ["Words of advice", "management action"],
  ["Guidance issued", "management action"],
  ["Training provided", "management action"],
  ["Informal action taken", "management action"]
];

/** Labels that name two outcomes, an appeal, an outcome not reached or undone, or none: left unmapped. */
const UNMAPPED = [
  "Written warning then dismissal",
  "Appeal against dismissal upheld",
  "Dismissal overturned on appeal",
  "Final written warning and training",
  "Resigned before dismissal hearing",
  "Informal verbal warning",
  "Not dismissed",
  "Dismissal pending",
  "Formal warning",
  "Redeployed",
  "Reassigned",
  "Suspended",
  "Allegation upheld",
  "Sent on a course",
  "Gross misconduct",
  "Warning"
];

test("each rule names its canonical outcome, and the record says which rule fired", () => {
  for (const [label, outcome] of BY_RULE) {
    assert.equal(mappings.outcomes.has(label.toLowerCase()), false, `"${label}" is not a line of outcomes.csv`);
    const m = mapOutcome(mappings, label);
    assert.equal(m?.outcome, outcome, label);
    assert.match(m!.rule!, /^rule: /, label);
    // Severity, tier and upheld come from the mapping's own line for the canonical outcome.
    const own = mappings.outcomes.get(outcome)!;
    assert.deepEqual([m!.severity, m!.tier, m!.upheld], [own.severity, own.tier, own.upheld], label);
  }
  for (const label of UNMAPPED) assert.equal(mapOutcome(mappings, label), null, label);
});

const dashes = ["-", "–", "—"];
/** One typing slip in a word of 5 letters or more: a letter dropped, doubled, swapped with the next, or replaced. */
const slip = (word: string, kind: number, at: number) => {
  const i = 1 + (at % (word.length - 2));
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
  if (kind === 2) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + (word[i] === "x" ? "z" : "x") + word.slice(i + 1);
};

test("misspellings, case, punctuation, dashes and word order do not change the outcome", () => {
  const variants: [string[], string][] = [
    [["dismissal", "gross", "misconduct"], "dismissal"],
    [["summarily", "dismissed"], "dismissal"],
    [["final", "written", "warning"], "final written warning"],
    [["written", "warning"], "first written warning"],
    [["verbal", "warning"], "verbal warning"],
    [["resignation", "before", "hearing"], "resigned during process"],
    [["management", "advice"], "management action"],
    [["unsubstantiated"], "no case to answer"]
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...variants),
      fc.integer({min: 0, max: 3}),
      fc.nat(),
      fc.nat(),
      fc.constantFrom(" ", ", ", " / ", ` ${dashes[0]} `, ` ${dashes[1]} `, ` ${dashes[2]} `),
      fc.integer({min: 0, max: 2}),
      fc.boolean(),
      fc.constantFrom("", ".", ";", " (2015)"),
      ([words, outcome], kind, at, which, sep, casing, reverse, tail) => {
        const long = words.map((w, i) => ({w, i})).filter(({w}) => w.length >= 5);
        const target = long[which % long.length];
        const typed = words.map((w, i) => (target && i === target.i ? slip(w, kind, at) : w));
        const ordered = reverse ? [...typed].reverse() : typed;
        let label = ordered.join(sep) + tail;
        label =
          casing === 1 ? label.toUpperCase() : casing === 2 ? label.replace(/\b\w/g, (c) => c.toUpperCase()) : label;
        const m = mapOutcome(mappings, label);
        assert.equal(m?.outcome, outcome, label);
      }
    ),
    {numRuns: 500}
  );
  assert.equal(outcomeByRules("dismisal")?.rule, 'rule: dismiss*; "dismisal" read as "dismissal"');
  assert.equal(outcomeByRules("finall written warnign")?.outcome, "final written warning");
  assert.equal(outcomeByRules("verbel warning")?.outcome, "verbal warning");
  assert.equal(editDistance("warnign", "warning"), 1, "a swap of two letters is one slip");
});

test("a slip is corrected only to one keyword within reach, never to a word of other meaning", () => {
  // "formal" is a word of its own, not "informal" misspelt; "reassigned" is not "resigned".
  assert.equal(outcomeByRules("formal warning"), null);
  assert.equal(outcomeByRules("reassigned"), null);
  // "ressigned" is one slip from "resigned" and from "reassigned": not guessed.
  assert.equal(outcomeByRules("ressigned"), null);
  assert.equal(outcomeByRules("resigend")?.outcome, "resigned during process");
  // Short words are not corrected: "oral" is a keyword, "aural" (5 letters, 2 edits) is not within reach.
  assert.equal(outcomeByRules("aural warning"), null);
  assert.equal(outcomeByRules("a".repeat(3) + " dismissed " + "word ".repeat(12)), null, "a sentence, not a label");
});

test("outcomes.csv is consulted first: a user's line wins over the rules", () => {
  const csv = readFileSync(join(import.meta.dirname, "../../../data/mappings/outcomes.csv"), "utf8");
  const taught = parseMappings(AGES, `${csv.trimEnd()}\ntraining,verbal warning,2,warning,true\n`);
  const m = mapOutcome(taught, "Training");
  assert.deepEqual([m?.outcome, m?.rule], ["verbal warning", undefined], "the user's line, not the training rule");
  // A mapping without the canonical outcome a rule names: the rule cannot fire, the label stays unmapped.
  const bare = parseMappings(
    AGES,
    "label,outcome,severity,tier,upheld\nverbal warning,verbal warning,2,warning,true\n"
  );
  assert.equal(mapOutcome(bare, "Dismissal, gross misconduct"), null);
});

test("a record read by a rule carries the rule and no warning; an unmapped label keeps its warning", () => {
  const ctx = {file: "made-up.txt", authority: "Made-up Council", mappings};
  const row = (outcomeRaw: string) => ({
    ageRaw: "25-34",
    outcomeRaw,
    countRaw: "2",
    line: 3,
    firstLine: 3,
    lineText: "x"
  });
  const ruled = buildRecord(row("Dismissal, gross misconduct"), ctx);
  assert.deepEqual(
    [ruled.record.outcome, ruled.record.tier, ruled.record.severity, ruled.record.outcomeRule, ruled.warnings],
    ["dismissal", "exit", 6, "rule: dismiss*", []]
  );
  const listed = buildRecord(row("Dismissal"), ctx);
  assert.equal(listed.record.outcomeRule, undefined, "a line of outcomes.csv matched: no rule");
  const unmapped = buildRecord(row("Written warning then dismissal"), ctx);
  assert.equal(unmapped.record.tier, null);
  assert.match(unmapped.warnings[0].message, /"Written warning then dismissal" maps to no known outcome/);

  const reply = parseReplyText({
    file: "made-up.csv",
    text: 'Age,Outcome,Number\n25-34,"Dismissal, gross misconduct",2\n35-44,Finall written warnign,1\n',
    meta: null,
    mappings
  });
  assert.deepEqual(
    reply.records.map((r) => [r.outcome, r.outcomeRule?.replace(/;.*/, "")]),
    [
      ["dismissal", "rule: dismiss*"],
      ["final written warning", "rule: final + warning"]
    ]
  );
  assert.deepEqual(reply.warnings, []);
});
