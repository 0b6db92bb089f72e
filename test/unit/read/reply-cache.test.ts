// The parse cache (src/lib/read/cache.ts): a reply is parsed once, and parsed again only when its bytes,
// its metadata, the mappings or the parsing code change; an entry that cannot be trusted is ignored.
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {runSiteArchive} from "../site-archive.js";
import {csvParse} from "d3-dsv";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";
import {codeFiles, codeHash, entryText, pruneReplyCache, replyKey} from "../../../src/lib/read/cache.js";
import {DATA_DIR, loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {makeDocx} from "../../../tools/fixtures/make-binary.js";

const ROOT = join(import.meta.dirname, "../../..");
const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, {recursive: true, force: true})));
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

/** A copy of the shipped data folder and an empty cache folder, so a test may edit both. */
function setup() {
  const data = temp("foi-cache-data-");
  cpSync(DATA_DIR, data, {recursive: true});
  const cacheDir = temp("foi-cache-");
  const reply = join(data, "responses/leicester-city-council-2016.txt");
  const read = () => readReply(reply, loadMappings(data), {dataDir: data, cacheDir});
  const entries = () =>
    readdirSync(cacheDir)
      .filter((name) => name.endsWith(".json"))
      .sort();
  return {data, cacheDir, reply, read, entries};
}

/** A cache entry's first line (its key and seal) and its body. */
function entryParts(path: string) {
  const text = readFileSync(path, "utf8");
  const newline = text.indexOf("\n");
  return {
    head: JSON.parse(text.slice(0, newline)) as {key: string; kind: "reply" | "error"},
    body: text.slice(newline + 1)
  };
}

/**
 * Rewrites a cache entry's reply, keeping its key and sealing it as the build would: a read that
 * returns the change came from the cache. (An edit not sealed so is refused: see the forgery test.)
 */
function plant(path: string, change: (reply: {authority: string; records: {authority: string}[]}) => void) {
  const {head, body} = entryParts(path);
  const reply = JSON.parse(body);
  change(reply);
  writeFileSync(path, entryText(head.key, head.kind, JSON.stringify(reply)));
}

test("a second read of an unchanged reply comes from the cache, and equals the first", async () => {
  const {cacheDir, read, entries} = setup();
  const first = await read();
  assert.equal(first.records.length, 25);
  assert.equal(entries().length, 1, "one entry written");
  assert.deepEqual(await read(), first, "the cached reply is the parsed one");
  plant(join(cacheDir, entries()[0]), (r) => (r.authority = "planted in the cache"));
  assert.equal((await read()).authority, "planted in the cache", "the second read did not parse again");
  assert.equal(entries().length, 1);
});

test("editing the reply, its metadata or a mapping parses it again", async () => {
  const {data, cacheDir, reply, read, entries} = setup();
  const first = await read();
  plant(join(cacheDir, entries()[0]), (r) => (r.authority = "planted in the cache"));

  // The reply: the first row's count 1 becomes 2 (made-up edit).
  const lines = readFileSync(reply, "utf8").split("\n");
  const row = first.records[0];
  assert.equal(lines[row.line - 1], "\t1");
  lines[row.line - 1] = "\t2";
  writeFileSync(reply, lines.join("\n"));
  const edited = await read();
  assert.equal(edited.authority, "Leicester City Council", "not the planted entry");
  assert.equal(edited.records[0].count, 2);
  assert.equal(entries().length, 2);

  // Its metadata.
  const metaPath = join(data, "responses/leicester-city-council-2016.meta.json");
  writeFileSync(
    metaPath,
    JSON.stringify({...JSON.parse(readFileSync(metaPath, "utf8")), authority: "Made-up Renamed Council"})
  );
  assert.equal((await read()).authority, "Made-up Renamed Council");
  assert.equal(entries().length, 3);

  // A mapping: final written warnings made more severe (made-up edit).
  const outcomes = join(data, "mappings/outcomes.csv");
  const csv = readFileSync(outcomes, "utf8");
  const before = (await read()).records.find((r) => r.outcome === "final written warning")!.severity;
  writeFileSync(
    outcomes,
    csv.replace(/^(final written warning,final written warning,)(\d+)/m, (_, head) => `${head}9`)
  );
  assert.notEqual(before, 9);
  assert.equal((await read()).records.find((r) => r.outcome === "final written warning")!.severity, 9);
  assert.equal(entries().length, 4);
});

