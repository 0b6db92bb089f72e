/**
 * The review desk's PDF pages as images, rendered in the browser by pdf.js. Bundled by
 * server.ts as its own script (/review-pdf.js) and loaded by page.ts only when a PDF is
 * opened, so the queue does not carry pdf.js's 1.4 MB. The pdf.js build is the one the
 * kit already has: unpdf's (`unpdf/pdfjs`, pdf.js 5), which carries its worker inside it
 * (it sets `globalThis.pdfjsWorker`), so pdf.js runs it on the page's thread and nothing
 * is fetched but the reply's own bytes from the desk.
 */
import {getDocument} from "unpdf/pdfjs";

/** Pages rendered at most: a reply is a letter; a longer PDF says where it stops. */
export const MAX_PAGES = 40;

export interface RenderedPages {
  pages: number;
  shown: number;
}

/**
 * Renders the PDF at `url` into `box`, one canvas per page (a figure with its page number),
 * each `width` CSS pixels wide. Resolves once every shown page is drawn; rejects with pdf.js's
 * message for a PDF it cannot read.
 */
export async function renderPdf(url: string, box: HTMLElement, width: number): Promise<RenderedPages> {
  const res = await fetch(url);
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as {error?: string} | null;
    throw new Error(json?.error ?? `${res.status} ${res.statusText}`);
  }
  const data = new Uint8Array(await res.arrayBuffer());
  // No eval (pdf.js's font compiler), errors only in the console: warnings about fonts the
  // PDF does not embed (pdf-lib's Helvetica) are pdf.js falling back to the browser's fonts.
  const pdf = await getDocument({data, isEvalSupported: false, verbosity: 0}).promise;
  try {
    const shown = Math.min(pdf.numPages, MAX_PAGES);
    for (let n = 1; n <= shown; n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({scale: 1});
      const scale = width / base.width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({scale: scale * ratio});
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `Page ${n} of ${pdf.numPages} as an image; its text is under "Extracted text"`);
      const figure = document.createElement("figure");
      figure.id = `P${n}`;
      figure.className = "pdf-page";
      const caption = document.createElement("figcaption");
      caption.textContent = `Page ${n} of ${pdf.numPages}`;
      figure.append(canvas, caption);
      box.append(figure);
      const context = canvas.getContext("2d");
      if (!context) throw new Error("the browser gave no 2D canvas to draw the page on");
      await page.render({canvasContext: context, canvas, viewport}).promise;
      page.cleanup();
    }
    return {pages: pdf.numPages, shown};
  } finally {
    void pdf.destroy();
  }
}
