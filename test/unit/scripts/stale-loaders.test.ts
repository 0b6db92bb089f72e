// scripts/clear-stale-loaders.ts, run before every build: it clears the cached output of each data loader
// whose inputs (its own code and the modules it imports, the data folder) changed, and keeps the rest,
// Framework's bundles of npm packages above all. Tried on a made-up project in a temp folder.
import assert from "node:assert/strict";
import {existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {after, test} from "node:test";
import {clearStaleLoaders, findLoaders, type Project} from "../../../scripts/clear-stale-loaders.js";

const dir = mkdtempSync(join(tmpdir(), "foi-stale-"));
after(() => rmSync(dir, {recursive: true, force: true}));
const project: Project = {srcRoot: join(dir, "src"), dataDir: join(dir, "data"), projectRoot: dir};
const cache = join(dir, "src/.observablehq/cache");
let clock = Date.now() / 1000 - 1000;

/** Writes a file with a modification time later than any written before. */
function write(path: string, text: string) {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, text);
  clock += 10;
  utimesSync(path, clock, clock);
}

const OUTPUTS = ["data/a.json", "data/b.csv"];
/** What Framework does when an output is missing: runs the loader and caches what it prints. */
const runLoaders = () =>
  OUTPUTS.forEach((output) => existsSync(join(cache, output)) || write(join(cache, output), "output"));
const clear = async (options = {}) => (await clearStaleLoaders(project, options)).cleared.sort();

write(join(dir, "src/data/a.json.ts"), `import {x} from "../lib/x.js";\nprocess.stdout.write(JSON.stringify(x));\n`);
write(join(dir, "src/data/b.csv.ts"), `import {y} from "../lib/y.js";\nprocess.stdout.write(y);\n`);
write(join(dir, "src/lib/x.ts"), `export const x = 1;\n`);
write(join(dir, "src/lib/y.ts"), `export const y = "a,b";\n`);
write(join(dir, "src/index.md"), "# A page\n");
write(join(dir, "data/responses/reply.txt"), "a reply\n");
write(join(cache, "_npm/some-package@1.0.0/index.js"), "bundled");
write(join(cache, "_node/d3@7.9.2/index.js"), "bundled");
write(join(cache, "_build.json"), "{}");

test("loaders are the files named for their output plus a language", () => {
  assert.deepEqual(
    [...findLoaders(project.srcRoot)],
    [
      ["data/a.json", ["data/a.json.ts"]],
      ["data/b.csv", ["data/b.csv.ts"]]
    ]
  );
});

test("outputs it has no record of are cleared; then an unchanged project clears nothing", async () => {
  runLoaders();
  write(join(cache, "data/a.json.12345"), "a run in progress"); // Framework's temporary file, not an output
  assert.deepEqual(await clear(), OUTPUTS);
  runLoaders();
  assert.deepEqual(await clear(), []);
  assert.deepEqual(await clear(), []);
  for (const kept of [
    "_npm/some-package@1.0.0/index.js",
    "_node/d3@7.9.2/index.js",
    "_build.json",
    "data/a.json.12345"
  ])
    assert.ok(existsSync(join(cache, kept)), kept);
});

test("a change to a module one loader imports clears that loader's output only", async () => {
  write(join(dir, "src/lib/x.ts"), `export const x = 2;\n`);
  assert.deepEqual(await clear(), ["data/a.json"]);
  runLoaders();
  write(join(dir, "src/data/b.csv.ts"), `import {y} from "../lib/y.js";\nprocess.stdout.write(y + "\\n");\n`);
  assert.deepEqual(await clear(), ["data/b.csv"], "the loader file itself");
  runLoaders();
  write(join(dir, "src/index.md"), "# A page, edited\n");
  assert.deepEqual(await clear(), [], "a page is no loader's input");
});

test("a change in the data folder clears every loader's output", async () => {
  runLoaders();
  write(join(dir, "data/responses/reply.txt"), "a reply, edited\n");
  assert.deepEqual(await clear(), OUTPUTS);
  runLoaders();
  write(join(dir, "data/responses/another.txt"), "a new reply\n");
  assert.deepEqual(await clear(), OUTPUTS, "a file added");
  runLoaders();
  rmSync(join(dir, "data/responses/another.txt"));
  assert.deepEqual(await clear(), OUTPUTS, "a file removed");
});

test("an output older than an input is cleared even when the record matches (a loader `npm run dev` ran before an edit was undone)", async () => {
  runLoaders();
  assert.deepEqual(await clear(), []);
  write(join(dir, "data/responses/reply.txt"), "a reply, edited\n"); // same text as before: same fingerprint, newer file
  assert.deepEqual(await clear(), OUTPUTS);
});

test("outputs of loaders that are gone are cleared, and --all clears every output", async () => {
  runLoaders();
  write(join(cache, "data/removed.json"), "made by a loader since deleted");
  assert.deepEqual(await clear(), ["data/removed.json"]);
  assert.deepEqual(await clear({all: true}), OUTPUTS);
  assert.ok(existsSync(join(cache, "_npm/some-package@1.0.0/index.js")));
});