test("a corrupt, cut-short or foreign cache entry is ignored and written again", async () => {
  const {cacheDir, read, entries} = setup();
  const first = await read();
  const path = join(cacheDir, entries()[0]);
  const whole = readFileSync(path, "utf8");
  for (const bad of [
    whole.slice(0, whole.length >> 1),
    "not json",
    "null",
    "{}",
    whole.replace(/"key":"[0-9a-f]+"/, `"key":"${"0".repeat(64)}"`),
    whole.replace(/"mac":"[0-9a-f]+"/, `"mac":"${"0".repeat(64)}"`)
  ]) {
    writeFileSync(path, bad);
    assert.deepEqual(await read(), first, `entry ${JSON.stringify(bad.slice(0, 20))}... was not used`);
    assert.equal(readFileSync(path, "utf8"), whole, "the entry was rewritten");
  }
});

test("a change to the parsing code gives every reply a new key; a change to a page's view does not", () => {
  const lib = (edit: string | null) => {
    const dir = temp("foi-cache-lib-");
    cpSync(join(ROOT, "src/lib"), dir, {recursive: true});
    if (edit) writeFileSync(join(dir, edit), readFileSync(join(dir, edit), "utf8") + "\n// a change\n");
    return dir;
  };
  const same = lib(null);
  const changed = lib("parse/tables/rows.ts");
  assert.equal(codeHash(same), codeHash(join(ROOT, "src/lib")), "a copy of the same code has the same hash");
  assert.notEqual(codeHash(changed), codeHash(same));
  // Found by following imports, not from a list: the extractors and the shared core are in, views are not.
  for (const file of ["core/types.ts", "core/errors.ts", "extract/formats/pdf.ts", "extract/extract-worker.ts"])
    assert.ok(codeFiles(same).includes(file), file);
  assert.notEqual(codeHash(lib("extract/formats/rtf.ts")), codeHash(same));
  assert.equal(codeHash(lib("views/report.ts")), codeHash(same), "a view is not parsing code");
  const inputs = {
    file: "responses/x.txt",
    bytes: new TextEncoder().encode("reply"),
    meta: null,
    mappings: loadMappings()
  };
  assert.notEqual(replyKey(inputs, changed), replyKey(inputs, same));
  // And the reply's name is part of the key: it is written into the records.
  assert.notEqual(replyKey({...inputs, file: "responses/y.txt"}), replyKey(inputs));
});

test("an entry edited to forge a number (count 1 made 1000, still valid JSON) is refused and the reply read again", async () => {
  const {cacheDir, read, entries} = setup();
  const first = await read();
  const path = join(cacheDir, entries()[0]);
  const whole = readFileSync(path, "utf8");
  const {head, body} = entryParts(path);
  const forged = JSON.parse(body);
  assert.equal(forged.records[0].count, 1);
  forged.records[0].count = 1000;
  forged.authority = "Forged Council";
  // The edit as a person or another tool would make it: the seal is left as it was.
  writeFileSync(path, `${JSON.stringify(head)}\n${JSON.stringify(forged)}`);
  const again = await read();
  assert.equal(again.records[0].count, 1, "the forged count is not published");
  assert.equal(again.authority, "Leicester City Council");
  assert.deepEqual(again, first);
  assert.equal(readFileSync(path, "utf8"), whole, "the forged entry was replaced by the reply read again");
});

