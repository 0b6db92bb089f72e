import {gzipSync} from "node:zlib";
import {readFileSync} from "node:fs";
import {join} from "node:path";
const {launchBrowser, serveDist} = await import("../test/browser/harness.js");
const dist = process.argv[2] ?? "/work/main/dist";
const site = await serveDist("/", dist);
const browser = await launchBrowser();
for (const p of (process.argv[3] ?? "index,explore,ofcom,data,data-quality,template").split(",")) {
  const page = await browser.newPage();
  const files: string[] = [];
  page.on("response", (r) => files.push(new URL(r.url()).pathname));
  await page.goto(site.url + p + ".html", {waitUntil: "networkidle"});
  let total = 0; const rows: [string, number][] = [];
  for (const f of files) { try { const b = gzipSync(readFileSync(join(dist, decodeURIComponent(f)))).length; total += b; rows.push([f, b]); } catch {} }
  rows.sort((a, b) => b[1] - a[1]);
  console.log(p, Math.round(total / 1024) + " kB gz", rows.slice(0, 8).map(([f, b]) => `${f.replace(/^\/_(npm|node)\//, "")}:${Math.round(b / 1024)}`).join(" "));
  await page.close();
}
await browser.close(); await site.close();
