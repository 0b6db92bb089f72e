// Hostile files in a data folder (issue 20): only regular files are read. A symbolic link (to a
// secret, to /dev/zero), a FIFO, a socket and a sparse file larger than the size limit are each
// listed as unreadable with the reason, never followed, opened or read whole; the good reply
// beside them is still read. Every file here is made up by the test.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {readRegularFile} from "../../../src/lib/extract/files.js";
import {DATA_DIR, readReplies} from "../../../src/lib/read/replies.js";
import {ReplyError} from "../../../src/lib/core/errors.js";

const dir = mkdtempSync(join(tmpdir(), "foi-hostile-files-"));
after(() => rmSync(dir, {recursive: true, force: true}));

test("links, a FIFO, a device, a socket and a huge sparse file are listed as unreadable, unopened", async () => {
  const data = join(dir, "data");
  cpSync(DATA_DIR, data, {recursive: true});
  const responses = join(data, "responses");
  const secret = join(dir, "secret.txt");
  writeFileSync(secret, "MADE-UP SECRET outside the data folder\n");
  symlinkSync(secret, join(responses, "link-to-secret.txt"));
  symlinkSync("/dev/zero", join(responses, "link-to-zero.txt"));
  assert.equal(spawnSync("mkfifo", [join(responses, "pipe.txt")]).status, 0, "mkfifo");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(responses, "socket.txt"), resolve));
  // 1.5 GB that takes no disk: reading it whole would take seconds and 1.5 GB of memory.
  writeFileSync(join(responses, "sparse.txt"), "");
  truncateSync(join(responses, "sparse.txt"), 1536 * 1024 * 1024);
  // A good reply whose metadata is a link to the secret: the reply is refused for its metadata.
  writeFileSync(join(responses, "linked-meta.txt"), "1. Yes\n");
  symlinkSync(secret, join(responses, "linked-meta.meta.json"));
  mkdirSync(join(responses, "a-folder"));

  const started = Date.now();
  try {
    const {replies, unreadable} = await readReplies({dataDir: data, keepGoing: true});
    assert.ok(Date.now() - started < 10_000, "refused without reading");
    assert.deepEqual(
      replies.map((r) => r.file),
      ["responses/leicester-city-council-2016.txt"],
      "the good reply is still read"
    );
    const reasons = Object.fromEntries(unreadable.map((u) => [u.file, u.reason]));
    assert.match(reasons["responses/link-to-secret.txt"], /symbolic link; the kit reads only regular files/);
    assert.match(reasons["responses/link-to-zero.txt"], /symbolic link/);
    assert.match(reasons["responses/pipe.txt"], /named pipe \(FIFO\); the kit reads only regular files/);
    assert.match(reasons["responses/socket.txt"], /socket; the kit reads only regular files/);
    assert.match(
      reasons["responses/sparse.txt"],
      /too large to read: it is 1536\.0 MB; the kit reads files of at most 32 MB/
    );
    assert.match(
      reasons["responses/linked-meta.txt"],
      /^responses\/linked-meta\.meta\.json: the file is a symbolic link/
    );
    assert.match(reasons["responses/a-folder"], /folder, not a file/);
    const all = JSON.stringify({replies, unreadable});
    assert.ok(!all.includes("MADE-UP SECRET"), "nothing of the linked file is published");
  } finally {
    server.close();
  }
});

test("a device is refused by what it is, even when named directly", () => {
  assert.throws(
    () => readRegularFile("/dev/zero", "zero.txt"),
    (error: unknown) =>
      error instanceof ReplyError &&
      /^zero\.txt: the file is a device; the kit reads only regular files/.test(error.message)
  );
  const missing = join(dir, "missing.txt");
  assert.equal(readRegularFile(missing, "missing.txt", undefined, true), null, "absent, when that is allowed");
  assert.throws(() => readRegularFile(missing, "missing.txt"), /missing\.txt: no such file/);
});
