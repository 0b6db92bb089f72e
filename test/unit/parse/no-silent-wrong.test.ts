// Nothing wrong passes silently: replies written the way councils write them, drawn at random (MADE UP
// by this test's own generator, apart from the metamorphic suite's), are either read right or say so
// (their verdict is not "verified", or a warning names what the kit could not map).
import assert from "node:assert/strict";
import {test} from "node:test";
import fc from "fast-check";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {loadMappings, requestQuestions} from "../../../src/lib/read/replies.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import type {ParsedReply} from "../../../src/lib/core/types.js";

const mappings = loadMappings();
const questions = requestQuestions();

const BANDS = ["16-24", "25-34", "35-44", "45-54", "55+"] as const;
const AGE_WORDS: Record<(typeof BANDS)[number], string[]> = {
  "16-24": ["16-24", "16 to 24", "Under 25", "16 – 24"],
  "25-34": ["25-34", "25 to 34", "25 - 34"],
  "35-44": ["35-44", "35 to 44", "35 – 44"],
  "45-54": ["45-54", "45 to 54"],
  "55+": ["55+", "Over 55", "55 and over"]
};
const OUTCOMES: Record<string, string[]> = {
  dismissal: ["Dismissal", "Dismissed", "Summary dismissal"],
  "final written warning": ["Final written warning", "Final Written Warning", "Final warning"],
  "first written warning": ["Written warning", "1st written warning", "First written warning"],
  "verbal warning": ["Verbal warning", "Oral warning"],
  "no case to answer": ["No case to answer", "No further action", "NFA", "Not upheld"],
  "management action": ["Management action", "Management advice"],
  "resigned during process": ["Resigned", "Resigned during process", "Resigned before the hearing"]
};

interface Row {
  band: (typeof BANDS)[number];
  outcome: string;
  count: number;
}

const row = fc.record({
  band: fc.constantFrom(...BANDS),
  outcome: fc.constantFrom(...Object.keys(OUTCOMES)),
  count: fc.integer({min: 1, max: 6})
});

const reply = fc.record({
  rows: fc.uniqueArray(row, {minLength: 1, maxLength: 7, selector: (r) => `${r.band}|${r.outcome}`}),
  words: fc.array(fc.nat(), {minLength: 20, maxLength: 20}),
  layout: fc.constantFrom("tsv", "pipe", "spaces", "bullets", "csv", "ages down", "outcomes down", "case list"),
  numbering: fc.constantFrom("5.", "5)", "Q5", "Question 5:", "(v)"),
  answerFive: fc.constantFrom("none", "digits", "words", "sentence", "label"),
  totals: fc.constantFrom("none", "first", "last"),
  echo: fc.boolean()
});

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const numberWord = (n: number) => (n < WORDS.length ? WORDS[n] : String(n));