test("a failed reading is cached like a good one; a cache that cannot be written only costs speed", async () => {
  const {data, reply, entries, cacheDir} = setup();
  const metaPath = join(data, "responses/leicester-city-council-2016.meta.json");
  writeFileSync(metaPath, "{not json");
  const fails = () =>
    assert.rejects(
      readReply(reply, loadMappings(data), {dataDir: data, cacheDir}),
      (e: unknown) =>
        e instanceof ReplyError &&
        e.file === "responses/leicester-city-council-2016.meta.json" &&
        /metadata is not valid JSON/.test(e.reason)
    );
  await fails();
  assert.equal(entries().length, 1, "the error is cached, keyed on the file's bytes");
  const path = join(cacheDir, entries()[0]);
  assert.equal(entryParts(path).head.kind, "error");
  await fails();
  // The second failure came from the cache: a sealed entry with another reason is what is thrown.
  writeFileSync(
    path,
    entryText(
      entryParts(path).head.key,
      "error",
      JSON.stringify({file: "responses/leicester-city-council-2016.meta.json", line: null, reason: "planted"})
    )
  );
  await assert.rejects(
    readReply(reply, loadMappings(data), {dataDir: data, cacheDir}),
    (e: unknown) => e instanceof ReplyError && e.reason === "planted"
  );
  // Mended metadata is other bytes: a new key, read again.
  writeFileSync(metaPath, madeUpMeta("Made-up Mended Council"));
  assert.equal(
    (await readReply(reply, loadMappings(data), {dataDir: data, cacheDir})).authority,
    "Made-up Mended Council"
  );
  const blocked = join(temp("foi-cache-blocked-"), "a-file");
  writeFileSync(blocked, "");
  rmSync(metaPath);
  const parsed = await readReply(reply, loadMappings(data), {dataDir: data, cacheDir: join(blocked, "cache")});
  assert.equal(parsed.records.length, 25);
});

test("the site's loader parses a reply once: a second build reads what the first one cached", async () => {
  const {data, cacheDir, entries} = setup();
  writeFileSync(join(data, "responses/made-up-borough-2016.docx"), await makeDocx());
  writeFileSync(
    join(data, "responses/made-up-borough-2016.meta.json"),
    madeUpMeta("Made-up Borough Council (test)", {source: "tools/fixtures/make-binary.ts"})
  );
  const env = {FOI_DATA: undefined, FOI_DATA_DIR: data, FOI_CACHE_DIR: cacheDir};
  const first = runSiteArchive(env);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(
    JSON.parse(first.member("responses.json")).responses.map((r: {authority: string}) => r.authority),
    ["Leicester City Council", "Made-up Borough Council (test)"]
  );
  assert.equal(entries().length, 2, "one entry per reply");
  const mark = (r: {authority: string}) => (r.authority = `${r.authority} (from the cache)`);
  for (const name of entries()) plant(join(cacheDir, name), (r) => [r, ...r.records].forEach(mark));
  const second = runSiteArchive(env);
  assert.equal(second.status, 0, second.stderr);
  const csvRows = csvParse(second.member("records.csv"));
  assert.equal(csvRows.length, 29, "25 rows from Leicester and 4 from the Word reply");
  assert.deepEqual(
    [...new Set(csvRows.map((row) => row.authority))],
    ["Leicester City Council (from the cache)", "Made-up Borough Council (test) (from the cache)"],
    "nothing was parsed again"
  );
  const jsonRows: {authority: string}[] = JSON.parse(second.member("records.json"));
  assert.equal(jsonRows.length, 29);
});

test("entries written more than 30 days ago are pruned; newer ones stay", async () => {
  const {cacheDir, read, entries} = setup();
  await read();
  const [entry] = entries();
  assert.equal(pruneReplyCache(cacheDir), 0);
  const old = Date.now() / 1000 - 31 * 86_400;
  utimesSync(join(cacheDir, entry), old, old);
  assert.equal(pruneReplyCache(cacheDir), 1);
  assert.deepEqual(entries(), []);
  assert.equal((await read()).records.length, 25, "read again, and cached again");
  assert.deepEqual(entries(), [entry]);
});
