// The kit's patches to Framework's build (patches/@observablehq+framework+1.13.4.patch) change when
// work is done, never what is built: a page's data loader starts as soon as the page is read and
// runs once; one that fails fails the build with its own error; a module rewritten from the store
// of what it imports is the module parsing it gives. And two additions: a page preloads the files
// its cells fetch as it runs, and local modules are bundled into a few files (each module in one),
// which a page imports and preloads. A small project of its own in a temp folder, with MADE-UP
// pages and data, built with the network blocked as in CI.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {after, before, test} from "node:test";
import {stripVTControlCharacters} from "node:util";
import {seedNpmCache} from "../../../scripts/seed-npm-cache.js";
import {writeNetworkBlock} from "../../../tools/framework-offline.js";

const ROOT = join(import.meta.dirname, "../../..");
const DIR = mkdtempSync(join(tmpdir(), "foi-framework-build-"));
const SRC = join(DIR, "src");
const RUNS = join(DIR, "loader-runs.txt");
const STORE = join(DIR, "node_modules/.cache/foi-kit/framework-modules.json");
const BLOCK_NETWORK = writeNetworkBlock(join(DIR, "block-network.mjs"));
after(() => rmSync(DIR, {recursive: true, force: true}));

function build(env: Record<string, string> = {}) {
  rmSync(join(DIR, "dist"), {recursive: true, force: true});
  const done = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"],
    {
      cwd: DIR,
      encoding: "utf8",
      env: {
        ...process.env,
        OBSERVABLE_TELEMETRY_DISABLE: "1",
        NODE_OPTIONS: BLOCK_NETWORK,
        LOADER_RUNS: RUNS,
        ...env
      }
    }
  );
  // Framework colours its log when CI is set (picocolors), as on the CI machine: read it as text.
  return {status: done.status, output: stripVTControlCharacters(done.stdout + done.stderr)};
}

/** Every file of the built site, by its path, as text. */
function site(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(join(DIR, "dist"), path), readFileSync(path, "utf8"));
    }
  };
  walk(join(DIR, "dist"));
  return files;
}

const runs = () => readFileSync(RUNS, "utf8").trim().split("\n").length;

before(async () => {
  mkdirSync(join(SRC, "data"), {recursive: true});
  mkdirSync(join(SRC, "components"));
  const config = {
    root: "src",
    title: "Made-up build",
    footer: "Made up for a test.",
    globalStylesheets: [],
    head: '<link rel="icon" href="data:,">'
  };
  writeFileSync(join(DIR, "observablehq.config.js"), `export default ${JSON.stringify(config)};\n`);
  // A loader that counts its runs, and fails when asked to.
  writeFileSync(
    join(SRC, "data/counts.json.js"),
    'import {appendFileSync} from "node:fs";\n' +
      'appendFileSync(process.env.LOADER_RUNS, "run\\n");\n' +
      'if (process.env.LOADER_FAILS) { console.error("made-up loader failure"); process.exit(1); }\n' +
      "process.stdout.write(JSON.stringify({madeUp: [3, 5, 2]}));\n"
  );
  // Two pages read its output; a component reads it too, and imports another module.
  for (const page of ["index", "second"])
    writeFileSync(
      join(SRC, `${page}.md`),
      `# Made-up ${page}\n\n\`\`\`js\nimport {total} from "./components/total.js";\n` +
        'const counts = FileAttachment("data/counts.json").json();\n```\n\nTotal: $' +
        "{total(counts.madeUp)}\n"
    );
  // A file read only when asked for (in a function), and one only linked to.
  writeFileSync(join(SRC, "data/later.json"), JSON.stringify({madeUp: true}));
  writeFileSync(join(SRC, "data/linked.txt"), "made up\n");
  writeFileSync(
    join(SRC, "second.md"),
    readFileSync(join(SRC, "second.md"), "utf8") +
      '\n```js\nconst later = () => FileAttachment("data/later.json").json();\n' +
      'const link = FileAttachment("data/linked.txt").href;\n```\n\n' +
      '<a href="./data/linked.txt" download>A download</a> and <a href="https://example.org/made-up?a=1&b=2">a link</a>.\n'
  );
  // A module imported but none of its code used: bundling leaves it out, and no page may ask for it.
  writeFileSync(join(SRC, "components/unused.js"), "export const unused = () => 0;\n");
  writeFileSync(join(SRC, "components/sum.js"), "export const sum = (values) => values.reduce((a, b) => a + b, 0);\n");
  // A second page imports a module of its own that shares sum.js with total.js.
  writeFileSync(
    join(SRC, "components/mean.js"),
    'import {sum} from "./sum.js";\nexport const mean = (values) => sum(values) / values.length;\n'
  );
  writeFileSync(
    join(SRC, "second.md"),
    readFileSync(join(SRC, "second.md"), "utf8") +
      '\n```js\nimport {mean} from "./components/mean.js";\n```\n\nMean: $' +
      "{mean([1, 2])}\n"
  );
  writeFileSync(
    join(SRC, "components/total.js"),
    'import {FileAttachment} from "observablehq:stdlib";\nimport {sum} from "./sum.js";\nimport {unused} from "./unused.js";\n' +
      'export const source = FileAttachment("../data/counts.json");\nexport const total = (values) => sum(values);\n'
  );
  await seedNpmCache({srcRoot: SRC, projectRoot: ROOT, log: () => {}});
});

