// Takes a full-page screenshot of a built page, as a reader would see it:
//   npm run screenshot -- [page.html] [out.png] [--dark] [--width 1200]
// Builds nothing: run `npm run build` first. Prints any problem the page had.
import {parseArgs} from "node:util";
import {launchBrowserOrExit, visit} from "../tools/chromium.js";
import {serveDist} from "../tools/site.js";

const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {dark: {type: "boolean"}, width: {type: "string", default: "1200"}}
});
const [path = "", out = "screenshot.png"] = positionals;
const site = await serveDist();
const browser = await launchBrowserOrExit();
try {
  const {page, problems} = await visit(browser, site.url + path, site, {colorScheme: values.dark ? "dark" : "light"});
  await page.setViewportSize({width: Number(values.width), height: 900});
  await page.screenshot({path: out, fullPage: true});
  console.log(`${out}: ${path || "index"}${problems.length ? `\n${problems.join("\n")}` : " (no problems)"}`);
} finally {
  await browser.close();
  await site.close();
}
