/**
 * Node-only: a data folder's reply files and the metadata beside them, listed and read without
 * parsing a reply (src/lib/read/replies.ts parses them; ./data-folder.ts lists the councils).
 */
import {readdirSync} from "node:fs";
import {basename, isAbsolute, join, relative} from "node:path";
import {ReplyError} from "../core/errors.js";
import type {ReplyMeta} from "../core/types.js";
import {readRegularFile} from "../extract/files.js";
import {isHumanFile} from "../parse/human.js";
import {DATA_DIR} from "./data-dir.js";

const META_FIELDS = ["authority", "replyDate", "periodStart", "periodEnd", "licence", "attribution", "source"] as const;

/** `<reply>.meta.json` beside a reply: the same name with its extension replaced. */
export const metaPathOf = (replyPath: string) => replyPath.replace(/\.[^./]+$/, "") + ".meta.json";

/** The bytes of a reply's metadata file; null when there is none. */
export function readMetaBytes(replyPath: string, shownAs: string): Buffer | null {
  return readRegularFile(metaPathOf(replyPath), metaPathOf(shownAs), undefined, true);
}

/** Checks a reply's metadata; `shownMeta` names the file in errors. */
export function parseMeta(bytes: Uint8Array, shownMeta: string): ReplyMeta {
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ReplyError(shownMeta, null, `metadata is not valid JSON (${(error as Error).message})`);
  }
  const missing = META_FIELDS.filter((k) => typeof (meta as Record<string, unknown>)?.[k] !== "string");
  if (missing.length) throw new ReplyError(shownMeta, null, `metadata lacks ${missing.join(", ")}`);
  return meta as ReplyMeta;
}

/** Reads `<reply>.meta.json` beside a reply; null when there is none. */
export function readMeta(replyPath: string, shownAs: string): ReplyMeta | null {
  const bytes = readMetaBytes(replyPath, shownAs);
  return bytes == null ? null : parseMeta(bytes, metaPathOf(shownAs));
}

/** Lists reply files in a folder: everything but metadata and notes. */
export function listReplies(dir = join(DATA_DIR, "responses")): string[] {
  return (
    readdirSync(dir)
      // Word leaves "~$name.docx" lock files beside a document it has open; they are not replies.
      .filter(
        (name) =>
          !name.endsWith(".meta.json") &&
          !isHumanFile(name) && // a person's transcription or corrections, read with the reply they belong to
          !name.startsWith(".") &&
          !name.startsWith("~$") &&
          !/^readme/i.test(name)
      )
      .sort()
      .map((name) => join(dir, name))
  );
}

/** How a path is shown to readers: relative to `data/` when inside it, else its file name. */
export function shownPath(path: string, dataDir = DATA_DIR): string {
  const rel = relative(dataDir, path);
  return rel.startsWith("..") || isAbsolute(rel) ? basename(path) : rel;
}

/** The authority a reply's metadata names, or null when there is no metadata or it cannot be read. */
export function metaAuthority(path: string, shownAs: string): string | null {
  try {
    return readMeta(path, shownAs)?.authority ?? null;
  } catch {
    return null;
  }
}
