/**
 * Node-only: finds the replies kept in `data/responses/`, with their metadata
 * and the label mappings, and parses them. Loaders and the ingest command use
 * this; pages never import it (it reads files).
 */
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {basename, isAbsolute, join, relative} from "node:path";
import {parseMappings, type Mappings} from "../parse/mappings.js";
import {parseReplyText} from "../parse/reply.js";
import {ReplyError, decodeReply} from "../parse/text.js";
import type {ParsedReply, ReplyMeta} from "../types.js";
import {extractText, sniffFormat} from "./extract.js";

/**
 * The project's `data/` folder, found from this file so it works from any
 * working directory; FOI_DATA_DIR points loaders at another folder (tests do).
 */
export const DATA_DIR = process.env.FOI_DATA_DIR ?? join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../../../data");

export function loadMappings(dataDir = DATA_DIR): Mappings {
  const read = (name: string) => readFileSync(join(dataDir, "mappings", name), "utf8");
  return parseMappings(read("age-bands.csv"), read("outcomes.csv"));
}

const META_FIELDS = ["authority", "replyDate", "periodStart", "periodEnd", "licence", "attribution", "source"] as const;

/** Reads `<reply>.meta.json` beside a reply; null when there is none. */
export function readMeta(replyPath: string, shownAs: string): ReplyMeta | null {
  const metaPath = replyPath.replace(/\.[^./]+$/, "") + ".meta.json";
  if (!existsSync(metaPath)) return null;
  const shownMeta = shownAs.replace(/\.[^./]+$/, "") + ".meta.json";
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8"));
  } catch (error) {
    throw new ReplyError(shownMeta, null, `metadata is not valid JSON (${(error as Error).message})`);
  }
  const missing = META_FIELDS.filter((k) => typeof (meta as Record<string, unknown>)?.[k] !== "string");
  if (missing.length) throw new ReplyError(shownMeta, null, `metadata lacks ${missing.join(", ")}`);
  return meta as ReplyMeta;
}

/** Lists reply files in a folder: everything but metadata and notes. */
export function listReplies(dir = join(DATA_DIR, "responses")): string[] {
  return readdirSync(dir)
    // Word leaves "~$name.docx" lock files beside a document it has open; they are not replies.
    .filter((name) => !name.endsWith(".meta.json") && !name.startsWith(".") && !name.startsWith("~$") && !/^readme/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** How a path is shown to readers: relative to `data/` when inside it, else its file name. */
export function shownPath(path: string, dataDir = DATA_DIR): string {
  const rel = relative(dataDir, path);
  return rel.startsWith("..") || isAbsolute(rel) ? basename(path) : rel;
}

/** Reads a plain-text reply synchronously (kept for callers that cannot wait; use readReplyFile for every format). */
export function readReply(path: string, mappings: Mappings, dataDir = DATA_DIR): ParsedReply {
  const shownAs = shownPath(path, dataDir);
  const bytes = readFileSync(path);
  const format = sniffFormat(bytes, shownAs);
  if (format === "docx" || format === "pdf") throw new ReplyError(shownAs, null, `a .${format} reply must be read with readReplyFile, which extracts its text`);
  const {text, encoding} = decodeReply(bytes, shownAs);
  return parseReplyText({file: shownAs, text, meta: readMeta(path, shownAs), mappings, source: {format, encoding, textSource: "as received"}});
}

/** Reads a reply in any supported format (text, CSV, TSV, Word .docx, PDF). */
export async function readReplyFile(path: string, mappings: Mappings, options: {dataDir?: string; shownAs?: string} = {}): Promise<ParsedReply> {
  const shownAs = options.shownAs ?? shownPath(path, options.dataDir ?? DATA_DIR);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReplyError(shownAs, null, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "this is a folder, not a file" : code === "EACCES" ? "permission denied" : `cannot be read (${code ?? (error as Error).message})`);
  }
  const {text, format, encoding, textSource} = await extractText(bytes, shownAs);
  return parseReplyText({file: shownAs, text, meta: readMeta(path, shownAs), mappings, source: {format, encoding, textSource}});
}

/**
 * Runs a command-line step and turns a ReplyError into one line on stderr and
 * exit code 1, so a reader sees "file:line: reason" rather than a stack trace.
 */
export function runOrExplain(step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof ReplyError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The same for a step that waits (reading Word and PDF files does). */
export async function runOrExplainAsync(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof ReplyError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
