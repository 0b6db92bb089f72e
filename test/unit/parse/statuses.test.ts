// Statuses that keep their meanings apart: "nil" is a count of 0; "refused" and "not held" are no count at all;
// "partial" has records and a refusal. Every reply here is MADE UP (test/fixtures/README.md).
import assert from "node:assert/strict";
import {join} from "node:path";
import {test} from "node:test";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";
import {questionsNamed, sectionsCited} from "../../../src/lib/parse/reply-status.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/replies");
const mappings = loadMappings();
const parse = (text: string) => parseReplyText({file: "made-up.txt", text, meta: null, mappings});
const shape = (text: string) => {
  const r = parse(text);
  return {
    status: r.status,
    nilReason: r.nilReason,
    sections: r.refusal?.sections,
    questions: r.refusal?.questions,
    records: r.records.length
  };
};

test("a nil return, in answer 5 or in a sentence, is a count of 0", () => {
  assert.deepEqual(shape("5. How many employees have been investigated?\nNone.\n"), {
    status: "nil",
    nilReason: "none investigated",
    sections: undefined,
    questions: undefined,
    records: 0
  });
  const prose = parse(
    "MADE UP\nThank you for your request of 3 March 2016.\nNo employees have been investigated for breaching the policy since it was introduced in 2013.\n"
  );
  assert.equal(prose.status, "nil");
  assert.equal(prose.fields.investigated, 0, "the sentence is the number investigated");
  assert.equal(prose.fields.investigatedLine, 3);
  assert.match(prose.statusDetail!, /no employee was investigated \(line 3\)/);
  assert.equal(shape("MADE UP\nThere have been no investigations under the policy.\n").status, "nil");
});

test("a refusal gives its sections and questions, no records and never a zero", () => {
  const reply = parse(
    "MADE UP\nWe are refusing questions 5 to 9 under section 12, as the cost of compliance would exceed the appropriate limit.\n"
  );
  assert.equal(reply.status, "refused");
  assert.deepEqual(reply.refusal, {
    sections: [12],
    questions: [5, 6, 7, 8, 9],
    line: 2,
    text: "We are refusing questions 5 to 9 under section 12, as the cost of compliance would exceed the appropriate limit."
  });
  assert.equal(reply.nilReason, "section 12");
  assert.equal(
    reply.statusDetail,
    "questions 5 to 9 refused under section 12 of the FOI Act (the cost of finding the information exceeds the limit)"
  );
  assert.deepEqual(reply.records, []);
  assert.equal(reply.fields.investigated, null, "a refusal is no count, not 0");
  assert.ok(reply.checks.every((c) => c.status === "not available"));
  assert.deepEqual(
    shape("MADE UP\n5. How many?\nThis information is exempt under sections 40(2) and 43(2) of the Act.\n"),
    {status: "refused", nilReason: "section 40", sections: [40, 43], questions: [5], records: 0}
  );
  assert.deepEqual(shape("MADE UP\nWe consider the request vexatious.\n"), {
    status: "refused",
    nilReason: "section 14",
    sections: [14],
    questions: [],
    records: 0
  });
  assert.deepEqual(shape("MADE UP\nWe decline to provide the ages.\n"), {
    status: "refused",
    nilReason: "withheld",
    sections: [],
    questions: [],
    records: 0
  });
  assert.deepEqual(shape("MADE UP\nWe withhold the ages and outcomes as they are personal data.\n").sections, [40]);
});

test("numbers in the sentences of a reply refusing the whole request are not figures", () => {
  const reply = parse(
    "MADE UP\nIt would take one member of staff 20 hours to review the files of 45 employees aged over 55 who were dismissed, so we refuse the request under section 12.\n"
  );
  assert.deepEqual([reply.status, reply.records, reply.margins], ["refused", [], undefined]);
  assert.match(
    reply.warnings[0].message,
    /sentences with numbers were not read as figures: the reply refuses the request under section 12 \(line 2\)/
  );
});

test("'not held' is its own status; a refusal for cost beside it is still a refusal", async () => {
  const held = await readReply(join(FIXTURES, "nil-not-held.txt"), mappings, {shownAs: "nil-not-held.txt"});
  assert.deepEqual([held.status, held.nilReason, held.refusal, held.records], ["not held", "not held", undefined, []]);
  assert.equal(shape("MADE UP\nWe do not record the outcome of investigations by cause.\n").status, "not held");
  assert.equal(
    shape(
      "MADE UP\nTo find out whether the information is held would exceed the appropriate limit (section 12). It is not held centrally.\n"
    ).status,
    "refused"
  );
});

test("records and a refusal of other questions make a partial reply, with both kept", async () => {
  const reply = await readReply(join(FIXTURES, "refused-partial.txt"), mappings, {shownAs: "refused-partial.txt"});
  assert.equal(reply.status, "partial");
  assert.equal(reply.records.length, 2);
  assert.deepEqual(reply.refusal, {
    sections: [31, 40],
    questions: [7],
    line: 5,
    text: "We are refusing question 7 under section 40(2) and section 31, as disclosure would prejudice investigations."
  });
  assert.equal(
    reply.statusDetail,
    "records read; question 7 refused under sections 31 and 40 of the FOI Act (law enforcement; personal data of identifiable employees) (line 5)"
  );
  assert.equal(reply.checks.find((c) => c.name === "rows = answer 5")?.status, "pass");
});

test("with records, notes on withheld cells, appeal boilerplate and the request's own words are no refusal", () => {
  const table = "Age,Outcome,Number\n16-24,Dismissal,<5\n";
  for (const line of [
    "* Numbers fewer than 5 are withheld under section 40(2).",
    "Where numbers are small they have been withheld under section 40 to protect the employees.",
    "If you are unhappy with this response or wish to complain, you may ask for an internal review.",
    "We have considered section 40 of the Act."
  ]) {
    assert.equal(parse(`MADE UP\n${table}${line}\n`).status, "ok", line);
  }
  const echoed =
    "5. How many employees? If you refuse any part under section 12, please say which.\n3\n8. Ages and outcomes\n" +
    table;
  assert.equal(parse(echoed).status, "ok", "the question's words are the requester's, not a refusal");
  assert.equal(
    parse(`MADE UP\n${table}We are withholding the nature of the allegations under section 40(2).\n`).status,
    "partial"
  );
});

test("sections and questions are read as written", () => {
  assert.deepEqual(
    sectionsCited("s.12; s 14; section 40(2)(a) and 43; sections 21, 22 and 31(1)(g); section 5 of your letter"),
    [12, 14, 40, 43, 21, 22, 31]
  );
  assert.deepEqual(sectionsCited("section 1 applies"), []);
  assert.deepEqual(questionsNamed("questions 6, 7 and 8"), [6, 7, 8]);
  assert.deepEqual(questionsNamed("Q7"), [7]);
  assert.deepEqual(questionsNamed("questions 5-9"), [5, 6, 7, 8, 9]);
});
