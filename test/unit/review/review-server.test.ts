// The review desk's routes (src/review/server.ts) against real files in a temporary data folder
// of MADE-UP replies: the queue, a reply's screen, a draft checked as typed, a save that changes
// the verdict, a save refused because the file changed on disk, bad input refused, teaching a label.
import assert from "node:assert/strict";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import {startReviewServer, type DeskServer} from "../../../src/review/server.js";
import type {Evaluation, ReplyView} from "../../../src/review/desk.js";
import type {QualityReply} from "../../../src/lib/campaign/quality.js";
import {deskClient} from "../../../tools/desk-client.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "foi-review-"));
const data = join(dir, "data");
let server: DeskServer;

const HEADER = "Age group\tOutcome\tNo. of employees";
/** MADE UP: a reply whose table adds to 2 where answer 5 says 3 (a misread row, as far as the desk knows). */
const CONFLICTING = `5. How many employees have been investigated?\n3\n\n8. Ages\n${HEADER}\n25-34\tdismissal\t1\n35-44\tno case to answer\t1\n`;
/** MADE UP: a reply with no table the kit can find: a person transcribes it. */
const NO_TABLE = "5. How many employees have been investigated?\n2\n\n8. Ages: see the attached scan.\n";
/** MADE UP: a reply with an outcome label the mappings do not know. */
const UNMAPPED = `5. How many employees have been investigated?\n2\n\n8. Ages\n${HEADER}\n25-34\tFormal reprimand\t1\n35-44\tno case to answer\t1\n`;

