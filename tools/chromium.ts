/**
 * Debian's Chromium driven by playwright-core: launched with the flags this closed
 * network needs, opening a page of the built site, waiting for Framework to settle,
 * and gathering everything a reader would see go wrong. Shared by the browser tests,
 * the performance suite and the screenshot and PDF scripts.
 */
import {chromium, type Browser, type Page} from "playwright-core";
import type {Site} from "./site.js";

/** Headless Debian Chromium, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  });
}

export interface PageVisit {
  page: Page;
  /** Everything that went wrong: console errors, uncaught errors, failed or foreign requests, error cells. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** Opens a page, waits for it to settle, and gathers problems. */
export async function visit(
  browser: Browser,
  url: string,
  site: Site,
  options: {colorScheme?: "light" | "dark"} = {}
): Promise<PageVisit> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: {width: 1200, height: 900},
    acceptDownloads: true
  });
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
    if (!["data:", "blob:", "about:"].includes(u.protocol) && u.origin !== site.origin)
      problems.push(`request to another origin: ${request.url()}`);
  });
  page.on("requestfailed", (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`)
  );
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
  await page.waitForFunction(() => !document.querySelector("observablehq-loading, .observablehq--loading"), null, {
    timeout: 15000
  });
  await page.waitForLoadState("networkidle");
}
