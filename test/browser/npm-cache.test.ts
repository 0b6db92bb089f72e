// A page written as Framework's documentation writes pages (free names Plot, d3, Inputs, aq, html,
// svg; FileAttachment's .csv, .tsv, .json, .text, .arrow, .zip) builds with the network blocked once
// scripts/seed-npm-cache.ts has seeded Framework's npm cache, and renders each of them; unseeded, the
// same build fails. A small project of its own in a temp folder: the fixture page and MADE-UP attachments.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import JSZip from "jszip";
import type {Browser} from "playwright-core";
import {seedNpmCache} from "../../scripts/seed-npm-cache.js";
import {writeNetworkBlock} from "../../tools/framework-offline.js";
import {launchBrowser, serveDist, visit, type Site} from "./harness.js";

const ROOT = join(import.meta.dirname, "../..");
const DIR = mkdtempSync(join(tmpdir(), "foi-npm-cache-"));
const SRC = join(DIR, "src");
/** Loaded into Framework's process: the network blocked but for the registry (react-dom's version, for JSX). */
const BLOCK_NETWORK = writeNetworkBlock(join(DIR, "block-network.mjs"));

function build() {
  return spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"],
    {
      cwd: DIR,
      encoding: "utf8",
      env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", NODE_OPTIONS: BLOCK_NETWORK}
    }
  );
}

let site: Site;
let browser: Browser;
let unseeded: ReturnType<typeof build>;
let seeded: ReturnType<typeof build>;
before(async () => {
  mkdirSync(SRC);
  copyFileSync(join(ROOT, "test/fixtures/framework-idiom/index.md"), join(SRC, "index.md"));
  // MADE-UP attachments, one per file method.
  const rows = [
    {band: "16-24", count: 3},
    {band: "25-34", count: 5},
    {band: "35-44", count: 2}
  ];
  writeFileSync(join(SRC, "made-up.csv"), "band,count\n" + rows.map((d) => `${d.band},${d.count}`).join("\n") + "\n");
  writeFileSync(join(SRC, "made-up.tsv"), "band\tcount\n" + rows.map((d) => `${d.band}\t${d.count}`).join("\n") + "\n");
  writeFileSync(join(SRC, "made-up.json"), JSON.stringify(rows));
  writeFileSync(join(SRC, "made-up.txt"), "made up text\n");
  const arrow = tableFromArrays({band: rows.map((d) => d.band), count: Int32Array.from(rows, (d) => d.count)});
  writeFileSync(join(SRC, "made-up.arrow"), tableToIPC(arrow, "file"));
  const zip = new JSZip().file("inside.txt", "made up zipped\n");
  writeFileSync(join(SRC, "made-up.zip"), await zip.generateAsync({type: "nodebuffer"}));
  // As the kit's config: no fonts from a CDN, and an inline icon so that no /favicon.ico is asked for.
  const config = {
    root: "src",
    title: "npm cache test",
    globalStylesheets: ["observablehq:stdlib/inputs.css"],
    head: '<link rel="icon" href="data:,">'
  };
  writeFileSync(join(DIR, "observablehq.config.js"), `export default ${JSON.stringify(config)};\n`);
  symlinkSync(join(ROOT, "node_modules"), join(DIR, "node_modules"));

  unseeded = build();
  await seedNpmCache({srcRoot: SRC, projectRoot: ROOT, log: () => {}});
  seeded = build();
  if (seeded.status === 0) {
    site = await serveDist("/", join(DIR, "dist"));
    browser = await launchBrowser();
  }
});
after(async () => {
  await browser?.close();
  await site?.close();
  rmSync(DIR, {recursive: true, force: true});
});

test("with Framework's npm cache unseeded, the page does not build offline", () => {
  assert.notEqual(unseeded.status, 0, "the unseeded build passed: it did not need the network, so proves nothing");
  assert.match(unseeded.stdout + unseeded.stderr, /fetch failed \(network blocked by the test\)/);
});

test("seeded from node_modules, it builds with the network blocked, at the installed versions", () => {
  assert.equal(seeded.status, 0, seeded.stdout + seeded.stderr);
  assert.doesNotMatch(seeded.stdout + seeded.stderr, /network blocked/);
});

test("each free name and file method works in the built page", async () => {
  const {page, problems} = await visit(browser, site.url + "index.html", site);
  const text = (id: string) => page.locator(`#${id}`).innerText();
  // apache-arrow reads the file as a stream and may cancel the response once it has the table,
  // which Chromium reports as an aborted request; the table's values are checked below.
  assert.deepEqual(
    problems.filter((p) => !/^request failed: .*\/_file\/made-up\.[0-9a-f]+\.arrow \(net::ERR_ABORTED\)$/.test(p)),
    []
  );
  assert.equal(await text("csv"), "16-24:number:3,25-34:number:5,35-44:number:2");
  assert.equal(await text("tsv"), "3,5,2");
  assert.equal(await text("json"), "3,5,2");
  assert.equal(await text("text"), "made up text");
  assert.equal(await text("arrow"), "3:3,5,2");
  assert.equal(await text("zip"), "made up zipped");
  assert.equal(await text("d3"), "10");
  assert.equal(await text("aq"), "16-24=3,25-34=5,35-44=2");
  assert.equal(await page.locator("#plot svg rect").count(), 3, "Plot draws a bar per band");
  assert.equal(await page.locator("#svg svg circle").count(), 1, "svg`` makes an SVG element");
  assert.equal(await text("inputs"), "16-24", "Inputs.select's value is the first band");
  assert.equal(await page.locator("#table tbody tr").count(), 3, "Inputs.table lists the rows");
  await page.context().close();
});
