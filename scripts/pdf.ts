// Prints the report (the home page) to dist/report.pdf with headless Chromium:
//   npm run pdf [-- --out path.pdf] [-- --page other.html]
//   FOI_DATA=dir FOI_OUTPUT=/tmp/site npm run pdf     (another data folder, built to and printed from another output)
// Builds the site first when the output is missing or older than anything in src/ or the data folder.
// The print stylesheet (src/style/print.css) drops the sidebar, search and inputs.
import {execFileSync} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {launchBrowserOrExit, settle} from "../tools/chromium.js";
import {DIST, serveDist} from "../tools/site.js";
import {DATA_DIR} from "../src/lib/read/data-dir.js";

const ROOT = join(import.meta.dirname, "..");
// The same output folder `npm run build` writes (FOI_OUTPUT, else dist/), from the same data folder (FOI_DATA, else data/).
const OUTPUT = process.env.FOI_OUTPUT ? resolve(ROOT, process.env.FOI_OUTPUT) : DIST;
const DATA = resolve(DATA_DIR);
const {values} = parseArgs({
  options: {out: {type: "string", default: join(OUTPUT, "report.pdf")}, page: {type: "string", default: "index.html"}}
});

/** Newest modification time of any file under the given folders (Framework's cache excluded). */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === ".observablehq" || name === "node_modules") continue;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else newest = Math.max(newest, stat.mtimeMs);
    }
  };
  dirs.filter(existsSync).forEach(walk);
  return newest;
}

const built = join(OUTPUT, values.page);
const sources = [join(ROOT, "src"), DATA];
if (
  !existsSync(built) ||
  statSync(built).mtimeMs < Math.max(newestSource(sources), statSync(join(ROOT, "observablehq.config.ts")).mtimeMs)
) {
  console.log(
    `Building the site first (${relative(ROOT, OUTPUT) || OUTPUT} is missing or older than src/ or the data)`
  );
  execFileSync("npm", ["run", "build", "--silent"], {cwd: ROOT, stdio: ["ignore", "ignore", "inherit"]});
}

const site = await serveDist("/", OUTPUT);
const browser = await launchBrowserOrExit();
try {
  // About the width of an A4 page's text block at 96 px per inch, so charts are drawn
  // at the size they print and their labels stay legible; light scheme whatever the OS says.
  const context = await browser.newContext({viewport: {width: 720, height: 1000}, colorScheme: "light"});
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  await page.emulateMedia({media: "print", colorScheme: "light"});
  await page.goto(site.url + values.page, {waitUntil: "networkidle"});
  await settle(page);
  const errors = await page.locator(".observablehq--error").allTextContents();
  problems.push(...errors);
  if (problems.length) throw new Error(`the page has problems, so no PDF was written:\n${problems.join("\n")}`);
  const title = await page.title();
  await page.pdf({
    path: values.out,
    format: "A4",
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    // Chromium fills the classes: the report's title and page numbers on every page.
    footerTemplate: `<div style="font: 8px sans-serif; color: #555; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;"><span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    tagged: true,
    outline: true
  });
  console.log(`${relative(process.cwd(), values.out) || values.out}: "${title}" printed`);
} finally {
  await browser.close();
  await site.close();
}
