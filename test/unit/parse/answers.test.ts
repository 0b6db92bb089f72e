// Answers found under any numbering, tied to the request's questions by their words, and answer 5 read for
// what it says. Every reply here is MADE UP in the test (test/fixtures/README.md).
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {test} from "node:test";
import fc from "fast-check";
import {extractFields, parseAnswers} from "../../../src/lib/parse/answers.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {answerFiveReading, refusalDetail} from "../../../src/lib/parse/reply-status.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {parseRequest} from "../../../src/lib/campaign/inputs.js";
import {splitLines} from "../../../src/lib/core/text.js";

const mappings = loadMappings();
const request = parseRequest(
  readFileSync(join(import.meta.dirname, "../../../data/campaign/request.json"), "utf8"),
  "data/campaign/request.json"
);
const QUESTIONS = request.questions;
const Q4 = "What was the date when the social media or wider e-communications policy was introduced?";
const Q5 = "How many employees have been investigated for breaching the policy on social media use?";
const Q5_FULL = QUESTIONS.find((q) => q.number === 5)!.text;

/** Reads a reply's answers with the request's questions, or (null) with numbers only. */
const read = (text: string, questions: typeof QUESTIONS | null = QUESTIONS) => {
  const lines = splitLines(text);
  const answers = parseAnswers(lines, questions ?? undefined);
  return {lines, answers, five: answerFiveReading(lines, answers), fields: extractFields(lines, answers)};
};
const parse = (text: string) => parseReplyText({file: "made-up.txt", text, meta: null, mappings});

/** Ways councils number answer 5, each with its question echoed after it (or on the next line). */
const NUMBERINGS: ((echo: string, dash: string) => string)[] = [
  (q) => `5. ${q}`,
  (q) => `5) ${q}`,
  (q, d) => `5 ${d} ${q}`,
  (q) => `Q5 ${q}`,
  (q) => `Q5. ${q}`,
  (q) => `Q.5 ${q}`,
  (q) => `Question 5: ${q}`,
  (q, d) => `Question 5 ${d} ${q}`,
  (q) => `(5) ${q}`,
  (q) => `5.\n${q}`,
  (q) => `5\n${q}`,
  (q) => `QUESTION 5:\n${q}`
];
/** What answer 5 says, and what it must be read as. */
const SAYS: {text: string; kind: string; count?: number}[] = [
  {text: "12", kind: "count", count: 12},
  {text: "Two (2)", kind: "count", count: 2},
  {text: "twelve", kind: "count", count: 12},
  {text: "12 employees", kind: "count", count: 12},
  {text: "There were 3 cases", kind: "count", count: 3},
  {text: "A total of 4 employees were investigated.", kind: "count", count: 4},
  {text: "0", kind: "nil", count: 0},
  {text: "None", kind: "nil", count: 0},
  {text: "None. No employees have been investigated.", kind: "nil", count: 0},
  {text: "Nil return", kind: "nil", count: 0},
  {text: "Nil", kind: "nil", count: 0},
  {text: "No employees have been investigated for breaching the policy.", kind: "nil", count: 0},
  {
    text: "We are refusing questions 5 to 9 under section 12: the cost would exceed the appropriate limit.",
    kind: "refused"
  },
  {text: "This information is exempt under section 40(2) of the Act.", kind: "refused"},
  {text: "Not held", kind: "not held"},
  {text: "We do not hold this information.", kind: "not held"}
];
const DASHES = ["-", "–", "—", "‐"];
const recase = (text: string, how: number) =>
  how === 0 ? text : how === 1 ? text.toUpperCase() : text.toLowerCase().replace(/^./, (c) => c.toUpperCase());

