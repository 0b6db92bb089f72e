// scripts/clear-stale-loaders.ts, run before every build: it clears the cached output of each data loader
// whose inputs (its own code and the modules it imports, the data folder) changed, and keeps the rest,
// Framework's bundles of npm packages above all. Tried on a made-up project in a temp folder.
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {after, test} from "node:test";
import {clearStaleLoaders, findLoaders, runMissingLoaders, type Project} from "../../../scripts/clear-stale-loaders.js";

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

test("missing outputs are made ahead of Framework, side by side; a failing loader leaves nothing behind", async () => {
  symlinkSync(join(import.meta.dirname, "../../../node_modules"), join(dir, "node_modules"));
  write(join(dir, "src/data/c.txt.ts"), `process.stderr.write("error: c failed\\n");\nprocess.exit(1);\n`);
  const ts = {".ts": ["node", "--import", "tsx"]};
  await clear({all: true});
  assert.ok(OUTPUTS.every((output) => !existsSync(join(cache, output))));
  assert.deepEqual(await runMissingLoaders(project, ts, 2), OUTPUTS);
  assert.equal(readFileSync(join(cache, "data/a.json"), "utf8"), "2");
  assert.equal(readFileSync(join(cache, "data/b.csv"), "utf8"), "a,b\n");
  assert.deepEqual(
    readdirSync(join(cache, "data")).filter((name) => name.startsWith("c.txt")),
    [],
    "no output or temporary file for the failed loader"
  );
  writeFileSync(join(cache, "data/a.json"), "made before");
  assert.deepEqual(await runMissingLoaders(project, ts, 2), [], "present outputs are not made again");
  assert.equal(readFileSync(join(cache, "data/a.json"), "utf8"), "made before");
  assert.deepEqual(await clear(), [], "what the loaders made is fresh");
});

test("loaders share a process yet each writes its own output; what a loader started is waited for; one that exits stops no other", async () => {
  const root = mkdtempSync(join(tmpdir(), "foi-batch-"));
  try {
    symlinkSync(join(import.meta.dirname, "../../../node_modules"), join(root, "node_modules"));
    const src = join(root, "src");
    const loaders: Record<string, string> = {
      "p1.txt.ts": `process.stdout.write("one");\n`,
      // piped after the module has finished evaluating: the batch waits for the stream to end
      "p2.txt.ts": `import {createReadStream} from "node:fs";\ncreateReadStream(new URL("./source.txt", import.meta.url)).pipe(process.stdout);\n`,
      "p3.txt.ts": `process.stdout.write("partial");\nprocess.exit(3);\n`,
      "p4.txt.ts": `setTimeout(() => process.stdout.write("late"), 50);\n`,
      "p5.txt.ts": `process.stdout.write("five");\nprocess.exit(0);\n`,
      "p6.txt.ts": `throw new Error("a bug");\n`,
      "p7.txt.ts": `process.stdout.write("seven");\n`
    };
    for (const [name, code] of Object.entries(loaders)) write(join(src, "data", name), code);
    const source = "x".repeat(300_000);
    write(join(src, "data/source.txt"), source);
    const made = await runMissingLoaders(
      {srcRoot: src, dataDir: join(root, "data"), projectRoot: root},
      {".ts": ["node", "--import", "tsx"]},
      1 // one process for all of them, but for those after p3, which exits
    );
    assert.deepEqual(made, ["data/p1.txt", "data/p2.txt", "data/p4.txt", "data/p5.txt", "data/p7.txt"]);
    const output = (name: string) => readFileSync(join(src, ".observablehq/cache/data", name), "utf8");
    assert.equal(output("p1.txt"), "one");
    assert.equal(output("p2.txt"), source);
    assert.equal(output("p4.txt"), "late");
    assert.equal(output("p5.txt"), "five");
    assert.equal(output("p7.txt"), "seven");
    assert.deepEqual(
      readdirSync(join(src, ".observablehq/cache/data")).sort(),
      ["p1.txt", "p2.txt", "p4.txt", "p5.txt", "p7.txt"],
      "nothing for the loaders that failed, and no temporary file"
    );
  } finally {
    rmSync(root, {recursive: true, force: true});
  }
});
