// A person's verdict at the review desk (src/review/desk.ts through its routes), against real files
// in a temporary data folder of MADE-UP replies: a reading marked checked, a status set on a reply
// whose records were dropped, a status refused while records remain (the kit's message), and a
// letter the kit could not read given "not held": corrections written, not a transcription, and
// the queue shows the verdict a build would publish.
import assert from "node:assert/strict";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import {startReviewServer, type DeskServer} from "../../../src/review/server.js";
import type {EditRow, Evaluation, ReplyView} from "../../../src/review/desk.js";
import type {QualityReply} from "../../../src/lib/campaign/quality.js";
import {deskClient} from "../../../tools/desk-client.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "foi-review-verdict-"));
const data = join(dir, "data");
const responses = join(data, "responses");
let server: DeskServer;

const HEADER = "Age group\tOutcome\tNo. of employees";
/** MADE UP: a case list with no total and no answer 5: nothing to check it against, so unverified. */
const CASE_LIST = `8. Ages\n${HEADER}\n25-34\tdismissal\t1\n35-44\tno case to answer\t1\n`;
/** MADE UP: answer 5 says 3, the rows add to 2: conflicting; its two records stand in the way of a status. */
const CONFLICTING = `5. How many employees have been investigated?\n3\n\n8. Ages\n${HEADER}\n25-34\tdismissal\t1\n35-44\tno case to answer\t1\n`;
/** MADE UP: a one-paragraph letter with no figures and no status the kit can find: unreadable. */
const LETTER =
  "Dear requester,\n\nYour request about staff and social media was passed to Human Resources, who looked into it and wrote back to us.\n";

