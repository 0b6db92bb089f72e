// The review desk (npm run review) in Chromium against the real server over a temporary data folder of
// MADE-UP replies: open the queue, open the conflicting reply, see a bad count refused, correct the
// misread record, save with Ctrl+S, and find the corrections file on disk; mark an unverified reading
// checked and see it leave the queue's unverified replies; a made-up PDF, scan and workbook shown as
// received (page images drawn by pdf.js, the sheet grid); axe-core finds no serious or critical
// violation on any screen.
import assert from "node:assert/strict";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, test} from "node:test";
import type {Browser, Page} from "playwright-core";
import {launchBrowser} from "../../tools/chromium.js";
import {startReviewServer, type DeskServer} from "../../src/review/server.js";
import {makePdf} from "../../tools/fixtures/make-binary.js";
import {makeWorkbook} from "../../tools/fixtures/make-formats.js";
import {makeScannedPdf} from "../../tools/fixtures/make-scan.js";

const ROOT = join(import.meta.dirname, "../..");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "foi-review-browser-"));
const data = join(dir, "data");
const HEADER = "Age group\tOutcome\tNo. of employees";
/** MADE UP: answer 5 says 3, the table's rows add to 2: the kit's reading conflicts. */
const CONFLICTING = `5. How many employees have been investigated?\n3\n\n8. Ages\n${HEADER}\n25-34\tdismissal\t1\n35-44\tno case to answer\t1\n`;
const VERIFIED = `5. How many employees have been investigated?\n1\n\n8. Ages\n${HEADER}\n25-34\tdismissal\t1\n`;
/** MADE UP: a case list with no total and no answer 5: the kit cannot check it, so it is unverified. */
const CASE_LIST = `8. Ages\n${HEADER}\n35-44\tfinal written warning\t1\n45-54\tno case to answer\t2\n`;

let server: DeskServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

before(async () => {
  cpSync(join(ROOT, "data/mappings"), join(data, "mappings"), {recursive: true});
  mkdirSync(join(data, "responses"));
  writeFileSync(join(data, "responses/made-up-agrees.txt"), VERIFIED);
  writeFileSync(join(data, "responses/made-up-conflicting.txt"), CONFLICTING);
  writeFileSync(join(data, "responses/made-up-case-list.txt"), CASE_LIST);
  server = await startReviewServer({dataDir: data, cacheDir: join(dir, "cache")});
  browser = await launchBrowser();
  const context = await browser.newContext({viewport: {width: 1280, height: 800}});
  page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`uncaught error: ${error.message}`));
  page.on("console", (msg) => {
    // A refused request is shown on the page; the browser also logs it, which is expected.
    if (msg.type() === "error" && !/status of 4\d\d/.test(msg.text())) problems.push(`console error: ${msg.text()}`);
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

async function serious(): Promise<string[]> {
  await page.addScriptTag({content: AXE});
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (c: Document, o: object) => Promise<{violations: unknown[]}>}}).axe;
    return (await axe.run(document, {resultTypes: ["violations"]})).violations;
  })) as {id: string; impact: string | null; nodes: {target: string[]}[]}[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a person opens the queue, corrects a misread record, saves, and the corrections file is on disk", async () => {
  await page.goto(server.url);
  await page.waitForSelector("table.queue tbody tr");
  const files = await page.$$eval("table.queue tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-file")));
  assert.deepEqual(
    files,
    ["responses/made-up-conflicting.txt", "responses/made-up-case-list.txt", "responses/made-up-agrees.txt"],
    "worst first"
  );
  assert.match((await page.textContent(".counts")) ?? "", /conflicting\s*1/);
  assert.deepEqual(await serious(), []);

  // j moves down the queue, k back up, Enter opens the selected reply.
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");
  await page.waitForSelector("table.records");
  assert.match(page.url(), /\/reply\?file=responses%2Fmade-up-conflicting\.txt$/);
  assert.match((await page.textContent("#outcome")) ?? "", /conflicting/);

  // Selecting a record highlights its line in the reply's text.
  await page.click("table.records button.line >> text=7");
  assert.equal(await page.getAttribute("#L7", "class"), "hl");

  await page.fill("#reviewer", "Jo Reviewer (test)".replace(/[()]/g, ""));
  await page.getByLabel("record at line 7: reason").fill("the council's letter gives 2");
  const count = page.getByLabel("record at line 7: count");
  await count.fill("abc");
  await page.waitForFunction(() => /not a whole number/.test(document.querySelector("#outcome")?.textContent ?? ""));
  assert.equal(await page.isDisabled("#save"), true, "a bad count cannot be saved");
  assert.match((await page.textContent("#outcome")) ?? "", /the record at line 7: count "abc" is not a whole number/);
  await count.fill("2");
  await page.waitForFunction(() => /verified/.test(document.querySelector("#outcome")?.textContent ?? ""));
  assert.deepEqual(await serious(), []);

  await page.keyboard.press("Control+s");
  await page.waitForFunction(() => /^Saved /.test(document.querySelector("#message")?.textContent ?? ""));
  assert.match((await page.textContent("#message")) ?? "", /the verdict is now verified/);
  const csv = readFileSync(join(data, "responses/made-up-conflicting.corrections.csv"), "utf8");
  assert.match(
    csv,
    /\n7,35-44,no case to answer,,,,2,,,"the council's letter gives 2 \(reviewed by Jo Reviewer test, /
  );
  assert.equal(readFileSync(join(data, "responses/made-up-conflicting.txt"), "utf8"), CONFLICTING);
  assert.deepEqual(problems, []);
});

