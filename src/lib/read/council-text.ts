/**
 * Node-only: the lines a council page's line numbers count in: the reply's text, else a person's
 * transcription of it (src/lib/campaign/council-page.ts shows them).
 */
import {join} from "node:path";
import type {CouncilText} from "../campaign/council-page.js";
import {ReplyError} from "../core/errors.js";
import {splitLines} from "../core/text.js";
import type {BoundedReader} from "../extract/bounded.js";
import {readRegularFile} from "../extract/files.js";
import {replyText, type ReplyText} from "../extract/reply-text.js";
import {transcriptionFileFor} from "../parse/human.js";
import {DEFAULT_CACHE_DIR, readCachedText, textKey, writeCachedText} from "./cache.js";

/**
 * A reply's text from the parse cache, where readReply left it when it read the reply (a PDF or a
 * scan is not read twice per build), else read through the bounded reader, as the replies were.
 * A file the kit could not read is not read again (it would cost its time limit once more, and
 * has no lines to show).
 */
export async function councilText(
  dataDir: string,
  file: string,
  unreadable: boolean,
  reader: BoundedReader,
  cacheDir: string | null = DEFAULT_CACHE_DIR
): Promise<CouncilText | null> {
  const text = unreadable ? null : await cachedText(join(dataDir, file), file, reader, cacheDir);
  if (text) return {file, ...text};
  try {
    const transcription = transcriptionFileFor(file);
    const lines = splitLines(readRegularFile(join(dataDir, transcription), transcription).toString("utf8"));
    return {file: transcription, lines, format: "csv", textSource: "transcription"};
  } catch {
    return null;
  }
}

async function cachedText(
  path: string,
  file: string,
  reader: BoundedReader,
  cacheDir: string | null
): Promise<ReplyText | null> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, file); // a regular file only, never what a link points at
  } catch (error) {
    if (error instanceof ReplyError) return null;
    throw error;
  }
  if (cacheDir == null) return replyText(bytes, file, reader);
  const key = textKey(file, bytes);
  const cached = readCachedText(cacheDir, key);
  if (cached !== undefined) return cached;
  const text = await replyText(bytes, file, reader);
  writeCachedText(cacheDir, key, text);
  return text;
}
