/**
 * Node-only: OCR of scanned pages with tesseract.js, fully offline: its
 * WebAssembly core comes from the installed tesseract.js-core and the English
 * model from the installed @tesseract.js-data/eng (never a CDN), and nothing
 * is cached to disk. Each word's box becomes a positioned piece of text, so
 * the same code that reads a PDF's text layer puts a table's words back in
 * their columns.
 */
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {pdfItemsToLines, type PdfTextItem} from "./pdf-text.js";
import {ReplyError} from "../../core/errors.js";
import {spendOcrPages} from "./budget.js";
import {transcribedName} from "./limits.js";

/** An image as pdf.js decodes it: kind 1 is 1 bit per pixel, 2 RGB, 3 RGBA. */
export interface PageImage {
  width: number;
  height: number;
  kind?: number;
  data: Uint8Array | Uint8ClampedArray;
}

interface OcrWord {
  text: string;
  bbox: {x0: number; y0: number; x1: number; y1: number};
}
interface OcrLine {
  words: OcrWord[];
  bbox: {x0: number; y0: number; x1: number; y1: number};
  baseline?: {y0: number; y1: number};
}

const require = createRequire(import.meta.url);

/**
 * Reads each page's image (null: a page without one) and returns the text, pages separated by a
 * blank line, with the line each page starts on.
 */
export async function ocrPages(images: (PageImage | null)[], file: string): Promise<{text: string; pages: number[]}> {
  let tesseract: typeof import("tesseract.js");
  let langPath: string;
  try {
    tesseract = await import("tesseract.js");
    langPath = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
  } catch {
    throw new ReplyError(
      file,
      null,
      `the PDF is a scan and OCR is not installed (npm install); transcribe its table into ${transcribedName(file)} beside it`
    );
  }
  // Counted against the reply's budget (all its scans together), before any page is read.
  spendOcrPages(images.filter((image) => image != null).length, file);
  let worker: Awaited<ReturnType<typeof tesseract.createWorker>> | null = null;
  try {
    worker = await tesseract.createWorker("eng", tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: "none",
      logger: () => undefined,
      errorHandler: () => undefined
    });
    const pages: PdfTextItem[][] = [];
    for (const image of images) {
      if (!image) {
        pages.push([]);
        continue;
      }
      const result = await worker.recognize(toPgm(image), {}, {blocks: true, text: false});
      const items: PdfTextItem[] = [];
      for (const block of result.data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines as OcrLine[]) {
            const height = Math.max(1, (line.bbox.y1 - line.bbox.y0) * 0.8);
            const base = line.baseline ? (line.baseline.y0 + line.baseline.y1) / 2 : line.bbox.y1;
            for (const word of line.words) {
              if (!word.text.trim()) continue;
              // Image rows count down; PDF's y axis points up.
              items.push({
                str: word.text,
                transform: [height, 0, 0, height, word.bbox.x0, -base],
                width: word.bbox.x1 - word.bbox.x0,
                height
              });
            }
          }
        }
      }
      pages.push(items);
    }
    return pdfItemsToLines(pages);
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw new ReplyError(
      file,
      null,
      `the PDF is a scan and OCR failed (${String((error as Error)?.message ?? error).split("\n")[0]}); transcribe its table into ${transcribedName(file)} beside it`
    );
  } finally {
    await worker?.terminate().catch(() => undefined);
  }
}

/** The image as 8-bit grey PGM, a format Tesseract reads without any codec; mostly-dark images are inverted. */
export function toPgm(image: PageImage): Buffer {
  const {width, height, data} = image;
  const grey = new Uint8Array(width * height);
  const channels = data.length / (width * height);
  if (channels >= 1 && Number.isInteger(channels)) {
    for (let p = 0; p < width * height; p++) {
      grey[p] =
        channels >= 3
          ? (data[p * channels] * 299 + data[p * channels + 1] * 587 + data[p * channels + 2] * 114) / 1000
          : data[p * channels];
    }
  } else {
    // 1 bit per pixel, rows padded to whole bytes.
    const stride = Math.ceil(width / 8);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        grey[y * width + x] = (data[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
  }
  let sum = 0;
  for (let p = 0; p < grey.length; p += 7) sum += grey[p];
  if (sum / Math.ceil(grey.length / 7) < 96) for (let p = 0; p < grey.length; p++) grey[p] = 255 - grey[p];
  // A 600 dpi scan is needlessly large for OCR and slow to read: shrink it (averaging blocks) to about 2,500 pixels wide.
  const f = Math.ceil(width / MAX_OCR_WIDTH);
  if (f <= 1) return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii"), grey]);
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const small = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let total = 0;
      for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) total += grey[(y * f + dy) * width + x * f + dx];
      small[y * w + x] = total / (f * f);
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, "ascii"), small]);
}

const MAX_OCR_WIDTH = 2500;
