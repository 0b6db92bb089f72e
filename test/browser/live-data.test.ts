// The live data loop: with `npm run dev` running on a copy of the app, adding, changing and removing
// a reply changes the data the server serves within seconds, with no restart; an unreadable reply
// is listed as unreadable and the server goes on. With the browser tests, which run one at a time,
// since it starts a dev server and its loaders (beside the unit tests it would slow their timings). The replies added are MADE UP (copies of the shipped
// reply under another council's name, or text with no table), written only to the temp copy.
import assert from "node:assert/strict";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import {copyApp} from "../../tools/app-copy.js";
import {startDev, writeReply as write, type DevServer} from "../../tools/live-data.js";

const ROOT = join(import.meta.dirname, "../..");
const DIR = mkdtempSync(join(tmpdir(), "foi-live-data-"));
const RESPONSES = join(DIR, "data/responses");
const SHIPPED = "leicester-city-council-2016";
const MADE_UP = "Made-up Borough Council (MADE UP)";

let dev: DevServer;
const served = (file: string) => dev.served(file);
const until = (file: string, ok: (text: string) => boolean, what: string) => dev.until(file, ok, what);
const writeReply = (name: string, text: string, authority: string) => write(RESPONSES, name, text, authority, SHIPPED);

before(async () => {
  copyApp(DIR);
  dev = await startDev(DIR);
});
after(() => {
  dev?.stop();
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
