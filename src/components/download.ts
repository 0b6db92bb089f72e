/**
 * Downloads: a native button that saves a file made on demand, and the
 * conversion of a Plot chart (a <figure> with its title, legend and caption,
 * or a bare <svg>) into one standalone SVG, and that SVG into a PNG by
 * drawing it on a canvas. All in the browser: nothing is sent anywhere.
 */

export type BlobMaker = () => Blob | Promise<Blob>;

/** Saves a blob under a file name, as a link with `download` would. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser the time it needs to start reading the blob before it is freed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadButton(label: string, filename: string | (() => string), make: BlobMaker): HTMLButtonElement {
  const button = Object.assign(document.createElement("button"), {type: "button", textContent: label, className: "download"});
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      saveBlob(await make(), typeof filename === "function" ? filename() : filename);
    } finally {
      button.disabled = false;
    }
  });
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
  const plots = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll<SVGSVGElement>(":scope > svg")].filter((s) => !s.closest("[class$=-swatches]"));
  const plotSvg = plots.at(-1);
  if (!plotSvg) throw new Error("chartToSvg: the chart has no <svg> to save");
  const width = Number(plotSvg.getAttribute("width")) || plotSvg.getBoundingClientRect().width;
  const plotHeight = Number(plotSvg.getAttribute("height")) || plotSvg.getBoundingClientRect().height;
  const text = (selector: string) => chart.querySelector(selector)?.textContent?.trim() ?? "";
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("font-family", "system-ui, sans-serif");
  out.setAttribute("font-size", "12");
  out.setAttribute("style", "color: black; background: white;");
  const background = document.createElementNS(SVG_NS, "rect");
  out.append(background);
  let y = 0;
  const line = (content: string, size: number, weight = "normal") => {
    if (!content) return;
    y += size + 6;
    const t = document.createElementNS(SVG_NS, "text");
    Object.entries({x: "0", y: String(y), "font-size": String(size), "font-weight": weight, fill: "currentColor"}).forEach(([k, v]) => t.setAttribute(k, v));
    t.textContent = content;
    out.append(t);
  };
  line(text("h2"), 16, "bold");
  line(text("h3"), 13);
  const scale = (chart as Element & {scale?: (name: string) => ColorScale | undefined}).scale?.("color");
  if (scale && scale.type === "ordinal" && scale.domain && scale.range) {
    y += 10;
    let x = 0;
    scale.domain.forEach((value, i) => {
      const label = String(value);
      const w = 28 + 7.5 * label.length; // generous: the reader's font is unknown
      if (x + w > width && x > 0) (x = 0), (y += 18);
      const swatch = document.createElementNS(SVG_NS, "rect");
      Object.entries({x: String(x), y: String(y), width: "12", height: "12", fill: String(scale.range![i % scale.range!.length])}).forEach(([k, v]) => swatch.setAttribute(k, v));
      const t = document.createElementNS(SVG_NS, "text");
      Object.entries({x: String(x + 16), y: String(y + 10), fill: "currentColor"}).forEach(([k, v]) => t.setAttribute(k, v));
      t.textContent = label;
      out.append(swatch, t);
      x += w;
    });
    y += 18;
  }
  const plot = plotSvg.cloneNode(true) as SVGSVGElement;
  plot.querySelectorAll("[aria-label=tip]").forEach((tip) => tip.remove());
  plot.setAttribute("y", String(y + 4));
  out.append(plot);
  y += plotHeight + 4;
  const caption = text("figcaption");
  if (caption) line(caption, 11);
  const height = Math.ceil(y + 8);
  // A margin all round, so that text does not touch the edge of the image.
  const margin = 10;
  const outWidth = width + 2 * margin;
  const outHeight = height + 2 * margin;
  Object.entries({width: String(outWidth), height: String(outHeight), viewBox: `${-margin} ${-margin} ${outWidth} ${outHeight}`}).forEach(([k, v]) => out.setAttribute(k, v));
  Object.entries({x: String(-margin), y: String(-margin), width: String(outWidth), height: String(outHeight), fill: "white"}).forEach(([k, v]) => background.setAttribute(k, v));
  return {svg: new XMLSerializer().serializeToString(out), width: outWidth, height: outHeight};
}

/** Draws an SVG on a canvas (at `scale` times its size, for sharp text) and returns it as a PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = Object.assign(document.createElement("canvas"), {width: Math.ceil(width * scale), height: Math.ceil(height * scale)});
  const context = canvas.getContext("2d");
  if (!context) throw new Error("svgToPng: this browser gives no 2D canvas");
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("svgToPng: the canvas gave no PNG"))), "image/png"));
}

/** Buttons saving a chart as SVG and as PNG; `chart` returns the chart on show when clicked. */
export function chartDownloads(chart: () => Element, basename: string): HTMLButtonElement[] {
  return [
    downloadButton("Chart as SVG", `${basename}.svg`, () => new Blob([chartToSvg(chart()).svg], {type: "image/svg+xml"})),
    downloadButton("Chart as PNG", `${basename}.png`, () => {
      const {svg, width, height} = chartToSvg(chart());
      return svgToPng(svg, width, height);
    })
  ];
}
