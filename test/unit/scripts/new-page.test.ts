// `npm run new-page -- "Title"` (scripts/new-page.ts, tools/new-page.ts), always on a temporary
// copy of the template, the sidebar's list and the config: the project's own files are never touched.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {after, test} from "node:test";
import {newPage, NewPageError, pageFromTemplate, slugOf} from "../../../tools/new-page.js";

const ROOT = join(import.meta.dirname, "../../..");
const REAL_PAGES = readFileSync(join(ROOT, "src/pages.json"), "utf8");
const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true});
  assert.equal(
    readFileSync(join(ROOT, "src/pages.json"), "utf8"),
    REAL_PAGES,
    "the project's src/pages.json is untouched"
  );
});

/** A temp project holding what new-page reads and writes, with the config's mtime set in the past. */
function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "foi-new-page-"));
  temps.push(dir);
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "tools"));
  for (const file of ["src/template.md", "src/pages.json", "observablehq.config.ts", "tools/new-page.ts"])
    copyFileSync(join(ROOT, file), join(dir, file));
  utimesSync(join(dir, "observablehq.config.ts"), new Date(2020, 0, 1), new Date(2020, 0, 1));
  return dir;
}

const snapshot = (dir: string) =>
  readdirSync(join(dir, "src"))
    .sort()
    .map((name) => `${name}\n${readFileSync(join(dir, "src", name), "utf8")}`)
    .join("\n");

const runCli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/new-page.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8"
  });

test("slugOf makes a readable file name from a title", () => {
  assert.equal(slugOf("My question"), "my-question");
  assert.equal(slugOf("Age against Ofcom's figures"), "age-against-ofcoms-figures");
  assert.equal(slugOf("  Réponses à la carte: 2016 / 2017!  "), "reponses-a-la-carte-2016-2017");
  assert.equal(slugOf("!!! ???"), "");
  const long = slugOf(
    "Investigations of staff for their use of social media, by age band, outcome and council, 2010 to 2015"
  );
  assert.ok(long.length <= 60 && !long.endsWith("-") && long.startsWith("investigations-of-staff"), long);
});

test("a new page is the template with its title, listed last in the sidebar, and the config reads it", async () => {
  const dir = tempProject();
  const before = JSON.parse(readFileSync(join(dir, "src/pages.json"), "utf8"));
  assert.deepEqual(newPage(dir, "  Outcomes by council  "), {
    file: "src/outcomes-by-council.md",
    path: "/outcomes-by-council"
  });

  const template = readFileSync(join(dir, "src/template.md"), "utf8");
  const page = readFileSync(join(dir, "src/outcomes-by-council.md"), "utf8");
  assert.match(page, /^---\ntitle: "Outcomes by council"\n/);
  assert.doesNotMatch(
    page.split("\n---\n")[0],
    /^index:/m,
    "the new page is not hidden from search, as the template is"
  );
  assert.match(page, /^# Outcomes by council$/m);
  assert.doesNotMatch(page, /Template for a new page/);
  // Everything but the title lines is the template's, code cells included.
  const strip = (text: string) => text.split("\n").filter((line) => !/^(title:|index:|# )/.test(line));
  assert.deepEqual(strip(page), strip(template));

  const after = JSON.parse(readFileSync(join(dir, "src/pages.json"), "utf8"));
  assert.deepEqual(after, [...before, {name: "Outcomes by council", path: "/outcomes-by-council"}]);
  const config = (await import(pathToFileURL(join(dir, "observablehq.config.ts")).href)).default;
  assert.deepEqual(config.pages, after);
  // Touched, so a running `npm run dev` re-reads the config and shows the page in its sidebar.
  assert.ok(statSync(join(dir, "observablehq.config.ts")).mtimeMs > new Date(2021, 0, 1).getTime());
});

test("a title is text: none of its Markdown, HTML or interpolation reaches the page as code", () => {
  // eslint-disable-next-line no-template-curly-in-string -- Framework's interpolation, on purpose
  const title = 'Ofcom & "friends": <img src=x onerror=alert(1)> ${1+1} *x* [y](z) `q`';
  const page = pageFromTemplate(
    "---\ntitle: Template\nindex: false\n---\n\n```sh\n# not a heading\n```\n\n# Template\n",
    title
  );
  const [, front, body] = page.split("---\n");
  assert.equal(JSON.parse(front.match(/^title: (.*)$/m)![1]), title, "the front matter's title reads back as written");
  assert.match(body, /^# not a heading$/m, "a comment in a code block is not the heading");
  const heading = body.split("\n").find((line) => line.startsWith("# ") && line !== "# not a heading")!;
  assert.doesNotMatch(heading.slice(2), /[<>`*[\]${}]/);
  const decoded = heading.slice(2).replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
  assert.equal(decoded, title);
});

test("an empty title, a page that exists or a path already in the sidebar is refused and changes nothing", () => {
  const dir = tempProject();
  newPage(dir, "Outcomes by council");
  const before = snapshot(dir);
  const refusals: [string, RegExp][] = [
    ["", /give the page a title/],
    ["   ", /give the page a title/],
    ["?!", /no letters or digits/],
    ["Outcomes by council", /src\/outcomes-by-council\.md already exists/],
    ["OUTCOMES, by council!", /src\/outcomes-by-council\.md already exists/],
    ["Template", /src\/template\.md already exists/],
    ["Data quality", /\/data-quality is already in the sidebar \(src\/pages\.json, "Data quality"\)/],
    ["404", /reserved/],
    ["Index", /reserved/],
    ["Two\nlines", /one line/]
  ];
  for (const [title, message] of refusals) {
    assert.throws(
      () => newPage(dir, title),
      (error: Error) => error instanceof NewPageError && message.test(error.message),
      title
    );
  }
  assert.equal(snapshot(dir), before);
});

test("the command prints what it did, or refuses in one line with exit code 1", () => {
  const dir = tempProject();
  const made = runCli("--root", dir, "My", "question");
  assert.equal(made.status, 0, made.stderr);
  assert.match(
    made.stdout,
    /^src\/my-question\.md: created from src\/template\.md and added to the sidebar \(src\/pages\.json\) as \/my-question\./
  );
  const before = snapshot(dir);
  for (const args of [
    ["--root", dir, "My question"],
    ["--root", dir],
    ["--root", dir, "--what"]
  ]) {
    const refused = runCli(...args);
    assert.equal(refused.status, 1, args.join(" "));
    assert.equal(refused.stdout, "");
    assert.match(refused.stderr, /^new-page: [^\n]+\n$/, refused.stderr);
  }
  assert.match(runCli("--root", dir, "My question").stderr, /src\/my-question\.md already exists/);
  assert.equal(snapshot(dir), before);
});

test("the sidebar may hold sections of pages; a malformed one is refused in one line naming it", () => {
  const dir = tempProject();
  const write = (pages: unknown) => writeFileSync(join(dir, "src/pages.json"), JSON.stringify(pages));
  // A page already listed inside a section is found there too.
  write([{name: "Examples", pages: [{name: "Mine", path: "/outcomes-by-council"}]}]);
  assert.throws(() => newPage(dir, "Outcomes by council"), /\/outcomes-by-council is already in the sidebar/);
  write([{name: "Examples", pages: [{name: "No path"}]}]);
  assert.throws(() => newPage(dir, "Another"), /page 1 of section "Examples" needs a "name" and a "path"/);
  write([{pages: []}]);
  assert.throws(() => newPage(dir, "Another"), /section 1 needs a "name"/);
});
