/**
 * Node-only: turns a reply file's bytes into text, whatever the format, with
 * one table row per line (cells separated by tabs) so the parser reads every
 * format alike. What a file is comes from its bytes (its name only breaks ties
 * between kinds of text). Each format's reader is in ./formats/; the text
 * source says what the line numbers count in (see docs/ingest.md, "Formats").
 *
 * Every reader is bounded (./formats/limits.ts): a file too large, a PDF of too
 * many pages, a zip bomb posing as a .docx or .xlsx each get a one-line
 * ReplyError before the work they would cost. Nothing else may escape: a
 * library's own error becomes a ReplyError naming the file.
 */
import {decodeReply} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import type {LinePlaces, ReplyFormat, TextSource} from "../core/types.js";
import {withReadingBudget} from "./formats/budget.js";
import {LIMITS, capText, tooBig} from "./formats/limits.js";
import {whilePdfReads} from "./formats/pdf-guard.js";
import {openZip} from "./formats/zip.js";

export interface ExtractedText {
  text: string;
  format: ReplyFormat;
  encoding: string | null;
  textSource: TextSource;
  /** Where the text's lines stand in the file (its pages, or its sheets' rows and cells); absent for formats without such places. */
  places?: LinePlaces;
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
const IMAGES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], "a PNG image"],
  [[0xff, 0xd8, 0xff], "a JPEG image"],
  [[0x49, 0x49, 0x2a, 0x00], "a TIFF image"],
  [[0x4d, 0x4d, 0x00, 0x2a], "a TIFF image"]
];

const ZIP_NAMES: Record<string, string> = {
  docx: "Word .docx",
  xlsx: "Excel .xlsx",
  ods: "OpenDocument .ods",
  odt: "OpenDocument .odt"
};
const extension = (name: string) => /\.([^./]+)$/.exec(name)?.[1].toLowerCase() ?? "";

/** The extensions of the formats a library reads, as a reader would name them. */
const DOCUMENT_EXTENSIONS: Record<string, string> = {
  pdf: "PDF",
  docx: "Word .docx",
  xlsx: "Excel .xlsx",
  xls: "Excel .xls",
  doc: "Word .doc",
  ods: "OpenDocument .ods",
  odt: "OpenDocument .odt",
  msg: "Outlook .msg",
  rtf: "Rich Text Format .rtf"
};

/**
 * Whether sniffFormat calls the file plain text, CSV or TSV: text the kit decodes itself, with no
 * library (./bounded.ts reads it without its worker). The same decision, from the part of it that
 * opens nothing.
 */
export function isPlainText(bytes: Uint8Array, name: string): boolean {
  try {
    const format = formatWithoutOpening(bytes, name);
    return format === "text" || format === "csv" || format === "tsv";
  } catch {
    return false; // an image, or a file misnamed as a document: refused by the reader, with its reason
  }
}

/** Says what a file is from its bytes, with its name's extension as a tie-breaker for text. */
export async function sniffFormat(bytes: Uint8Array, name: string): Promise<ReplyFormat> {
  const format = formatWithoutOpening(bytes, name);
  if (format === "zip") return zipFormat(bytes, name, extension(name));
  if (format === "ole") {
    const {openOle} = await import("./formats/cfb.js");
    const kind = openOle(bytes, name).kind;
    if (kind) return kind;
    throw new ReplyError(
      name,
      null,
      "the file is an old Office (OLE) file but not an old Word (.doc), Excel (.xls) or Outlook (.msg) one; save it as .docx, .xlsx or .csv"
    );
  }
  return format;
}

/**
 * What a file is from its first bytes and its name, opening nothing: a zip archive or an OLE
 * file is named as such, for sniffFormat to look inside.
 */
function formatWithoutOpening(bytes: Uint8Array, name: string): ReplyFormat | "zip" | "ole" {
  const ext = extension(name);
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, ZIP)) return "zip";
  if (startsWith(bytes, OLE)) return "ole";
  if (startsWith(bytes, RTF)) return "rtf";
  for (const [signature, what] of IMAGES) {
    if (startsWith(bytes, signature))
      throw new ReplyError(name, null, `the file is ${what}, not a document; transcribe its table into a .csv file`);
  }
  const document = DOCUMENT_EXTENSIONS[ext];
  if (document)
    throw new ReplyError(
      name,
      null,
      `the file is named .${ext} but is not ${/^[AEIOU]/.test(document) ? "an" : "a"} ${document} file (its first bytes do not match)`
    );
  if (ext === "eml" || looksLikeEmail(bytes)) return "eml";
  if (ext === "html" || ext === "htm" || looksLikeHtml(bytes)) return "html";
  if (ext === "csv") return "csv";
  if (ext === "tsv" || ext === "tab") return "tsv";
  return "text";
}