test("answer 5 is found and read the same under every numbering, dash, case and answer marker", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...NUMBERINGS),
      fc.constantFrom(...SAYS),
      fc.constantFrom(...DASHES),
      fc.integer({min: 0, max: 2}),
      fc.constantFrom("", "Response: ", "Answer: ", "A: "),
      fc.constantFrom(Q5, Q5_FULL),
      fc.boolean(),
      (numbering, says, dash, casing, mark, echo, withRequest) => {
        const head = numbering(`${echo}`, dash);
        const reply = [
          "MADE UP reply",
          head,
          `${mark}${recase(says.text, casing)}`,
          numbering === NUMBERINGS[3] ? "Q6 For each investigation please state the outcome?" : "6. Outcomes?",
          "See the table below."
        ].join("\n");
        const {answers, five, fields} = read(reply, withRequest ? QUESTIONS : null);
        assert.ok(answers[5], "answer 5 found");
        assert.equal(five.kind, says.kind, reply);
        assert.equal(five.count, says.count, reply);
        assert.equal(five.line, 3 + head.split("\n").length - 1, "the line of the answer, not of the echo");
        assert.equal(fields.investigated, says.count ?? null, "a refusal or 'not held' is no count, never 0");
        assert.ok(answers[6], "the next answer is found too");
      }
    ),
    {numRuns: 400}
  );
});

test("a nil return or refusal under answer 5 gives the reply its status, with or without the echo", () => {
  // Issue 16: written this way, 53 councils of a made-up campaign came out "unreadable".
  for (const head of ["5.", "5. ", `5. ${Q5}`, "Q5", "Question 5:"])
    for (const [says, status] of [
      ["None. No employees have been investigated.", "nil"],
      ["We are refusing questions 5 to 9 under section 12: the cost would exceed the appropriate limit.", "refused"],
      ["Nil return", "nil"],
      ["We do not hold this information.", "not held"]
    ]) {
      for (const text of [`MADE UP\n${head}\n${says}\n`, `MADE UP\n${head} ${says}\n`]) {
        const reply = parse(text);
        assert.equal(reply.status, status, JSON.stringify(text));
        if (status === "refused") assert.deepEqual(reply.refusal?.questions, [5, 6, 7, 8, 9]);
        if (status === "nil") assert.equal(reply.fields.investigated, 0);
        else assert.equal(reply.fields.investigated, null, "a refusal or 'not held' is never 0");
      }
    }
});

test("roman numerals, bundled and re-ordered answers, a number alone on its line", () => {
  const roman = read(
    `(i) Policy?\nYes\n(iv) ${Q4}\n1 May 2014\n(v) ${Q5}\n7\n(vi) Outcomes\n(i) dismissed\n(ii) warning\n`
  );
  assert.deepEqual(
    Object.keys(roman.answers),
    ["1", "4", "5", "6"],
    "sub-items (i), (ii) inside answer 6 are not answers"
  );
  assert.equal(roman.five.count, 7);
  assert.equal(read(`i. Policy?\nYes\nv. ${Q5}\n7\n`).five.count, 7);

  for (const head of ["Q5 & Q8", "Q5 and Q8", "Questions 5 and 8:", "Questions 5 & 8 -", "5 & 8."]) {
    const {answers} = read(`${head} ${Q5}\nNone.\n`);
    assert.deepEqual(Object.keys(answers), ["5", "8"], head);
    assert.equal(answers[5].text, "None.");
    assert.equal(answers[8].text, "None.", "the same text answers both");
  }
  assert.deepEqual(Object.keys(read("Questions 5 to 9: refused under section 12.\n").answers), [
    "5",
    "6",
    "7",
    "8",
    "9"
  ]);

  const reordered = read(`1. Policy?\nYes\n5. ${Q5}\n9\n4. ${Q4}\n1 May 2014\n6. Outcome?\nSee the table`);
  assert.deepEqual(Object.keys(reordered.answers), ["1", "4", "5", "6"]);
  assert.equal(reordered.fields.policyIntroduced, "2014-05-01");
  assert.equal(reordered.five.count, 9);

  const alone = read(`4\n${Q4}\n1 May 2014\n5\n${Q5}\n9\n`);
  assert.deepEqual([alone.fields.policyIntroduced, alone.five.count], ["2014-05-01", 9]);
  // A count alone on its line is no heading: "12" followed by the next numbered question.
  assert.deepEqual(Object.keys(read(`5. ${Q5}\n12\n6. Outcomes?\nSee below`, null).answers), ["5", "6"]);
});

