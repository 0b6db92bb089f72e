/**
 * Downloads: a native button that saves a file made on demand, and the
 * conversion of a Plot chart (a <figure> with its title, legend and caption,
 * or a bare <svg>) into one standalone SVG, and that SVG into a PNG by
 * drawing it on a canvas. All in the browser: nothing is sent anywhere.
 */

import {html, svg} from "htl";

export type BlobMaker = () => Blob | Promise<Blob>;

/** Saves a blob under a file name, as a link with `download` would. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = html<HTMLAnchorElement>`<a href=${url} download=${filename} hidden></a>`;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser the time it needs to start reading the blob before it is freed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface DownloadOptions {
  label: string;
  /** The file's name, or a function giving it when the button is pressed. */
  filename: string | (() => string);
}

/** A button that saves the blob `make` returns, made when pressed (so it reflects the view at that moment). */
export function downloadButton(make: BlobMaker, {label, filename}: DownloadOptions): HTMLButtonElement {
  const button: HTMLButtonElement = html`<button type="button" class="download" onclick=${async () => {
    button.disabled = true;
    try {
      saveBlob(await make(), typeof filename === "function" ? filename() : filename);
    } finally {
      button.disabled = false;
    }
  }}>${label}</button>`;
  return button;
}

const SVG_NS = "http://www.w3.org/2000/svg";

interface ColorScale {
  domain?: unknown[];
  range?: unknown[];
  type?: string;
  label?: string;
}

/**
 * One standalone SVG of a chart: the title and subtitle as text, the colour
 * legend (ordinal scales) as swatches, the plot itself, then the caption, on
 * a white background with black text so it reads outside the page.
 */
export function chartToSvg(chart: Element): {svg: string; width: number; height: number} {
  const plots =
    chart instanceof SVGSVGElement
      ? [chart]
      : [...chart.querySelectorAll<SVGSVGElement>(":scope > svg")].filter((s) => !s.closest("[class$=-swatches]"));
  const plotSvg = plots.at(-1);
  if (!plotSvg) throw new Error("chartToSvg: the chart has no <svg> to save");
  const width = Number(plotSvg.getAttribute("width")) || plotSvg.getBoundingClientRect().width;
  const plotHeight = Number(plotSvg.getAttribute("height")) || plotSvg.getBoundingClientRect().height;
  const text = (selector: string) => chart.querySelector(selector)?.textContent?.trim() ?? "";
  // Lay out first (each line below the last), then draw.
  const parts: Node[] = [];
  let y = 0;
  const line = (content: string, size: number, weight = "normal") => {
    if (!content) return;
    y += size + 6;
    parts.push(
      svg.fragment`<text x="0" y=${y} font-size=${size} font-weight=${weight} fill="currentColor">${content}</text>`
    );
  };
  line(text("h2"), 16, "bold");
  line(text("h3"), 13);
  const scale = (chart as Element & {scale?: (name: string) => ColorScale | undefined}).scale?.("color");
  if (scale && scale.type === "ordinal" && scale.domain && scale.range) {
    const range = scale.range;
    y += 10;
    let x = 0;
    scale.domain.forEach((value, i) => {
      const label = String(value);
      const w = 28 + 7.5 * label.length; // generous: the reader's font is unknown
      if (x + w > width && x > 0) {
        x = 0;
        y += 18;
      }
      parts.push(
        svg.fragment`<rect x=${x} y=${y} width="12" height="12" fill=${String(range[i % range.length])}></rect><text x=${x + 16} y=${y + 10} fill="currentColor">${label}</text>`
      );
      x += w;
    });
    y += 18;
  }
  const plot = plotSvg.cloneNode(true) as SVGSVGElement;
  plot.querySelectorAll("[aria-label=tip]").forEach((tip) => tip.remove());
  plot.setAttribute("y", String(y + 4));
  parts.push(plot);
  y += plotHeight + 4;
  line(text("figcaption"), 11);
  const height = Math.ceil(y + 8);
  // A margin all round, so that text does not touch the edge of the image.
  const margin = 10;
  const outWidth = width + 2 * margin;
  const outHeight = height + 2 * margin;
  // color (a presentation attribute) makes the text black wherever the file is opened.
  const out = svg<SVGSVGElement>`<svg xmlns=${SVG_NS} width=${outWidth} height=${outHeight} viewBox=${`${-margin} ${-margin} ${outWidth} ${outHeight}`} font-family="system-ui, sans-serif" font-size="12" color="black"><rect x=${-margin} y=${-margin} width=${outWidth} height=${outHeight} fill="white"></rect>${parts}</svg>`;
  return {svg: new XMLSerializer().serializeToString(out), width: outWidth, height: outHeight};
}

/** Draws an SVG on a canvas (at `scale` times its size, for sharp text) and returns it as a PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = html<HTMLCanvasElement>`<canvas width=${Math.ceil(width * scale)} height=${Math.ceil(height * scale)}></canvas>`;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("svgToPng: this browser gives no 2D canvas");
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("svgToPng: the canvas gave no PNG"))), "image/png")
  );
}

/** Buttons saving a chart as SVG and as PNG; `chart` returns the chart on show when clicked. */
export function chartDownloads(chart: () => Element, {basename}: {basename: string}): HTMLButtonElement[] {
  return [
    downloadButton(() => new Blob([chartToSvg(chart()).svg], {type: "image/svg+xml"}), {
      label: "Chart as SVG",
      filename: `${basename}.svg`
    }),
    downloadButton(
      () => {
        const {svg, width, height} = chartToSvg(chart());
        return svgToPng(svg, width, height);
      },
      {label: "Chart as PNG", filename: `${basename}.png`}
    )
  ];
}