before(async () => {
  cpSync(join(ROOT, "data/mappings"), join(data, "mappings"), {recursive: true});
  mkdirSync(join(data, "responses"));
  writeFileSync(join(data, "responses/made-up-conflicting.txt"), CONFLICTING);
  writeFileSync(join(data, "responses/made-up-no-table.txt"), NO_TABLE);
  writeFileSync(join(data, "responses/made-up-unmapped.txt"), UNMAPPED);
  server = await startReviewServer({dataDir: data, cacheDir: join(dir, "cache")});
});
after(async () => {
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

const {call, open} = deskClient(() => server.url);

test("the server listens on 127.0.0.1 and serves the page", async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const html = await (await fetch(server.url)).text();
  assert.match(html, /<script type="module" src="\/review\.js">/);
  const js = await fetch(new URL("/review.js", server.url));
  assert.equal(js.status, 200);
  assert.match(await js.text(), /api\/queue/);
});

test("the queue lists every reply, those needing a person first", async () => {
  const {json} = await call<{replies: QualityReply[]}>("/api/queue");
  assert.deepEqual(
    json.replies.map((r) => [r.file, r.verdict]),
    [
      ["responses/made-up-no-table.txt", "unreadable"],
      ["responses/made-up-conflicting.txt", "conflicting"],
      ["responses/made-up-unmapped.txt", "verified"]
    ]
  );
  assert.equal(json.replies[2].warnings, 1, "the unmapped label is a warning");
});

test("a reply's screen has its text by line, the kit's records with their lines, and the choices", async () => {
  const view = await open("responses/made-up-conflicting.txt");
  assert.equal(view.kind, "corrections");
  assert.equal(view.hash, "absent");
  assert.equal(view.lines?.[5], "25-34\tdismissal\t1");
  assert.deepEqual(
    view.base?.records.map((r) => [r.line, r.ageBand, r.outcome, r.count]),
    [
      [6, "25-34", "dismissal", 1],
      [7, "35-44", "no case to answer", 1]
    ]
  );
  assert.equal(view.current?.verdict.verdict, "conflicting");
  assert.ok(view.bands.includes("55+") || view.bands.some((b) => /55/.test(b)));
  assert.ok(view.outcomes.includes("final written warning"));
  const unreadable = await open("responses/made-up-no-table.txt");
  assert.equal(unreadable.kind, "transcription");
  assert.equal(unreadable.humanFile, "responses/made-up-no-table.transcribed.csv");
  assert.match(unreadable.baseError ?? "", /no table of age group/);
});

test("a post that is not JSON, or from another origin, is refused", async () => {
  const url = new URL("/api/teach", server.url);
  const body = JSON.stringify({kind: "outcome", label: "Sacked", target: "dismissal", reviewer: ""});
  const plain = await fetch(url, {method: "POST", headers: {"content-type": "text/plain"}, body});
  assert.equal(plain.status, 415);
  const foreign = await fetch(url, {
    method: "POST",
    headers: {"content-type": "application/json", origin: "http://evil.example"},
    body
  });
  assert.equal(foreign.status, 403);
  assert.doesNotMatch(readFileSync(join(data, "mappings/outcomes.csv"), "utf8"), /Sacked/);
  // Not JSON, or too large: one line each, no stack trace.
  const broken = await fetch(url, {method: "POST", headers: {"content-type": "application/json"}, body: "{"});
  assert.equal(broken.status, 400);
  assert.deepEqual(await broken.json(), {error: "the request is not JSON"});
  const huge = await fetch(url, {
    method: "POST",
    headers: {"content-type": "application/json"},
    body: JSON.stringify({label: "x".repeat(3 * 1024 * 1024)})
  });
  assert.equal(huge.status, 413);
  assert.deepEqual(await huge.json(), {error: "the request is too large"});
  const nowhere = await fetch(new URL("/api/nothing", server.url));
  assert.equal(nowhere.status, 404);
  assert.deepEqual(await nowhere.json(), {error: "no such page: GET /api/nothing"});
});

test("a file outside the folder's replies is refused", async () => {
  const {status, json} = await call("/api/reply?file=../../etc/passwd");
  assert.equal(status, 404);
  assert.match(json.error ?? "", /is not a reply/);
  assert.equal((await call("/api/reply?file=responses/made-up-conflicting.meta.json")).status, 404);
});

test("a draft is checked as typed: a right count verifies the reply; bad values are named and not saved", async () => {
  const file = "responses/made-up-conflicting.txt";
  const row = {record: 1, line: "7", ageRaw: "35-44", outcomeRaw: "no case to answer", reason: "letter of 4 May"};
  const good = (await call<Evaluation>("/api/draft", {file, rows: [{...row, count: "2"}]})).json;
  assert.ok(good.ok && good.reading.verdict.verdict === "verified");
  for (const [count, message] of [
    ["abc", /row 1: count "abc" is not a whole number/],
    ["-1", /row 1: count "-1" is not a whole number/]
  ] as const) {
    const bad = (await call<Evaluation>("/api/draft", {file, rows: [{...row, count}]})).json;
    assert.ok(!bad.ok);
    assert.match(bad.error, message);
    const view = await open(file);
    const saved = await call("/api/save", {file, rows: [{...row, count}], reviewer: "Jo", hash: view.hash});
    assert.equal(saved.status, 400);
    assert.match(saved.json.error ?? "", message);
  }
  const noReason = (await call<Evaluation>("/api/draft", {file, rows: [{...row, reason: "", count: "2"}]})).json;
  assert.ok(!noReason.ok && /needs a reason/.test(noReason.error));
  assert.ok(!existsSync(join(data, "responses/made-up-conflicting.corrections.csv")), "nothing was written");
  assert.equal((await call("/api/draft", {file, rows: "x"})).status, 400);
  assert.equal((await call("/api/save", {file, rows: [], hash: "absent"})).status, 400, "no reviewer");
});

test("a save writes the corrections file with the reviewer and time, never the reply, and the verdict changes", async () => {
  const file = "responses/made-up-conflicting.txt";
  const view = await open(file);
  const rows = [
    {record: 1, line: "7", ageRaw: "35-44", outcomeRaw: "no case to answer", count: "2", reason: "letter of 4 May"}
  ];
  const {status, json} = await call<ReplyView>("/api/save", {
    file,
    rows: rows.map((r) => ({...r, changed: true})),
    reviewer: "Jo Reviewer",
    hash: view.hash
  });
  assert.equal(status, 200, json.error);
  assert.equal(json.current?.verdict.verdict, "verified");
  assert.notEqual(json.hash, "absent");
  const csv = readFileSync(join(data, "responses/made-up-conflicting.corrections.csv"), "utf8");
  assert.match(csv, /^line,ageRaw,outcomeRaw,action,ageBand,outcome,count,countLower,countUpper,reason\n/);
  assert.match(
    csv,
    /\n7,35-44,no case to answer,,,,2,,,"letter of 4 May \(reviewed by Jo Reviewer, \d{4}-\d\d-\d\dT\d\d:\d\dZ\)"\n$/
  );
  assert.equal(readFileSync(join(data, "responses/made-up-conflicting.txt"), "utf8"), CONFLICTING);
  assert.deepEqual(
    readdirSync(join(data, "responses")).filter((n) => n.endsWith(".tmp")),
    [],
    "no temporary file left"
  );
  const queue = (await call<{replies: QualityReply[]}>("/api/queue")).json.replies;
  assert.equal(queue.find((r) => r.file === file)?.verdict, "verified");
  assert.equal(queue.find((r) => r.file === file)?.corrected, 1);
  // Re-opened, the row is tied to the record it corrects and keeps its signature.
  const again = await open(file);
  assert.equal(again.rows[0].record, 1);
  assert.match(again.rows[0].reason ?? "", /reviewed by Jo Reviewer/);
});

test("a save is refused when the file changed on disk since the screen was opened", async () => {
  const file = "responses/made-up-conflicting.txt";
  const view = await open(file);
  const path = join(data, "responses/made-up-conflicting.corrections.csv");
  const theirs = readFileSync(path, "utf8") + "6,,,,,,,,,someone else: MADE UP\n";
  writeFileSync(path, theirs);
  const {status, json} = await call("/api/save", {file, rows: view.rows, reviewer: "Jo", hash: view.hash});
  assert.equal(status, 409);
  assert.match(json.error ?? "", /changed on disk since this screen was opened/);
  assert.equal(readFileSync(path, "utf8"), theirs, "their file is left as it was");
});

test("an unreadable reply is transcribed: the transcription is written and the reply is read", async () => {
  const file = "responses/made-up-no-table.txt";
  const view = await open(file);
  const rows = [
    {ageRaw: "25-34", outcome: "dismissal", count: "1", line: "4", reason: "from the scan", changed: true},
    {ageRaw: "45-54", outcome: "no case to answer", count: "1", line: "4", reason: "from the scan", changed: true}
  ];
  const {status, json} = await call<ReplyView>("/api/save", {file, rows, reviewer: "Jo", hash: view.hash});
  assert.equal(status, 200, json.error);
  assert.equal(json.current?.verdict.verdict, "verified");
  const csv = readFileSync(join(data, "responses/made-up-no-table.transcribed.csv"), "utf8");
  assert.match(csv, /^ageRaw,ageBand,outcomeRaw,outcome,countRaw,count,countLower,countUpper,line,note\n/);
  assert.match(csv, /from the scan \(reviewed by Jo, /);
  const queue = (await call<{replies: QualityReply[]}>("/api/queue")).json.replies;
  assert.equal(queue.find((r) => r.file === file)?.transcribed, 2);
});

test("teaching a label appends it to the mappings and says how many replies it settled", async () => {
  const before = readFileSync(join(data, "mappings/outcomes.csv"), "utf8");
  const {status, json} = await call<{settled: number; changed: number; message: string}>("/api/teach", {
    kind: "outcome",
    label: "Formal reprimand",
    target: "first written warning",
    reviewer: "Jo"
  });
  assert.equal(status, 200, json.error);
  assert.equal(json.changed, 1);
  assert.equal(json.settled, 1);
  assert.match(json.message, /1 reply reads differently/);
  const text = readFileSync(join(data, "mappings/outcomes.csv"), "utf8");
  assert.ok(text.startsWith(before));
  assert.match(text.slice(before.length), /^(\n)?Formal reprimand,first written warning,\d+,warning,true\n$/);
  const view = await open("responses/made-up-unmapped.txt");
  assert.equal(view.current?.records[0].outcome, "first written warning");
  const again = await call("/api/teach", {
    kind: "outcome",
    label: "formal reprimand",
    target: "dismissal",
    reviewer: ""
  });
  assert.equal(again.status, 400);
  assert.match(again.json.error ?? "", /already a label/);
  const wrong = await call("/api/teach", {kind: "outcome", label: "Sacked", target: "fired", reviewer: ""});
  assert.match(wrong.json.error ?? "", /not a canonical outcome/);
});

test("npm run review prints the address it serves on; a bad --port is a usage error", async () => {
  const {spawn, spawnSync} = await import("node:child_process");
  const script = join(ROOT, "scripts/review.ts");
  const env = {...process.env, FOI_DATA: data, FOI_CACHE_DIR: join(dir, "cache")};
  const bad = spawnSync(process.execPath, ["--import", "tsx", script, "--port", "abc"], {env, encoding: "utf8"});
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^error: --port needs a port number \(0 to 65535\), not "abc"\n/);
  const child = spawn(process.execPath, ["--import", "tsx", script], {env});
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
      child.on("exit", (code) => reject(new Error(`exited with ${code}`)));
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line)?.[1];
    assert.ok(url, line);
    const queue = (await (await fetch(new URL("/api/queue", url))).json()) as {replies: unknown[]};
    assert.equal(queue.replies.length, 3);
  } finally {
    child.kill();
  }
});