test("a person marks an unverified reading checked, saves, and the queue no longer lists it as unverified", async () => {
  await page.goto(new URL("/?verdict=unverified", server.url).href);
  await page.waitForSelector("table.queue tbody tr");
  const files = await page.$$eval("table.queue tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-file")));
  assert.deepEqual(files, ["responses/made-up-case-list.txt"]);
  await page.click("table.queue a");
  await page.waitForSelector("table.records");
  await page.fill("#reviewer", "Jo Reviewer");

  // The verdict part: "checked" offered, a status not (two records remain), the reason needed.
  const status = page.getByLabel("The reply is:");
  assert.equal(await status.isDisabled(), true, "a status is for a reply with no records");
  assert.match((await page.textContent("#verdict-help")) ?? "", /2 remain; delete them first/);
  await page.getByLabel("The reading is right: mark it checked").check();
  await page.waitForFunction(() => /needs a reason/.test(document.querySelector("#outcome")?.textContent ?? ""));
  assert.match((await page.textContent("#outcome")) ?? "", /your verdict: every correction needs a reason/);
  assert.equal(await page.isDisabled("#save"), true);
  await page.getByLabel("Reason", {exact: true}).fill("compared both rows with the letter; it gives no total");
  await page.waitForFunction(() =>
    /a person checked the reading/.test(document.querySelector("#outcome")?.textContent ?? "")
  );
  assert.match((await page.textContent("#outcome")) ?? "", /With your changes: verified/);
  assert.deepEqual(await serious(), []);

  await page.keyboard.press("Control+s");
  await page.waitForFunction(() => /^Saved /.test(document.querySelector("#message")?.textContent ?? ""));
  assert.match((await page.textContent("#message")) ?? "", /the verdict is now verified/);
  const csv = readFileSync(join(data, "responses/made-up-case-list.corrections.csv"), "utf8");
  assert.match(
    csv,
    /\n,,,checked,,,,,,"compared both rows with the letter; it gives no total \(reviewed by Jo Reviewer, /
  );
  // Saved, the verdict loads back into its controls.
  assert.equal(await page.getByLabel("The reading is right: mark it checked").isChecked(), true);
  assert.match(await page.getByLabel("Reason", {exact: true}).inputValue(), /\(reviewed by Jo Reviewer, /);

  await page.click("text=← Queue");
  await page.waitForSelector("table.queue");
  assert.match(page.url(), /\/\?verdict=unverified$/, "back to the queue as filtered");
  assert.equal(await page.$$eval("table.queue tbody tr", (trs) => trs.length), 0, "no unverified reply left");
  assert.match((await page.textContent(".counts")) ?? "", /unverified\s*0/);
  assert.deepEqual(problems, []);
});

