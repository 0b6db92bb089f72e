// The live data loop: with `npm run dev` running on a copy of the app, adding, changing and removing
// a reply changes the data the server serves within seconds, with no restart; an unreadable reply
// is listed as unreadable and the server goes on. With the browser tests, which run one at a time,
// since it starts a dev server and its loaders (beside the unit tests it would slow their timings). The replies added are MADE UP (copies of the shipped
// reply under another council's name, or text with no table), written only to the temp copy.
import assert from "node:assert/strict";
import {spawn, type ChildProcess} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import {copyApp} from "../../tools/app-copy.js";

const ROOT = join(import.meta.dirname, "../..");
const DIR = mkdtempSync(join(tmpdir(), "foi-live-data-"));
const RESPONSES = join(DIR, "data/responses");
const SHIPPED = "leicester-city-council-2016";
const MADE_UP = "Made-up Borough Council (MADE UP)";

let dev: ChildProcess;
let base: string;
let output = "";

/** A free port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}

async function served(file: string): Promise<string> {
  const response = await fetch(`${base}/_file/data/${file}`);
  return response.ok ? response.text() : `HTTP ${response.status}`;
}

/** Polls the served file until `ok` holds; returns the seconds it took. */
async function until(file: string, ok: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    const text = await served(file).catch((error: Error) => `fetch: ${error.message}`);
    if (ok(text)) return (performance.now() - start) / 1000;
    if (performance.now() - start > timeoutMs)
      assert.fail(`${what}: not served after ${timeoutMs} ms\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function writeReply(name: string, text: string, authority: string): void {
  const meta = JSON.parse(readFileSync(join(RESPONSES, `${SHIPPED}.meta.json`), "utf8"));
  writeFileSync(join(RESPONSES, `${name}.txt`), text);
  writeFileSync(join(RESPONSES, `${name}.meta.json`), JSON.stringify({...meta, authority}, null, 2));
}

before(async () => {
  copyApp(DIR);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Its own process group, so that the test stops npm, the watcher and Framework together.
  dev = spawn("npm", ["run", "dev", "--", "--port", String(port)], {cwd: DIR, detached: true});
  dev.stdout?.on("data", (chunk) => (output += chunk));
  dev.stderr?.on("data", (chunk) => (output += chunk));
  await until("records.columns.json", (text) => text.startsWith("{"), "the first records", 120_000);
});
after(() => {
  // The group may have ended already (a server that stopped fails the tests above, with its output).
  if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGTERM");
  rmSync(DIR, {recursive: true, force: true});
});

test("a reply added, changed and removed under a running npm run dev changes the served records", async () => {
  const shipped = readFileSync(join(ROOT, "data/responses", `${SHIPPED}.txt`), "utf8");
  writeReply("zz-made-up-2016", shipped, MADE_UP);
  const added = await until("records.columns.json", (t) => t.includes(MADE_UP), "the added reply");

  writeReply("zz-made-up-2016", shipped, `${MADE_UP} renamed`);
  const changed = await until("records.columns.json", (t) => t.includes(`${MADE_UP} renamed`), "the changed metadata");

  rmSync(join(RESPONSES, "zz-made-up-2016.txt"));
  rmSync(join(RESPONSES, "zz-made-up-2016.meta.json"));
  const removed = await until("records.columns.json", (t) => t.startsWith("{") && !t.includes(MADE_UP), "the removal");
  console.log(
    `live data: added in ${added.toFixed(1)} s, changed in ${changed.toFixed(1)} s, removed in ${removed.toFixed(1)} s`
  );
});

test("an unreadable reply is listed as unreadable, and the server goes on", async () => {
  writeReply("zz-unreadable-2016", "Dear requester, thank you for your e-mail. Regards.\n", `${MADE_UP} unreadable`);
  await until("quality.json", (t) => t.includes("zz-unreadable-2016.txt"), "the unreadable reply in quality.json");
  assert.ok((await served("records.columns.json")).startsWith("{"), "records still served");
  rmSync(join(RESPONSES, "zz-unreadable-2016.txt"));
  rmSync(join(RESPONSES, "zz-unreadable-2016.meta.json"));
  await until("quality.json", (t) => t.startsWith("{") && !t.includes("zz-unreadable-2016.txt"), "its removal");
});
