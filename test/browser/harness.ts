/**
 * Browser test harness: serves the built site from `dist/` on 127.0.0.1 (a
 * sub-path too, as a static host would) and drives Debian's Chromium through
 * playwright-core, collecting everything a reader would see go wrong.
 */
import {readdirSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {join, relative} from "node:path";
import {after, before} from "node:test";
import {chromium, type Browser, type Page} from "playwright-core";
import sirv from "sirv";

export const DIST = join(import.meta.dirname, "../../dist");

export interface Site {
  /** Origin and base path, ending in "/", e.g. http://127.0.0.1:4321/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves `dist/` under `base` (default "/"), on a free port of the loopback address. */
export async function serveDist(base = "/", root = DIST): Promise<Site> {
  const assets = sirv(root, {dev: true, etag: false, extensions: ["html"]});
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(base)) {
      res.statusCode = 404;
      res.end("not under the base path");
      return;
    }
    req.url = "/" + url.slice(base.length);
    assets(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {url: origin + base, origin, close: () => new Promise((resolve) => server.close(() => resolve()))};
}

/** Headless Debian Chromium, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  });
}

/** Built pages as paths relative to the site's base ("index.html", "explore.html", ...). */
export function builtPages(root = DIST): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.startsWith("_")) continue; // Framework's assets: _observablehq, _npm, _node, _import, _file
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html") && name !== "404.html") pages.push(relative(root, path));
    }
  };
  walk(root);
  return pages.sort();
}

export interface PageVisit {
  page: Page;
  /** Everything that went wrong: console errors, uncaught errors, failed or foreign requests, error cells. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** Opens a page, waits for it to settle, and gathers problems. */
export async function visit(browser: Browser, url: string, site: Site, options: {colorScheme?: "light" | "dark"} = {}): Promise<PageVisit> {
  const context = await browser.newContext({colorScheme: options.colorScheme ?? "light", viewport: {width: 1200, height: 900}, acceptDownloads: true});
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught error: ${error.message}`));
  page.on("request", (request) => {
    requests.push(request.url());
    const u = new URL(request.url());
    if (!["data:", "blob:", "about:"].includes(u.protocol) && u.origin !== site.origin) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, {waitUntil: "networkidle"});
  await settle(page);
  const errors = await page.locator(".observablehq--error").allTextContents();
  problems.push(...errors.map((text) => `error cell: ${text}`));
  return {page, problems, requests};
}

/**
 * Waits until Framework has no cell still loading: 1.13 marks a pending cell
 * with an <observablehq-loading> element (older versions used a class).
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("observablehq-loading, .observablehq--loading"), null, {timeout: 15000});
  await page.waitForLoadState("networkidle");
}

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