test("a PDF's pages and a scan are drawn as images, and a workbook shows its grid with the count's cell", async () => {
  // Its own folder of MADE-UP replies (pdf-lib and SheetJS, written by code), so the queue above stays as it is.
  const other = join(dir, "as-received");
  cpSync(join(ROOT, "data/mappings"), join(other, "mappings"), {recursive: true});
  mkdirSync(join(other, "responses"));
  writeFileSync(join(other, "responses/made-up-letter.pdf"), await makePdf());
  writeFileSync(join(other, "responses/made-up-scan.pdf"), await makeScannedPdf());
  writeFileSync(join(other, "responses/made-up-workbook.xlsx"), makeWorkbook("xlsx"));
  const desk = await startReviewServer({dataDir: other, cacheDir: join(dir, "cache-2")});
  try {
    for (const file of ["made-up-letter.pdf", "made-up-scan.pdf"]) {
      await page.goto(new URL(`/reply?file=responses%2F${file}`, desk.url).href);
      await page.waitForSelector("figure.pdf-page canvas");
      await page.waitForFunction(() =>
        /as received/.test(document.querySelector(".original-status")?.textContent ?? "")
      );
      // The first page's image: a real size, and ink on it (opaque pixels far from white; a canvas never
      // drawn on is transparent black, so it has none).
      const drawn = await page.$eval("figure.pdf-page canvas", (el) => {
        const canvas = el as HTMLCanvasElement;
        const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 0; i < pixels.length; i += 4)
          if (pixels[i + 3] === 255 && pixels[i] + pixels[i + 1] + pixels[i + 2] < 384) ink++;
        return {width: canvas.clientWidth, height: canvas.clientHeight, ink};
      });
      assert.ok(drawn.width > 200 && drawn.height > 200, `${file}: ${JSON.stringify(drawn)}`);
      assert.ok(drawn.ink > 500, `${file}: the page image has ink (${drawn.ink} dark pixels)`);
      assert.deepEqual(await serious(), [], file);
    }
    // The text stays where records point: choosing a record shows it, with its line highlighted.
    await page.goto(new URL("/reply?file=responses%2Fmade-up-letter.pdf", desk.url).href);
    await page.waitForSelector("figure.pdf-page canvas");
    assert.equal(await page.isVisible("ol.text"), false);
    await page.click("table.records button.line >> text=8");
    assert.equal(await page.isVisible("#L8"), true);
    assert.equal(await page.getAttribute("#L8", "class"), "hl");
    assert.equal(await page.getAttribute("button >> text=Extracted text", "aria-pressed"), "true");
    // And back to the pages from the keyboard.
    await page.focus("button >> text=Page images");
    await page.keyboard.press("Enter");
    assert.equal(await page.isVisible("figure.pdf-page"), true);
    assert.equal(await page.isVisible("ol.text"), false);

    await page.goto(new URL("/reply?file=responses%2Fmade-up-workbook.xlsx", desk.url).href);
    await page.waitForSelector("table.grid");
    const captions = await page.$$eval("table.grid caption", (cs) => cs.map((c) => c.textContent));
    assert.match(captions[0] ?? "", /^Sheet "Answers" \(1 of 2\): 7 rows by 1 column/);
    assert.match(captions[1] ?? "", /^Sheet "Cases" \(2 of 2\): 10 rows by 3 columns/);
    assert.deepEqual(await page.$$eval("table.grid >> nth=1 >> thead th", (ths) => ths.map((th) => th.textContent)), [
      "Row",
      "A",
      "B",
      "C"
    ]);
    assert.equal(await page.textContent("#g1-C4"), "2", "the count of 16 to 24 in C4");
    // A record chosen highlights its count's cell in the grid; a grid row's number highlights its records.
    await page.click("table.records button.line >> text=13");
    assert.match((await page.getAttribute("#g1-C4", "class")) ?? "", /\bhl\b/);
    await page.getByLabel("Row 5 of sheet Cases: show its records (text line 14)").click();
    assert.match((await page.getAttribute('table.records tr[data-line="14"]', "class")) ?? "", /\bhl\b/);
    assert.deepEqual(await serious(), []);
    assert.deepEqual(problems, []);
  } finally {
    await desk.close();
  }
});
