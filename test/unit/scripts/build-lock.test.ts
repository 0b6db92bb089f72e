// Builds that share a machine (issue 20): `npm run build` (scripts/build.ts) holds a lock beside its
// output; a second build waits for it and says why, and a lock left by a process that no longer
// runs is taken over.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {takeLock} from "../../../scripts/build.js";

const dir = mkdtempSync(join(tmpdir(), "foi-build-lock-"));
after(() => rmSync(dir, {recursive: true, force: true}));

test("a held lock makes the next builder wait and say why; given back, it is free", async () => {
  const path = join(dir, ".dist.build-lock");
  const release = await takeLock(path, "dist");
  assert.equal(readFileSync(path, "utf8").split("\n")[0], String(process.pid));
  await assert.rejects(
    takeLock(path, "dist", 700),
    new RegExp(
      `^Error: dist is still being built by process ${process.pid} \\(lock .*\\.dist\\.build-lock\\); try again when it ends$`
    )
  );
  // Given back while a second builder waits: the second gets it.
  const waiting = takeLock(path, "dist", 10_000);
  setTimeout(release, 300);
  const second = await waiting;
  assert.ok(existsSync(path));
  second();
  assert.ok(!existsSync(path), "given back");
});

test("a lock left by a process that no longer runs is taken over", async () => {
  const path = join(dir, ".site.build-lock");
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {encoding: "utf8"});
  writeFileSync(path, `${gone.stdout}\n`);
  const release = await takeLock(path, "site", 2000);
  assert.equal(readFileSync(path, "utf8").split("\n")[0], String(process.pid));
  release();
  writeFileSync(path, "not a pid\n");
  (await takeLock(path, "site", 2000))();
  // A live process, but the lock names another project: it came with a copy of src/.
  writeFileSync(path, `${process.pid}\n/some/other/project\n`);
  (await takeLock(path, "site", 2000))();
});