test("a stray number inside an answer is no heading; a Q or Question prefix always is", () => {
  const stray = read("5. How many?\n3\n9. What percentage?\n3%\n2. of which were dismissed\n", null);
  assert.deepEqual(Object.keys(stray.answers), ["5", "9"]);
  assert.match(stray.answers[9].text, /2\. of which/);
  const prefixed = read("9. What percentage?\n3%\nQ5 How many employees?\n4\n", null);
  assert.deepEqual(Object.keys(prefixed.answers), ["5", "9"]);
  assert.equal(prefixed.five.count, 4);
  // "Question 5 was answered above" talks about a question; "Q1 2015" is a quarter.
  assert.deepEqual(Object.keys(read(`5. ${Q5}\n6\nQuestion 5 was answered above.\n`).answers), ["5"]);
  assert.deepEqual(Object.keys(read("Q1 2015\t3\nQ2 2015\t4\n").answers), []);
});

test("answers are tied to the request's questions by their words when the numbering is the reply's own", () => {
  const own = read(
    `1. ${Q5}\n8\n2. For each investigation please state whether the allegation was proven and what the disciplinary outcome was?\nSee the table\n3.\nFacebook\n`
  );
  assert.deepEqual(
    Object.keys(own.answers),
    ["5", "6", "7"],
    "1 echoes question 5, 2 question 6; 3 (no echo) shifts with them"
  );
  assert.equal(own.answers[7].text, "Facebook");
  assert.equal(own.five.count, 8);
  assert.deepEqual(Object.keys(read(`1. ${Q5}\n8\n`, null).answers), ["1"], "without the request, numbers only");
  // A reply that numbers nothing: the echoed question is the heading.
  const unnumbered = read(`Dear requester,\n${Q5}\n4\n`);
  assert.equal(unnumbered.five.count, 4);
  // An echo matching its own number is kept, even beside one that moves.
  assert.deepEqual(Object.keys(read(`4. ${Q4}\n1 May 2014\n5. ${Q5}\n3\n`).answers), ["4", "5"]);
});

test("the answer, not the question, is read when the echo is left out or marked", () => {
  for (const text of [
    `5.\nNone. No employees have been investigated.\n`,
    `5. None.\n`,
    `5. ${Q5} None.\n`,
    `5.\n${Q5}\nResponse: None\n`,
    `5. ${Q5}\nNB If the authority does not maintain central records then that data can be excluded.\nNone\n`
  ]) {
    const {five, answers} = read(text);
    assert.equal(five.kind, "nil", text);
    assert.doesNotMatch(answers[5].question, /^None/, text);
  }
  const marked = read(`Question 5\n${Q5}\n\nthe full request text goes on here\nAnswer: 6\n`);
  assert.equal(marked.five.count, 6);
  assert.match(marked.answers[5].question, /goes on here$/, "everything before 'Answer:' is the echo");
});

test("answer 5's readings: words for numbers, a count written twice that disagrees, and withheld counts", () => {
  assert.deepEqual(read(`5. ${Q5}\nTwenty-one\n`).five, {kind: "count", count: 21, line: 2});
  assert.equal(read(`5. ${Q5}\nTwo (3)\n`).five.kind, null, "two things said: neither is read");
  assert.equal(read(`5. ${Q5}\nNot applicable\n`).five.kind, null);
  assert.equal(
    read(`5. ${Q5}\nNone of the 12 employees was dismissed.\n`).five.kind,
    null,
    "'none of' is no nil return"
  );
  assert.deepEqual(read("6. Outcomes?\nNone\n").five, {kind: null, line: null}, "no answer 5");
  // A number kept back is neither 0 nor the 5 it names.
  for (const said of ["Fewer than five employees have been investigated.", "Less than 5", "<5", "Under 5 (withheld)"])
    assert.deepEqual(read(`5. ${Q5}\n${said}\n`).five, {kind: "withheld", line: 2, bounds: [1, 4]}, said);
  assert.deepEqual(read(`5. ${Q5}\n*\n`).five, {kind: "withheld", line: 2, bounds: null});
  assert.deepEqual(read(`5. ${Q5}\nThe total number of employees investigated was 4.\n`).five, {
    kind: "count",
    count: 4,
    line: 2
  });
});

