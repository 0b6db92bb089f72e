/**
 * The bounds every reader keeps, so that no file (a 50 MB upload, a 1,000-page
 * PDF, a zip bomb) can make the kit hang or run out of memory: each is checked
 * before the work it bounds, and breaking one is a one-line ReplyError.
 */
import {ReplyError} from "../../parse/text.js";

export const LIMITS = {
  /** Bytes of any reply file; FOI replies are a few hundred KB, scans a few MB. */
  fileBytes: 32 * 1024 * 1024,
  /** Total uncompressed bytes a zip-based file (docx, xlsx, ods, odt) may state. */
  zipUncompressed: 64 * 1024 * 1024,
  zipEntries: 10_000,
  /** Pages of a PDF read for text. */
  pdfPages: 300,
  /** Pages of a scanned PDF read by OCR (each takes a second or more). */
  ocrPages: 20,
  /** Cells of a spreadsheet's sheets, all together. */
  sheetCells: 2_000_000,
  /** Characters of extracted text. */
  textChars: 20_000_000,
  /** How deep e-mails attached to e-mails are followed. */
  mailDepth: 3
} as const;

/** Throws the one-line error for a broken limit. */
export function tooBig(file: string, why: string): never {
  throw new ReplyError(file, null, `too large to read: ${why}`);
}

/** Checks extracted text against the character limit. */
export function capText(text: string, file: string): string {
  if (text.length > LIMITS.textChars)
    tooBig(
      file,
      `it holds ${text.length.toLocaleString("en-GB")} characters of text; the kit reads at most ${LIMITS.textChars.toLocaleString("en-GB")}`
    );
  return text;
}

/** Where a transcription of a scanned reply goes, beside it. */
export const transcribedName = (file: string) =>
  `${file.replace(/^.*\//, "").replace(/\.[^./]+$/, "")}.transcribed.csv`;
