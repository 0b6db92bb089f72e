/**
 * The bounds every reader keeps, so that no file (a 50 MB upload, a 1,000-page
 * PDF, a zip bomb) can make the kit hang or run out of memory: each is checked
 * before the work it bounds, and breaking one is a one-line ReplyError. Around
 * them all, each file is read in a worker thread with a memory cap and a time
 * limit (../bounded.ts), so a trick no check foresaw still ends in one line.
 * docs/ingest.md ("Limits") lists them; change them here only.
 */
import {ReplyError} from "../../core/errors.js";

export const LIMITS = {
  /** Bytes of any reply file; FOI replies are a few hundred KB, scans a few MB. */
  fileBytes: 32 * 1024 * 1024,
  /** Total uncompressed bytes a zip-based file (docx, xlsx, ods, odt) may state. */
  zipUncompressed: 64 * 1024 * 1024,
  zipEntries: 10_000,
  /** Pages of a PDF read for text. */
  pdfPages: 300,
  /** Pages read by OCR for one reply, over all its scanned PDFs (an e-mail's attachments together). */
  ocrPages: 20,
  /** Cells of a spreadsheet's sheets, all together. */
  sheetCells: 2_000_000,
  /** Characters of extracted text. */
  textChars: 20_000_000,
  /** Lines of extracted text, checked before the table is parsed (an FOI letter has hundreds; 300 PDF pages, some 20,000). */
  textLines: 250_000,
  /** How deep e-mails attached to e-mails are followed. */
  mailDepth: 3,
  /** Seconds one reply's reading may take in its worker, whatever the format... */
  readSeconds: 20,
  /** ...plus this many for each page read by OCR (about 2 s a page on one core; more on a busy machine). */
  ocrSecondsPerPage: 6,
  /** V8 heap (MB) of the worker reading a reply; a bomb that needs more is stopped. */
  readMemoryMb: 512,
  /** Records of one reply: far more than a council could have investigated (a campaign of 400 holds thousands). */
  records: 100_000
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

/** Checks extracted text against the line limit, counting line ends without splitting. */
export function capLines(text: string, file: string): string {
  let lines = 1;
  for (let at = text.indexOf("\n"); at >= 0 && lines <= LIMITS.textLines; at = text.indexOf("\n", at + 1)) lines++;
  if (lines > LIMITS.textLines)
    tooBig(
      file,
      `it holds more than ${LIMITS.textLines.toLocaleString("en-GB")} lines of text, the most the kit reads from one reply`
    );
  return text;
}

/** Where a transcription of a scanned reply goes, beside it. */
export const transcribedName = (file: string) =>
  `${file.replace(/^.*\//, "").replace(/\.[^./]+$/, "")}.transcribed.csv`;
