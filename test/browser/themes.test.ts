// Both colour schemes are legible: text, tables and the chart's labels contrast with what is behind them
// (WCAG contrast ratios, computed from the colours the browser actually paints).
import assert from "node:assert/strict";
import {test} from "node:test";
import type {Browser, Page} from "playwright-core";
import {type Site, visit, withSiteAndBrowser} from "./harness.js";

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => ((site = s), (browser = b)));

interface Sample {
  what: string;
  ratio: number;
  background: number;
}

/** Contrast of each sampled element's text with the first opaque background behind it. */
async function contrasts(page: Page): Promise<Sample[]> {
  // tsx compiles named functions with esbuild's __name helper, which the page does not have.
  await page.evaluate("window.__name = (fn) => fn");
  return page.evaluate(() => {
    const ctx = Object.assign(document.createElement("canvas"), {width: 1, height: 1}).getContext("2d", {
      willReadFrequently: true
    })!;
    // The canvas turns any CSS colour (rgb, color(srgb ...), oklch, color-mix results) into sRGB bytes.
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "#000";
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backgroundOf = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] === 255) return c;
      }
      return rgba(getComputedStyle(document.documentElement).backgroundColor || "#fff");
    };
    const targets: [string, string][] = [
      ["h1", "heading"],
      ["#observablehq-main p", "paragraph"],
      ["table.pivot-table td", "table cell"],
      ["table.figures th", "table heading"],
      ["svg[class^=plot] g[aria-label='x-axis tick label'] text", "chart axis label"],
      ["span[class$='-swatch']", "chart legend"],
      ["#observablehq-sidebar a", "sidebar link"]
    ];
    return targets.flatMap(([selector, what]) => {
      const el = [...document.querySelectorAll(selector)].find((e) => e.checkVisibility());
      if (!el) return [{what: `${what} (missing: ${selector})`, ratio: 0, background: NaN}];
      const style = getComputedStyle(el);
      const fg = rgba(el instanceof SVGElement && style.fill && style.fill !== "none" ? style.fill : style.color);
      const bg = backgroundOf(el);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return [{what, ratio: (a + 0.05) / (b + 0.05), background: luminance(bg)}];
    });
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`the report is legible in the ${scheme} colour scheme`, async () => {
    const {page, problems} = await visit(browser, site.url, site, {colorScheme: scheme});
    assert.deepEqual(problems, []);
    const samples = await contrasts(page);
    for (const s of samples) {
      assert.ok(s.ratio >= 4.5, `${scheme}: ${s.what} has contrast ${s.ratio.toFixed(2)}:1, below WCAG AA's 4.5:1`);
    }
    const page_ = samples.find((s) => s.what === "paragraph")!;
    if (scheme === "dark") assert.ok(page_.background < 0.05, "the dark scheme paints a dark page");
    else assert.ok(page_.background > 0.8, "the light scheme paints a light page");
    await page.context().close();
  });
}