test("a loader read by two pages and a module runs once, and one that fails fails the build with its own error", () => {
  rmSync(RUNS, {force: true});
  const failed = build({LOADER_FAILS: "1"});
  assert.notEqual(failed.status, 0, failed.output);
  assert.match(failed.output, /made-up loader failure/);
  assert.match(
    failed.output,
    /error loading \/data\/counts\.json: loader exited with code 1/,
    "the error names the file"
  );
  assert.equal(runs(), 1, "the failed loader was run again");

  rmSync(RUNS, {force: true});
  const built = build();
  assert.equal(built.status, 0, built.output);
  assert.equal(runs(), 1);
  const files = site();
  const counts = [...files].filter(([path]) => /^_file\/data\/counts\.[0-9a-f]{8}\.json$/.test(path));
  assert.equal(counts.length, 1);
  assert.deepEqual(JSON.parse(counts[0][1]), {madeUp: [3, 5, 2]});
});

test("a page preloads the files its cells fetch as it runs, and only those", () => {
  assert.equal(build().status, 0);
  const files = site();
  const preloads = (page: string) =>
    [...files.get(page)!.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)">/g)].map(
      (m) => m[1]
    );
  const counts = /^\.\/_file\/data\/counts\.[0-9a-f]{8}\.json$/;
  for (const page of ["index.html", "second.html"]) {
    assert.equal(preloads(page).length, 1, page);
    assert.match(preloads(page)[0], counts, page);
  }
  assert.ok(
    [...files.keys()].some((path) => path.startsWith("_file/data/later.")),
    "the later file is built"
  );
});

test("links in a page's HTML are resolved as Framework resolves them, from the store too", () => {
  for (let run = 0; run < 2; run++) {
    assert.equal(build().status, 0);
    const page = site().get("second.html")!;
    assert.match(page, /<a href="\.\/_file\/data\/linked\.[0-9a-f]{8}\.txt" download="">A download<\/a>/);
    assert.match(
      page,
      /<a href="https:\/\/example\.org\/made-up\?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">a link<\/a>/
    );
  }
});

test("a module rewritten from the store is the module rewritten by parsing it", () => {
  assert.equal(build().status, 0);
  const stored = site();
  rmSync(STORE, {force: true});
  assert.equal(build().status, 0);
  assert.deepEqual(site(), stored, "the site built without the store differs");

  // An edit that moves the module's imports is seen: the store is keyed by the module's text.
  const source = join(SRC, "components/total.js");
  writeFileSync(source, "export const edited = true;\n" + readFileSync(source, "utf8"));
  assert.equal(build().status, 0);
  const edited = site();
  rmSync(STORE, {force: true});
  assert.equal(build().status, 0);
  assert.deepEqual(site(), edited, "the edited site built from the store differs");
  const total = [...edited].find(([path]) => path.startsWith("_import/components/total."));
  assert.ok(total, "the component is built");
  assert.match(total[1], /edited = true/, "the edit is built");
});

/** The relative imports of a built module, resolved to paths of the site. */
function importsOf(path: string, code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    relative("/", join("/", path, "..", m[1]))
  );
}

test("a page's local modules are bundled: each page loads files that exist, and preloads every one it loads", () => {
  assert.equal(build().status, 0);
  const files = site();
  const modules = [...files.keys()].filter((path) => path.startsWith("_import/") && path.endsWith(".js"));
  // sum.js, imported by total.js and mean.js, is in one file only: it runs once, as a module should.
  assert.equal(modules.filter((path) => /const sum = /.test(files.get(path)!)).length, 1);
  assert.ok(modules.length < 4, `${modules.length} files for 3 modules`);
  const fileOf = (name: string, page: string) =>
    [...files.get(page)!.matchAll(/import\("\.\/(_import\/[^"]+)"\)/g)].map((m) => m[1]).find((p) => p.includes(name))!;
  const total = fileOf("/total.", "index.html");
  // A page imports a module by the file that exports its names as the module does.
  const mean = fileOf("/mean.", "second.html");
  assert.match(files.get(mean)!, /export \{[^}]*(?:\bas mean|[{,]\s*mean)\s*[,}]/, "the page's file exports mean");
  for (const path of modules)
    for (const target of importsOf(path, files.get(path)!)) assert.ok(files.has(target), `${path} imports ${target}`);
  for (const page of ["index.html", "second.html"]) {
    const html = files.get(page)!;
    const imported = [...html.matchAll(/import\("\.\/(_import\/[^"]+)"\)/g)].map((m) => m[1]);
    const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]));
    assert.equal(imported.length, page === "index.html" ? 1 : 2, page);
    const loaded = new Set<string>();
    const load = (path: string) => {
      if (loaded.has(path) || !path.startsWith("_import/")) return;
      loaded.add(path);
      for (const target of importsOf(path, files.get(path)!)) load(target);
    };
    for (const path of imported) {
      assert.ok(files.has(path), `${page} imports ${path}, which is not built`);
      load(path);
    }
    for (const path of loaded) assert.ok(preloaded.has(path), `${page} loads ${path} without preloading it`);
    for (const path of preloaded) assert.ok(files.has(path), `${page} preloads ${path}, which is not built`);
  }
  // The module's file reference is resolved from where the module would stand on its own, as before.
  const base = /new URL\("(\.\/total\.[0-9a-f]{8}\.js)", import\.meta\.url\)/.exec(files.get(total)!);
  assert.ok(base, "the module keeps its own URL for import.meta");
  const file = /"path":"((?:\.\.\/)+_file\/data\/counts\.[0-9a-f]{8}\.json)"/.exec(files.get(total)!);
  assert.ok(file, "its file reference is resolved");
  assert.ok(
    files.has(relative("/", join("/", total, "..", base[1], "..", file[1]))),
    "the file it references is built"
  );
});
