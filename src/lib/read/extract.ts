/**
 * Node-only: turns a reply file's bytes into text, whatever the format. Plain
 * text, CSV and TSV are decoded (UTF-8, Windows-1252 or UTF-16); Word (.docx)
 * goes through mammoth and PDF through unpdf (pdf.js), both turned into text
 * with one table row per line. For Word and PDF files the line numbers in
 * records count in that extracted text, and the reply says so.
 *
 * mammoth and unpdf are loaded only when a Word or PDF file is read: pdf.js is
 * large, and a loader whose replies all come from the parse cache needs neither.
 */
import {docxHtmlToText, pdfItemsToText, type PdfTextItem} from "../parse/extracted-text.js";
import {ReplyError, decodeReply} from "../parse/text.js";
import type {ReplyFormat, TextSource} from "../types.js";

export interface ExtractedText {
  text: string;
  format: ReplyFormat;
  encoding: string | null;
  textSource: TextSource;
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Says what a file is from its first bytes, with its name's extension as a tie-breaker for text. */
export function sniffFormat(bytes: Uint8Array, name: string): ReplyFormat {
  const ext = /\.([^./]+)$/.exec(name)?.[1].toLowerCase() ?? "";
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, ZIP)) return "docx";
  if (startsWith(bytes, OLE))
    throw new ReplyError(
      name,
      null,
      "this is an old Word (.doc) or Excel (.xls) file, which the kit cannot read; save it as .docx, .csv or .txt"
    );
  if (ext === "pdf" || ext === "docx")
    throw new ReplyError(
      name,
      null,
      `the file is named .${ext} but is not a ${ext === "pdf" ? "PDF" : "Word .docx"} file (its first bytes do not match)`
    );
  if (ext === "csv") return "csv";
  if (ext === "tsv" || ext === "tab") return "tsv";
  return "text";
}

/** Reads any supported reply file's bytes as text. Throws ReplyError naming the file for anything it cannot read. */
export async function extractText(bytes: Uint8Array, name: string): Promise<ExtractedText> {
  if (bytes.length === 0) throw new ReplyError(name, null, "the file is empty");
  const format = sniffFormat(bytes, name);
  if (format === "docx")
    return {text: await docxText(bytes, name), format, encoding: null, textSource: "extracted from docx"};
  if (format === "pdf")
    return {text: await pdfText(bytes, name), format, encoding: null, textSource: "extracted from pdf"};
  const {text, encoding} = decodeReply(bytes, name);
  return {text, format, encoding, textSource: "as received"};
}

async function docxText(bytes: Uint8Array, name: string): Promise<string> {
  const {default: mammoth} = await import("mammoth");
  let html: string;
  try {
    html = (await mammoth.convertToHtml({buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)})).value;
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(name, null, `the file is a zip archive but not a readable Word .docx document (${why})`);
  }
  const text = docxHtmlToText(html);
  if (!text.trim()) throw new ReplyError(name, null, "the Word document holds no text");
  return text;
}

async function pdfText(bytes: Uint8Array, name: string): Promise<string> {
  const {getDocumentProxy} = await import("unpdf");
  const pages: PdfTextItem[][] = [];
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      useSystemFonts: false,
      stopAtErrors: true
    });
    try {
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        pages.push(content.items.filter((it) => "str" in it) as unknown as PdfTextItem[]);
      }
    } finally {
      await pdf.cleanup();
    }
  } catch (error) {
    const e = error as {name?: string; message?: string};
    if (e?.name === "PasswordException") throw new ReplyError(name, null, "the PDF is protected by a password");
    throw new ReplyError(name, null, `the PDF cannot be read (${String(e?.message ?? error).split("\n")[0]})`);
  }
  const text = pdfItemsToText(pages);
  if (!text.trim())
    throw new ReplyError(
      name,
      null,
      "the PDF has no text layer (a scanned image?); it needs OCR before the kit can read it"
    );
  return text;
}
