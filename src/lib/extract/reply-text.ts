/**
 * Node-only: a reply's text as the kit reads it, split into the lines its
 * line numbers count in (the text as received, or the text extracted from a
 * Word or PDF file), for the council pages. Read through the same extraction
 * as readReply, so "line N" anywhere in the kit is line N here.
 */
import {splitLines} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import type {ReplyFormat, TextSource} from "../core/types.js";
import {BoundedReader} from "./bounded.js";
import {readRegularFile} from "./files.js";

export interface ReplyText {
  lines: string[];
  format: ReplyFormat;
  textSource: TextSource;
}

/**
 * The decoded or extracted text of a reply file; null when the kit cannot read
 * it (a scanned PDF a person transcribed, say: its records then cite the
 * transcription's lines, and the page shows the transcription instead).
 * Read as readReply reads it: a regular file only (never what a link points
 * at), in the bounded worker (`reader`, shared over a batch; by default one
 * for this file).
 */
export async function replyText(path: string, shownAs: string, reader?: BoundedReader): Promise<ReplyText | null> {
  const own = reader ? null : new BoundedReader();
  try {
    const bytes = readRegularFile(path, shownAs);
    const {text, format, textSource} = await (reader ?? own)!.extract(bytes, shownAs);
    return {lines: splitLines(text), format, textSource};
  } catch (error) {
    if (error instanceof ReplyError) return null;
    throw error;
  } finally {
    await own?.close();
  }
}