function write(p: {
  rows: Row[];
  words: number[];
  layout: string;
  numbering: string;
  answerFive: string;
  totals: string;
  echo: boolean;
}): string {
  let w = 0;
  const pick = <T>(xs: readonly T[]) => xs[p.words[w++ % p.words.length] % xs.length];
  const rows = p.rows.map((r) => ({...r, age: pick(AGE_WORDS[r.band]), said: pick(OUTCOMES[r.outcome])}));
  const total = rows.reduce((s, r) => s + r.count, 0);
  const heading = (n: number, roman: string) =>
    p.numbering === "(v)" ? `(${roman})` : p.numbering.replace("5", String(n));
  const out = ["MADE UP reply, written by a test.", "Dear requester,", ""];
  out.push(heading(5, "v"));
  if (p.echo) out.push("How many employees have been investigated for breaching the policy on social media use?");
  if (p.answerFive === "digits") out.push(String(total));
  else if (p.answerFive === "words") out.push(`${numberWord(total)[0].toUpperCase()}${numberWord(total).slice(1)}.`);
  else if (p.answerFive === "sentence") out.push(`In total ${total} employees were investigated.`);
  else if (p.answerFive === "label") out.push(`Number of employees: ${total}`);
  else out.push("Please see the table below.");
  out.push("", heading(8, "viii"));
  if (p.echo) out.push("For each investigation please provide the age of the employee in the following bands.");
  const ages = [...new Set(rows.map((r) => r.age))];
  const outs = [...new Set(rows.map((r) => r.said))];
  const cell = (age: string, said: string) => rows.find((r) => r.age === age && r.said === said)?.count ?? 0;
  const long = (sep: string, wrap = (cells: string[]) => cells.join(sep)) => {
    const body = rows.map((r) => wrap([r.age, r.said, String(r.count)]));
    const tot = wrap(["Total", "", String(total)]);
    return [
      wrap(["Age group", "Outcome", "Number of employees"]),
      ...(p.totals === "first" ? [tot] : []),
      ...body,
      ...(p.totals === "last" ? [tot] : [])
    ];
  };
  switch (p.layout) {
    case "tsv":
      out.push(...long("\t"));
      break;
    case "csv":
      out.push(...long(","));
      break;
    case "pipe":
      out.push(...long(" | ", (c) => `| ${c.join(" | ")} |`));
      break;
    case "spaces":
      out.push(...long("", (c) => c.map((x, i) => (i < 2 ? x.padEnd(i ? 30 : 14) : x)).join("")));
      break;
    case "bullets":
      out.push(...rows.map((r) => `• ${r.age} – ${r.said} – ${r.count}`));
      if (p.totals !== "none") out.push(`Total – ${total}`);
      break;
    case "ages down": {
      const tot = ["Total", ...outs.map((o) => String(ages.reduce((s, a) => s + cell(a, o), 0)))].join("\t");
      out.push(["Age band", ...outs].join("\t"));
      if (p.totals === "first") out.push(tot);
      for (const a of ages) out.push([a, ...outs.map((o) => String(cell(a, o) || "-"))].join("\t"));
      if (p.totals === "last") out.push(tot);
      break;
    }
    case "outcomes down": {
      const tot = ["Total", ...ages.map((a) => String(outs.reduce((s, o) => s + cell(a, o), 0)))].join("\t");
      out.push(["Outcome", ...ages].join("\t"));
      if (p.totals === "first") out.push(tot);
      for (const o of outs) out.push([o, ...ages.map((a) => (cell(a, o) ? String(cell(a, o)) : ""))].join("\t"));
      if (p.totals === "last") out.push(tot);
      break;
    }
    case "case list":
      out.push("Case\tAge\tOutcome");
      rows.forEach((r, i) => {
        for (let k = 0; k < r.count; k++) out.push(`C${100 + i * 10 + k}\t${r.age}\t${r.said}`);
      });
      if (p.totals !== "none") out.push(`Total cases: ${total}`);
      break;
  }
  out.push("", "You may re-use this information under the Open Government Licence.");
  return out.join("\n");
}

/** Employees by age band and outcome, as the reply means them and as the kit read them. */
const meant = (rows: Row[]) => rows.map((r) => `${r.band}|${r.outcome}|${r.count}`).sort();
function read(r: ParsedReply): string[] {
  const sums = new Map<string, number>();
  for (const x of r.records)
    sums.set(`${x.ageBand}|${x.outcome}`, (sums.get(`${x.ageBand}|${x.outcome}`) ?? 0) + (x.count ?? NaN));
  return [...sums].map(([k, n]) => `${k}|${n}`).sort();
}

test("replies drawn at random are read right, or their verdict or a warning says a person should look", () => {
  let right = 0;
  let flagged = 0;
  fc.assert(
    fc.property(reply, (p) => {
      const text = write(p);
      let parsed: ParsedReply;
      try {
        parsed = parseReplyText({file: "responses/made-up.txt", text, meta: null, mappings, questions});
      } catch (error) {
        // Unreadable is said out loud: the file is listed for a person, never published.
        assert.ok(error instanceof ReplyError, String(error));
        flagged++;
        return;
      }
      const ok = JSON.stringify(read(parsed)) === JSON.stringify(meant(p.rows));
      if (ok) right++;
      else {
        flagged++;
        assert.ok(
          parsed.verdict?.verdict !== "verified" || parsed.warnings.length > 0,
          `silently wrong (${parsed.verdict?.reason}):\n${text}\nread ${read(parsed).join("; ")}`
        );
      }
    }),
    {numRuns: 600, seed: 20161231}
  );
  // The generator writes what councils write: most of it must be read, not just flagged.
  assert.ok(right >= 540, `${right} of 600 read right, ${flagged} flagged`);
});