/** A zip archive is a .docx, .xlsx, .ods or .odt by what it holds, not by its name. */
function zipFormat(bytes: Uint8Array, name: string, ext: string): ReplyFormat {
  const zip = openZip(bytes, name, ZIP_NAMES[ext] ?? "Word, Excel or OpenDocument");
  if (zip.entries.has("word/document.xml")) return "docx";
  if (zip.entries.has("xl/workbook.xml") || zip.entries.has("xl/workbook.bin")) return "xlsx";
  const mimetype = zip.entries.has("mimetype") ? zip.text("mimetype")?.trim() : null;
  if (mimetype === "application/vnd.oasis.opendocument.spreadsheet") return "ods";
  if (mimetype === "application/vnd.oasis.opendocument.text") return "odt";
  throw new ReplyError(
    name,
    null,
    `the file is a zip archive but not a readable ${ZIP_NAMES[ext] ?? "Word, Excel or OpenDocument"} document (it holds no document the kit knows)`
  );
}

const head = (bytes: Uint8Array) =>
  new TextDecoder("latin1").decode(bytes.subarray(0, 2048)).replace(/^\ufeff|^\u00ef\u00bb\u00bf/, "");

/** An e-mail saved as a file starts with its headers, among them ones a letter never has. */
function looksLikeEmail(bytes: Uint8Array): boolean {
  const text = head(bytes);
  const headers = text.split(/\r?\n\r?\n/)[0];
  return (
    /^[A-Za-z-]+: /.test(text) &&
    /^(?:MIME-Version|Received|Message-ID|Return-Path|Delivered-To|X-[A-Za-z-]+):/im.test(headers)
  );
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html)[\s>]/i.test(head(bytes));
}

/**
 * Reads any supported reply file's bytes as text. Throws ReplyError naming the
 * file for anything it cannot read. `depth` counts e-mails inside e-mails.
 */
export async function extractText(bytes: Uint8Array, name: string, depth = 0): Promise<ExtractedText> {
  if (bytes.length === 0) throw new ReplyError(name, null, "the file is empty");
  if (bytes.length > LIMITS.fileBytes)
    tooBig(
      name,
      `it is ${(bytes.length / 1048576).toFixed(1)} MB; the kit reads files of at most ${LIMITS.fileBytes / 1048576} MB`
    );
  try {
    // One budget (OCR pages) per reply, shared by the attachments read inside it.
    const got = await (depth === 0
      ? withReadingBudget(() => extractAny(bytes, name, depth))
      : extractAny(bytes, name, depth));
    return {...got, text: capText(got.text, name)};
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    // A library failing in a way its reader did not foresee is still this file's problem, said in one line.
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(name, null, `the file cannot be read (${why})`);
  }
}

async function extractAny(bytes: Uint8Array, name: string, depth: number): Promise<ExtractedText> {
  const format = await sniffFormat(bytes, name);
  const extracted = (text: string): ExtractedText => {
    if (!text.trim())
      throw new ReplyError(name, null, `the ${format === "docx" ? "Word document" : `.${format} file`} holds no text`);
    return {text, format, encoding: null, textSource: `extracted from ${format}` as TextSource};
  };
  // Each reader is loaded when a file needs it: the worker a reply is read in (./bounded.ts) starts
  // again for each build that reads one, and a plain-text reply needs none of the libraries.
  switch (format) {
    case "pdf": {
      const {text, textSource, places} = await whilePdfReads(async () => {
        const {pdfText} = await import("./formats/pdf.js");
        return pdfText(bytes, name);
      });
      return {text, format, encoding: null, textSource, places};
    }
    case "docx": {
      const {docxText} = await import("./formats/docx.js");
      return extracted(docxText(bytes, name));
    }
    case "odt": {
      const {odtText} = await import("./formats/odt.js");
      return extracted(odtText(bytes, name));
    }
    case "rtf": {
      const {rtfText} = await import("./formats/rtf.js");
      return extracted(rtfText(bytes, name));
    }
    case "xlsx":
    case "xls":
    case "ods": {
      const {spreadsheetText} = await import("./formats/spreadsheet.js");
      const {text, places} = spreadsheetText(bytes, name, format);
      return {...extracted(text), places};
    }
    case "doc": {
      const [{docText}, {openOle}] = await Promise.all([import("./formats/doc.js"), import("./formats/cfb.js")]);
      return extracted(await docText(openOle(bytes, name), name));
    }
    case "msg":
    case "eml": {
      if (depth >= LIMITS.mailDepth)
        throw new ReplyError(name, null, `e-mails are attached inside each other more than ${LIMITS.mailDepth} deep`);
      const read = (inner: Uint8Array, innerName: string, innerDepth: number) =>
        extractText(inner, innerName, innerDepth);
      const {emlText, msgText} = await import("./formats/mail.js");
      return format === "eml" ? emlText(bytes, name, read, depth) : msgText(bytes, name, read, depth);
    }
    case "html": {
      const {htmlText} = await import("./formats/html.js");
      const {text, encoding} = decodeReply(bytes, name);
      return {...extracted(htmlText(text, name)), encoding};
    }
    default: {
      const {text, encoding} = decodeReply(bytes, name);
      return {text, format, encoding, textSource: "as received"};
    }
  }
}
