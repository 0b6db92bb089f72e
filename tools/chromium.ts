/**
 * A headless Chromium driven by playwright-core: found (see `chromiumExecutable`), launched with
 * the flags this closed network needs, opening a page of the built site, waiting for Framework to
 * settle, and gathering everything a reader would see go wrong. Shared by the browser tests, the
 * performance suite and the screenshot and PDF scripts.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {brotliDecompressSync} from "node:zlib";
import {chromium, type Browser, type Page} from "playwright-core";
import type {Site} from "./site.js";

/**
 * Browsers a machine may already have: Debian's, Google's packages, macOS's. Not Ubuntu's
 * /usr/bin/chromium-browser, a wrapper of the snap, which headless automation trips over.
 */
const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium"
];

/** Where the bundled browser is unpacked: the kit's cache, one folder per package version. */
const CACHE = join(import.meta.dirname, "../node_modules/.cache/foi-kit");

export interface ChromiumChoice {
  path: string;
  /** Where it came from, for messages and the benchmark's record. */
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
  /** Extra environment for the browser process (the bundled browser's fonts). */
  env?: Record<string, string>;
}

/**
 * Which Chromium to drive: CHROMIUM_PATH when set, else a Chrome or Chromium the system has,
 * else the one the @sparticuz/chromium dev dependency ships inside its npm package (Linux x64),
 * so `npm ci && npm test` works on a machine with nothing but Node and npm, offline after install.
 */
export function chromiumExecutable(): ChromiumChoice {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist`);
    return {path: fromEnv, source: "CHROMIUM_PATH"};
  }
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p));
  if (system) return {path: system, source: "system"};
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(
      `no Chrome or Chromium found (looked at ${SYSTEM_BROWSERS.join(", ")}), and the bundled one runs on Linux x64 only: set CHROMIUM_PATH to a Chrome or Chromium`
    );
  return bundledChromium();
}

/**
 * Unpacks @sparticuz/chromium's brotli'd browser (its `chromium.br`, `swiftshader.tar.br` and
 * `fonts.tar.br`) once per version into the kit's cache. Not through the package's own
 * executablePath(): that unpacks into a fixed /tmp/chromium whatever the version, and a run
 * stopped half-way leaves a truncated browser there for good. Here a folder is unpacked under
 * a private name and renamed into place whole, so a folder that exists is complete.
 */
export function bundledChromium(): ChromiumChoice {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    // The package exports no package.json: find it from its entry point (build/cjs/index.cjs).
    pkgJson = join(dirname(require.resolve("@sparticuz/chromium")), "../../package.json");
  } catch {
    throw new Error(
      "no Chrome or Chromium found and @sparticuz/chromium is not installed: run npm ci, or set CHROMIUM_PATH"
    );
  }
  const {version} = JSON.parse(readFileSync(pkgJson, "utf8")) as {version: string};
  const bin = join(dirname(pkgJson), "bin");
  const dir = join(CACHE, `chromium-${version}`);
  if (!existsSync(join(dir, "chromium"))) {
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, {recursive: true, force: true});
    mkdirSync(partial, {recursive: true});
    writeFileSync(join(partial, "chromium"), brotliDecompressSync(readFileSync(join(bin, "chromium.br"))), {
      mode: 0o755
    });
    // SwiftShader's libraries sit beside the binary, where it looks for them (as the package lays them out).
    untar(brotliDecompressSync(readFileSync(join(bin, "swiftshader.tar.br"))), partial);
    untar(brotliDecompressSync(readFileSync(join(bin, "fonts.tar.br"))), partial);
    // NSS and expat as the binary was built against (Amazon Linux 2023's): a machine with Node only
    // may have no libnss3, and the binary needs glibc 2.34 or later whichever libraries it loads.
    untar(brotliDecompressSync(readFileSync(join(bin, "al2023.tar.br"))), partial);
    // The package's fonts.conf names Lambda's folders. This one takes the system's configuration when
    // there is one (its fonts, and which font "serif" and "sans-serif" mean), and adds the unpacked
    // Open Sans so a machine without fonts still draws text.
    writeFileSync(
      join(partial, "fonts.conf"),
      [
        `<?xml version="1.0"?>`,
        `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">`,
        `<fontconfig>`,
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>`,
        `  <dir>${join(dir, "fonts")}</dir>`,
        `  <cachedir>${join(dir, "fonts-cache")}</cachedir>`,
        `</fontconfig>`,
        ``
      ].join("\n")
    );
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another process unpacked the same version first: use theirs.
      rmSync(partial, {recursive: true, force: true});
      if (!existsSync(join(dir, "chromium"))) throw error;
    }
  }
  return {
    path: join(dir, "chromium"),
    source: "@sparticuz/chromium",
    env: {
      FONTCONFIG_FILE: join(dir, "fonts.conf"),
      LD_LIBRARY_PATH: [join(dir, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":")
    }
  };
}

/** Writes the regular files and folders of an uncompressed tar archive (ustar) under `into`. */
function untar(archive: Buffer, into: string): void {
  for (let at = 0; at + 512 <= archive.length;) {
    const field = (start: number, length: number) =>
      archive
        .subarray(at + start, at + start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const name = field(345, 155) ? `${field(345, 155)}/${field(0, 100)}` : field(0, 100);
    if (!name) break; // the two zero blocks that end an archive
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const target = join(into, name);
    if (!target.startsWith(into + "/")) throw new Error(`tar entry outside its folder: ${name}`);
    if (type === "5") mkdirSync(target, {recursive: true});
    else if (type === "0") {
      mkdirSync(dirname(target), {recursive: true});
      writeFileSync(target, archive.subarray(at + 512, at + 512 + size), {
        mode: parseInt(field(100, 8).trim() || "644", 8)
      });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

/** Headless Chromium, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  const browser = chromiumExecutable();
  return chromium.launch({
    executablePath: browser.path,
    env: browser.env ? {...process.env, ...browser.env} : undefined,
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

/**
 * launchBrowser for the command-line scripts (`npm run pdf`, `npm run screenshot`): a browser that
 * cannot be found or started is a one-line message and exit code 1, not a stack trace.
 */
export async function launchBrowserOrExit(): Promise<Browser> {
  try {
    return await launchBrowser();
  } catch (error) {
    console.error(`Cannot start Chromium: ${(error as Error).message.split("\n")[0]}`);
    process.exit(1);
  }
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
