/**
 * Browser test harness: the node:test hooks that serve the built site and launch
 * Chromium around a test file. Serving `dist/`, launching Chromium and visiting a
 * page live in tools/ (the performance suite and the scripts use them too); they
 * are re-exported here so a test imports everything from one place.
 */
import {after, before} from "node:test";
import type {Browser} from "playwright-core";
import {launchBrowser} from "../../tools/chromium.js";
import {DIST, serveDist, type Site} from "../../tools/site.js";

export {launchBrowser, settle, visit, type PageVisit} from "../../tools/chromium.js";
export {builtPages, DIST, serveDist, type Site} from "../../tools/site.js";

/**
 * Registers the usual hooks of a browser test file: serve the built site and
 * launch Chromium before its tests, close both after. `ready` receives them.
 * `root` is the built site, or a function that builds one (a copy of the app in
 * a temp folder, tools/app-copy.ts) and returns where, run before the tests.
 */
export function withSiteAndBrowser(
  ready: (site: Site, browser: Browser) => void,
  base = "/",
  root: string | (() => string | Promise<string>) = DIST
): void {
  let site: Site | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await serveDist(base, typeof root === "function" ? await root() : root);
    browser = await launchBrowser();
    ready(site, browser);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}