before(async () => {
  cpSync(join(ROOT, "data/mappings"), join(data, "mappings"), {recursive: true});
  mkdirSync(responses);
  writeFileSync(join(responses, "made-up-case-list.txt"), CASE_LIST);
  writeFileSync(join(responses, "made-up-conflicting.txt"), CONFLICTING);
  writeFileSync(join(responses, "made-up-letter.txt"), LETTER);
  server = await startReviewServer({dataDir: data, cacheDir: join(dir, "cache")});
});
after(async () => {
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

const {call, open} = deskClient(() => server.url);
const draft = async (file: string, rows: EditRow[]) => (await call<Evaluation>("/api/draft", {file, rows})).json;
const save = async (file: string, rows: EditRow[]) =>
  call<ReplyView>("/api/save", {file, rows, reviewer: "Jo Reviewer", hash: (await open(file)).hash});
const queued = async (file: string) =>
  (await call<{replies: QualityReply[]}>("/api/queue")).json.replies.find((r) => r.file === file);
const STAMP = /\(reviewed by Jo Reviewer, \d{4}-\d\d-\d\dT\d\d:\d\dZ\)/;

test("a reading marked checked is verified by a person, saved as one corrections row, and read back", async () => {
  const file = "responses/made-up-case-list.txt";
  assert.equal((await queued(file))?.verdict, "unverified", "a case list with no total cannot be checked by the kit");
  const view = await open(file);
  assert.equal(view.kind, "corrections");
  assert.equal(view.verdictFile, "responses/made-up-case-list.corrections.csv");
  assert.deepEqual(view.statuses, ["nil", "refused", "not held"]);

  const row: EditRow = {action: "checked", reason: "compared both rows with the letter", changed: true};
  const evaluation = await draft(file, [row]);
  assert.ok(evaluation.ok, evaluation.ok ? "" : evaluation.error);
  assert.equal(evaluation.reading.verdict.verdict, "verified");
  assert.match(evaluation.reading.verdict.reason, /^a person checked the reading \(.* line 2\): compared both rows/);
  const noReason = await draft(file, [{...row, reason: ""}]);
  assert.ok(!noReason.ok && /^row 1: every correction needs a reason/.test(noReason.error));

  const {status, json} = await save(file, [row]);
  assert.equal(status, 200, json.error);
  assert.equal(json.current?.verdict.verdict, "verified");
  const csv = readFileSync(join(responses, "made-up-case-list.corrections.csv"), "utf8");
  const lines = csv.split("\n");
  assert.equal(lines[0], "line,ageRaw,outcomeRaw,action,ageBand,outcome,count,countLower,countUpper,reason");
  assert.match(lines[1], /^,,,checked,,,,,,"compared both rows with the letter \(reviewed by Jo Reviewer, /);
  assert.equal(lines.length, 3, "one row and the final line break");
  assert.equal((await queued(file))?.verdict, "verified", "the queue no longer lists it as unverified");

  // Reopened: the row comes back as a verdict, tied to no record, and removing it removes the file.
  const again = await open(file);
  assert.equal(again.rows.length, 1);
  assert.equal(again.rows[0].action, "checked");
  assert.equal(again.rows[0].record, undefined);
  assert.match(again.rows[0].reason ?? "", STAMP);
  assert.equal((await save(file, [])).status, 200);
  assert.ok(!existsSync(join(responses, "made-up-case-list.corrections.csv")));
  assert.equal((await queued(file))?.verdict, "unverified");
});

test("a status on a reply with records is refused with the kit's message; dropped first, it is set", async () => {
  const file = "responses/made-up-conflicting.txt";
  const status: EditRow = {action: "status", status: "nil", reason: "the covering letter says none", changed: true};
  const refused = await draft(file, [status]);
  assert.ok(!refused.ok);
  assert.equal(refused.row, 0);
  assert.match(refused.error, /^row 1: status "nil" is for a reply with no records, and 2 remain: drop them first/);
  const notSaved = await save(file, [status]);
  assert.equal(notSaved.status, 400);
  assert.match(notSaved.json.error ?? "", /not saved: row 1: status "nil" is for a reply with no records/);
  assert.ok(!existsSync(join(responses, "made-up-conflicting.corrections.csv")), "nothing was written");

  const view = await open(file);
  const drops: EditRow[] = (view.base?.records ?? []).map((r, i) => ({
    record: i,
    line: String(r.line),
    ageRaw: r.ageRaw,
    outcomeRaw: r.outcomeRaw,
    action: "drop",
    reason: "a table of another year",
    changed: true
  }));
  const {status: code, json} = await save(file, [...drops, status]);
  assert.equal(code, 200, json.error);
  assert.equal(json.current?.status, "nil");
  assert.equal(json.current?.verdict.verdict, "verified");
  assert.match(json.current?.statusDetail ?? "", /^set by a person \(.* line 4\): the covering letter says none/);
  const csv = readFileSync(join(responses, "made-up-conflicting.corrections.csv"), "utf8").split("\n");
  assert.equal(csv[0], "line,ageRaw,outcomeRaw,action,ageBand,outcome,count,countLower,countUpper,reason,status");
  assert.match(csv[3], /^,,,status,,,,,,"the covering letter says none \(reviewed by Jo Reviewer, .*\)",nil$/);
  const again = await open(file);
  assert.deepEqual(
    again.rows.map((r) => [r.action, r.record, r.status]),
    [
      ["drop", 0, undefined],
      ["drop", 1, undefined],
      ["status", undefined, "nil"]
    ]
  );
  const q = await queued(file);
  assert.deepEqual([q?.verdict, q?.status], ["verified", "nil return"]);
});

test("a letter the kit could not read, given 'not held', is saved as corrections (no transcription) and verified", async () => {
  const file = "responses/made-up-letter.txt";
  assert.equal((await queued(file))?.verdict, "unreadable");
  const view = await open(file);
  assert.equal(view.kind, "transcription", "a transcription is still the way to give it records");
  assert.equal(view.verdictFile, "responses/made-up-letter.corrections.csv");
  assert.match(view.baseError ?? "", /no table of age group/);

  const status: EditRow = {action: "status", status: "not held", reason: "HR keeps no such record", changed: true};
  // Rows of a transcription beside the status cannot go in one file: said, with the row.
  const mixed = await draft(file, [{ageRaw: "25-34", outcome: "dismissal", count: "1", reason: "x"}, status]);
  assert.ok(!mixed.ok);
  assert.match(mixed.error, /^row 1: the kit could not read this letter, so it has no records to correct/);
  const evaluation = await draft(file, [status]);
  assert.ok(evaluation.ok, evaluation.ok ? "" : evaluation.error);
  assert.equal(evaluation.reading.status, "not held");
  assert.equal(evaluation.reading.records.length, 0);

  const {status: code, json} = await save(file, [status]);
  assert.equal(code, 200, json.error);
  assert.ok(!existsSync(join(responses, "made-up-letter.transcribed.csv")), "no transcription written");
  const csv = readFileSync(join(responses, "made-up-letter.corrections.csv"), "utf8");
  assert.match(csv, /\n,,,status,,,,,,"HR keeps no such record \(reviewed by Jo Reviewer, [^"]*\)",not held\n$/);
  assert.equal(json.kind, "corrections");
  assert.equal(json.humanFile, "responses/made-up-letter.corrections.csv");
  assert.equal(json.current?.verdict.verdict, "verified");
  assert.match(json.current?.verdict.reason ?? "", /a person set the status to not held/);
  const q = await queued(file);
  assert.deepEqual([q?.verdict, q?.status], ["verified", "information not held"]);
  assert.equal(readFileSync(join(responses, "made-up-letter.txt"), "utf8"), LETTER, "the reply is never written");

  // The status removed, the letter is unreadable again, to be transcribed.
  const reopened = await open(file);
  assert.deepEqual(
    reopened.rows.map((r) => [r.action, r.status]),
    [["status", "not held"]]
  );
  const removed = await save(file, []);
  assert.equal(removed.status, 200, removed.json.error);
  assert.ok(!existsSync(join(responses, "made-up-letter.corrections.csv")));
  assert.equal(removed.json.kind, "transcription");
  assert.equal((await queued(file))?.verdict, "unreadable");
});

test("a verdict beside a transcription is refused: the transcription's checks decide", async () => {
  const file = "responses/made-up-letter.txt";
  const rows: EditRow[] = [{ageRaw: "25-34", outcome: "dismissal", count: "1", line: "3", reason: "from the letter"}];
  assert.equal((await save(file, rows)).status, 200);
  const view = await open(file);
  assert.equal(view.verdictFile, null);
  const refused = await draft(file, [...rows, {action: "checked", reason: "looks right"}]);
  assert.ok(!refused.ok);
  assert.match(
    refused.error,
    /^row 2: a person's verdict is a row of the corrections file, and this reply is transcribed/
  );
});

test("a letter set as refused under the sections it cites: the sections are saved, read back, and give the reason", async () => {
  writeFileSync(join(responses, "made-up-refusing.txt"), LETTER);
  const file = "responses/made-up-refusing.txt";
  const rows: EditRow[] = [
    {
      action: "status",
      status: "refused",
      sections: "40(2); 38",
      reason: "the covering e-mail cites them",
      changed: true
    }
  ];
  const {status, json} = await save(file, rows);
  assert.equal(status, 200, json.error);
  assert.equal(json.current?.status, "refused");
  assert.match(json.current?.statusDetail ?? "", /refused under sections? 38 and 40/);
  const csv = readFileSync(join(responses, "made-up-refusing.corrections.csv"), "utf8");
  assert.match(
    csv,
    /^line,ageRaw,outcomeRaw,action,ageBand,outcome,count,countLower,countUpper,reason,status,sections\n/
  );
  assert.match(csv, /,refused,40\(2\); 38\n$/);
  assert.equal((await open(file)).rows.find((r) => r.action === "status")?.sections, "40(2); 38");
  const bad = await draft(file, [{...rows[0], sections: "forty"}]);
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : "", /"forty" is not a section of the Act/);
  assert.equal((await save(file, [])).status, 200, "the status removed again");
});
