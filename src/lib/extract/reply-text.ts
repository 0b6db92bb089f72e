/**
 * Node-only: a reply's text as the kit reads it, split into the lines its
 * line numbers count in (the text as received, or the text extracted from a
 * Word or PDF file), for the council pages. Read through the same extraction
 * as readReply, so "line N" anywhere in the kit is line N here.
 */
import {splitLines} from "../core/text.js";
import {ReplyError} from "../core/errors.js";
import type {ReplyFormat, TextSource} from "../core/types.js";
import type {BoundedReader} from "./bounded.js";
import type {ExtractedText} from "./extract.js";

export interface ReplyText {
  lines: string[];
  format: ReplyFormat;
  textSource: TextSource;
}

/** The lines of a reply's extracted text, and what they count in. */
export function replyTextOf({text, format, textSource}: ExtractedText): ReplyText {
  return {lines: splitLines(text), format, textSource};
}

/**
 * The decoded or extracted text of a reply file's bytes; null when the kit cannot read
 * it (a scanned PDF a person transcribed, say: its records then cite the
 * transcription's lines, and the page shows the transcription instead).
 * Read as readReply reads it, in the bounded worker (`reader`, shared over a batch).
 */
export async function replyText(bytes: Uint8Array, shownAs: string, reader: BoundedReader): Promise<ReplyText | null> {
  try {
    return replyTextOf(await reader.extract(bytes, shownAs));
  } catch (error) {
    if (error instanceof ReplyError) return null;
    throw error;
  }
}
