/**
 * Text handling shared by every reply format: decoding bytes as councils send
 * them (UTF-8 or Windows-1252, LF or CRLF) and tidying cell text. Pure: runs in
 * Node loaders, in tests and in the browser.
 */
import {ReplyError} from "./errors.js";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export type TextEncodingName = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

/**
 * Decodes a reply's bytes. Valid UTF-8 is taken as UTF-8 (a BOM is dropped);
 * anything else is read as Windows-1252, which is what Word on Windows writes
 * when a council saves "plain text". Files with NUL bytes are binary, not text.
 */
export function decodeReply(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw new ReplyError(file, null, "the file is empty");
  // Word's "Unicode text" is UTF-16 with a byte order mark; its NUL bytes are not a sign of binary.
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, {fatal: true}).decode(bytes);
      if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return {text, encoding: utf16};
    } catch {
      // not valid UTF-16 after all: fall through to the binary check
    }
    throw new ReplyError(file, null, "the file starts like UTF-16 text but is not valid UTF-16");
  }
  if (bytes.includes(0)) throw new ReplyError(file, null, "the file is binary, not text (it contains NUL bytes)");
  let decoded: DecodedText;
  try {
    decoded = {text: new TextDecoder("utf-8", {fatal: true, ignoreBOM: false}).decode(bytes), encoding: "utf-8"};
  } catch {
    decoded = {text: fixWindows1252(new TextDecoder("windows-1252").decode(bytes)), encoding: "windows-1252"};
  }
  // Text has few control characters besides tab, CR, LF and form feed; many more means a binary file without NULs.
  const controls = decoded.text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > Math.max(8, decoded.text.length / 100))
    throw new ReplyError(file, null, "the file is binary, not text (it is full of control characters)");
  return decoded;
}

/** Windows-1252's printable characters at 0x80-0x9F (undefined bytes stay as they are). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Node's TextDecoder (without full ICU) treats "windows-1252" as ISO-8859-1
 * and leaves 0x80-0x9F as control codes, which loses curly quotes and dashes.
 * Browsers decode it properly; this makes both agree.
 */
export function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** Splits text into lines, treating CRLF, LF and lone CR alike, so line numbers match any editor. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** Trims a cell, including the non-breaking spaces that Word leaves in tables. */
export function cleanCell(value: string): string {
  // Most cells are clean already; testing is cheaper than rewriting.
  if (!UNCLEAN.test(value)) return value;
  return value.replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, " ").trim();
}
/** Space at either end, a run of two, or any white space other than a plain space. */
const UNCLEAN =
  /^[\s\u00a0\u2007\u202f\ufeff]|[\s\u00a0\u2007\u202f\ufeff]$|[\s\u00a0\u2007\u202f\ufeff]{2}|[\t\n\r\f\v\u00a0\u2007\u202f\ufeff\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]/;

/** True when a line holds nothing but white space (non-breaking spaces included). */
export function isBlank(value: string): boolean {
  return cleanCell(value) === "";
}
