/**
 * Node-only: PDF replies through unpdf (Mozilla's pdf.js). The text layer's
 * pieces and their positions become lines (src/lib/extract/formats/pdf-text.ts
 * puts a table's pieces in their columns). A PDF with no text layer is a scan:
 * its page images are read by OCR (./ocr.ts) when it has any.
 */
import {getDocumentProxy, getResolvedPDFJS} from "unpdf";
import {pdfItemsToLines, type PdfTextItem} from "./pdf-text.js";
import {ReplyError} from "../../core/errors.js";
import {LIMITS, tooBig, transcribedName} from "./limits.js";
import {whilePdfReads} from "./pdf-guard.js";
import {ocrPages, type PageImage} from "./ocr.js";
import type {LinePlaces, TextSource} from "../../core/types.js";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

export const NO_TEXT_LAYER = "the PDF has no text layer (a scanned image?); it needs OCR before the kit can read it";

/** A PDF's text, what it is, and the line each of its pages starts on. */
export interface PdfText {
  text: string;
  textSource: TextSource;
  places: LinePlaces;
}

/** Reads a PDF's text (or, for a scan, its OCR), with pdf.js's stray rejections let go while it reads (./pdf-guard.ts). */
export async function pdfText(bytes: Uint8Array, file: string): Promise<PdfText> {
  return whilePdfReads(() => readPdf(bytes, file));
}

async function readPdf(bytes: Uint8Array, file: string): Promise<PdfText> {
  let pdf: PdfDocument;
  const pages: PdfTextItem[][] = [];
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      useSystemFonts: false,
      stopAtErrors: true,
      isEvalSupported: false
    });
  } catch (error) {
    throw pdfError(error, file);
  }
  try {
    if (pdf.numPages > LIMITS.pdfPages)
      tooBig(
        file,
        `the PDF has ${pdf.numPages.toLocaleString("en-GB")} pages; the kit reads at most ${LIMITS.pdfPages}`
      );
    try {
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        pages.push(content.items.filter((it) => "str" in it) as unknown as PdfTextItem[]);
        page.cleanup();
      }
    } catch (error) {
      throw pdfError(error, file);
    }
    const layer = pdfItemsToLines(pages);
    if (layer.text.trim()) return {text: layer.text, textSource: "extracted from pdf", places: {pages: layer.pages}};
    const scan = await scannedText(pdf, file);
    return {text: scan.text, textSource: "read by OCR from a scanned pdf", places: {pages: scan.pages}};
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function pdfError(error: unknown, file: string): ReplyError {
  if (error instanceof ReplyError) return error;
  const e = error as {name?: string; message?: string};
  if (e?.name === "PasswordException") return new ReplyError(file, null, "the PDF is protected by a password");
  return new ReplyError(file, null, `the PDF cannot be read (${String(e?.message ?? error).split("\n")[0]})`);
}

/** A scanned PDF: each page's largest image (one entry per page, so pages keep their numbers), read by OCR. */
async function scannedText(pdf: PdfDocument, file: string): Promise<{text: string; pages: number[]}> {
  const images: (PageImage | null)[] = [];
  try {
    const {OPS} = await getResolvedPDFJS();
    const paints = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject]);
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const ops = await page.getOperatorList();
      let best: PageImage | null = null;
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (!paints.has(ops.fnArray[i])) continue;
        const arg = ops.argsArray[i][0];
        const image = (typeof arg === "string" ? await objectOf(page, arg) : arg) as PageImage | null;
        if (
          image?.data &&
          image.width > 0 &&
          image.height > 0 &&
          (!best || image.width * image.height > best.width * best.height)
        )
          best = image;
      }
      images.push(best);
      // Stop decoding as soon as the scan is over the OCR limit: a 150-page scan would otherwise
      // decode every page's image (gigabytes) before being refused.
      if (best && images.filter((image) => image != null).length > LIMITS.ocrPages) break;
    }
  } catch (error) {
    throw pdfError(error, file);
  }
  const scanned = images.filter((image) => image != null).length;
  if (scanned === 0) throw new ReplyError(file, null, NO_TEXT_LAYER);
  if (scanned > LIMITS.ocrPages) {
    throw new ReplyError(
      file,
      null,
      `the PDF is a scan of more than ${LIMITS.ocrPages} pages (it has ${pdf.numPages}), more than the kit reads by OCR; transcribe its table into ${transcribedName(file)} beside it`
    );
  }
  const read = await ocrPages(images, file);
  if (!read.text.trim())
    throw new ReplyError(
      file,
      null,
      `the PDF is a scan and OCR found no text in it; transcribe its table into ${transcribedName(file)} beside it`
    );
  return read;
}

function objectOf(
  page: {
    objs: {get(id: string, callback: (value: unknown) => void): void};
    commonObjs: {get(id: string, callback: (value: unknown) => void): void};
  },
  id: string
): Promise<unknown> {
  // pdf.js resolves an image once decoded; one that never decodes must not hang the kit.
  return Promise.race([
    new Promise((resolve) => (id.startsWith("g_") ? page.commonObjs : page.objs).get(id, resolve)),
    new Promise((resolve) => setTimeout(resolve, 10_000, null).unref())
  ]);
}
