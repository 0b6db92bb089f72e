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
 */
export function withSiteAndBrowser(ready: (site: Site, browser: Browser) => void, base = "/", root = DIST): void {
  let site: Site | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await serveDist(base, root);
    browser = await launchBrowser();
    ready(site, browser);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}