test("a number withheld in answer 5 makes the reply refused, never a count of 0 or of 5", () => {
  for (const rest of ["", "8. Withheld under section 40(2): the numbers are small enough to identify people.\n"]) {
    const reply = parseReplyText({
      file: "responses/made-up.txt",
      text: `MADE UP\n1. Yes\n5. Fewer than five employees have been investigated.\n${rest}`,
      meta: null,
      mappings: loadMappings()
    });
    assert.equal(reply.status, "refused");
    assert.equal(reply.fields.investigated, null);
    assert.equal(reply.records.length, 0);
    assert.equal(reply.verdict?.verdict, "verified", reply.verdict?.reason);
    assert.match(reply.statusDetail ?? "", /withheld \(1 to 4, line 3\)/);
  }
});

test("Scottish refusals cite FOISA 2002, whose sections mean other things", () => {
  const scottish = parse(
    `Freedom of Information (Scotland) Act 2002\n5. ${Q5}\nThis information is withheld under section 38(1)(b) of the Freedom of Information (Scotland) Act 2002.\n`
  );
  assert.equal(scottish.status, "refused");
  assert.equal(scottish.refusal?.act, "FOISA 2002");
  assert.deepEqual(scottish.refusal?.sections, [38]);
  assert.equal(scottish.nilReason, "FOISA section 38");
  assert.equal(
    scottish.statusDetail,
    "question 5 refused under section 38 of the Freedom of Information (Scotland) Act 2002 (personal information of identifiable employees)"
  );
  const short = read(`5. ${Q5}\nWithheld: s.38(1)(b) FOISA.\n`).five;
  assert.deepEqual([short.kind, short.refusal?.sections, short.refusal?.act], ["refused", [38], "FOISA 2002"]);
  // The FOI Act's section 38 is health and safety; its refusals carry no act (the FOI Act 2000).
  const english = parse(
    `MADE UP\n5. ${Q5}\nWe are refusing this under section 38 of the Act, as disclosure would endanger staff.\n`
  );
  assert.equal(english.refusal?.act, undefined);
  assert.match(english.statusDetail!, /section 38 of the FOI Act \(health and safety\)/);
  assert.equal(
    refusalDetail({sections: [], questions: [], line: 1, text: "", act: "FOISA 2002"}),
    "refused (the reply cites no section of the Freedom of Information (Scotland) Act 2002)"
  );
  // Personal data named with no section: the Act's own section for it.
  assert.deepEqual(
    parse("Freedom of Information (Scotland) Act 2002\nWe withhold the ages as they are personal data.\n").refusal
      ?.sections,
    [38]
  );
});

test("the shipped reply reads the same with and without the request's questions", () => {
  const text = readFileSync(
    join(import.meta.dirname, "../../../data/responses/leicester-city-council-2016.txt"),
    "utf8"
  );
  const lines = splitLines(text);
  assert.deepEqual(parseAnswers(lines, QUESTIONS), parseAnswers(lines));
  assert.equal(answerFiveReading(lines, parseAnswers(lines)).count, 31);
});

test("answer 5 read from a label and its count, a verb of counting, or a sentence naming who was investigated", () => {
  const said = (text: string) => {
    const lines = ["5. How many employees have been investigated?", text, "6. Outcomes", "see below"];
    const r = answerFiveReading(lines, parseAnswers(lines));
    return [r.kind, r.count ?? null];
  };
  assert.deepEqual(said("Number of employees: 3"), ["count", 3]);
  assert.deepEqual(said("Total – 7"), ["count", 7]);
  assert.deepEqual(said("We have identified four cases."), ["count", 4]);
  assert.deepEqual(said("Between 1 July 2013 and 31 December 2015, 6 employees were investigated."), ["count", 6]);
  assert.deepEqual(said("See the table below: 2014 - 3"), [null, null]);
});

test("a question that wraps onto a second line, its answer after the question mark there, is read", () => {
  for (const answer of ["4", "Four employees.", "4 employees were investigated in total."]) {
    const lines =
      `MADE UP\n5. How many employees have been investigated for\nbreaching the policy up to 31 December 2015? ${answer}\n6. Outcomes? See below.\n`.split(
        "\n"
      );
    const answers = parseAnswers(lines);
    assert.match(answers[5].question, /2015\?$/, answer);
    assert.equal(extractFields(lines, answers).investigated, 4, answer);
  }
});
