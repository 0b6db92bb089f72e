// A council page's lines (src/lib/read/council-text.ts) come from the parse cache, where reading the
// reply for its records left its text: a build reads each reply file once, a Word file or a PDF
// included. An entry that cannot be trusted is read again from the file. Replies here are made up.
import assert from "node:assert/strict";
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {splitLines} from "../../../src/lib/core/text.js";
import {BoundedReader} from "../../../src/lib/extract/bounded.js";
import {councilText} from "../../../src/lib/read/council-text.js";
import {readReplies} from "../../../src/lib/read/replies.js";
import {makeDocx} from "../../../tools/fixtures/make-binary.js";
import {madeUpMeta} from "../../../tools/fixtures/made-up-meta.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "foi-council-text-"));
after(() => rmSync(dir, {recursive: true, force: true}));

/** A reader that fails the test if anything is read through it. */
const NO_READING = {
  extract: async (_bytes: Uint8Array, name: string) => {
    throw new Error(`${name} was read again`);
  },
  close: async () => undefined
} as unknown as BoundedReader;

/** A data folder holding the shipped reply, a made-up Word reply and a made-up scan with its transcription. */
async function dataFolder() {
  const data = mkdtempSync(join(dir, "data-"));
  cpSync(join(ROOT, "data/mappings"), join(data, "mappings"), {recursive: true});
  cpSync(join(ROOT, "data/responses"), join(data, "responses"), {recursive: true});
  const responses = join(data, "responses");
  writeFileSync(join(responses, "made-up-word.docx"), await makeDocx());
  writeFileSync(join(responses, "made-up-word.meta.json"), madeUpMeta("Made-up Word Council"));
  // MADE UP: a scan the kit cannot read, and a person's transcription of it.
  writeFileSync(join(responses, "made-up-scan.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(responses, "made-up-scan.transcribed.csv"), "ageRaw,outcomeRaw,count\n25-34,dismissal,1\n");
  return {data, cacheDir: join(data, "cache")};
}

const FILES = [
  "responses/leicester-city-council-2016.txt",
  "responses/made-up-word.docx",
  "responses/made-up-scan.png"
];

test("a council page's lines come from the cache the reading of its reply filled, and equal a fresh reading", async () => {
  const {data, cacheDir} = await dataFolder();
  const {replies} = await readReplies({dataDir: data, cacheDir});
  assert.equal(replies.length, 3, "the scan is read from its transcription");
  const reader = new BoundedReader();
  try {
    for (const file of FILES) {
      const cached = await councilText(data, file, false, NO_READING, cacheDir);
      const fresh = await councilText(data, file, false, reader, null);
      assert.ok(cached && cached.lines.length > 1, file);
      assert.deepEqual(cached, fresh, `${file}: the cached lines are the file's`);
    }
  } finally {
    await reader.close();
  }
  const txt = await councilText(data, FILES[0], false, NO_READING, cacheDir);
  assert.deepEqual(txt?.lines, splitLines(readFileSync(join(data, FILES[0]), "utf8")), "line N is the file's line N");
  const scan = await councilText(data, FILES[2], false, NO_READING, cacheDir);
  assert.equal(
    scan?.file,
    "responses/made-up-scan.transcribed.csv",
    "an unreadable file's page shows its transcription"
  );
  assert.equal(scan?.textSource, "transcription");
});

test("a text entry edited in the cache is not shown: the file is read again", async () => {
  const {data, cacheDir} = await dataFolder();
  await readReplies({dataDir: data, cacheDir});
  const texts = join(cacheDir, "text");
  let forged = 0;
  for (const name of readdirSync(texts)) {
    const path = join(texts, name);
    const entry = readFileSync(path, "utf8");
    if (!entry.includes('"lines":[')) continue; // the scan's entry: no text to forge
    // A line put into the entry's text, its seal left as it was.
    writeFileSync(path, entry.replace('"lines":[', '"lines":["FORGED",'));
    forged++;
  }
  assert.equal(forged, 2);
  const reader = new BoundedReader();
  try {
    const page = await councilText(data, FILES[0], false, reader, cacheDir);
    assert.ok(page && !page.lines.includes("FORGED"), "the forged line is not shown");
  } finally {
    await reader.close();
  }
  assert.ok(await councilText(data, FILES[0], false, NO_READING, cacheDir), "that reading wrote the entry again");
  await assert.rejects(
    councilText(data, FILES[1], false, NO_READING, cacheDir),
    /made-up-word\.docx was read again/,
    "the Word reply's forged entry is not trusted either"
  );
});
