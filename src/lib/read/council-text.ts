/**
 * Node-only: the lines a council page's line numbers count in: the reply's text, else a person's
 * transcription of it (src/lib/campaign/council-page.ts shows them).
 */
import {join} from "node:path";
import type {CouncilText} from "../campaign/council-page.js";
import {splitLines} from "../core/text.js";
import type {BoundedReader} from "../extract/bounded.js";
import {readRegularFile} from "../extract/files.js";
import {replyText} from "../extract/reply-text.js";
import {transcriptionFileFor} from "../parse/human.js";

/**
 * Read through the bounded reader, as the replies were; a file the kit could not read is not read
 * again (it would cost its time limit once more, and has no lines to show).
 */
export async function councilText(
  dataDir: string,
  file: string,
  unreadable: boolean,
  reader: BoundedReader
): Promise<CouncilText | null> {
  const text = unreadable ? null : await replyText(join(dataDir, file), file, reader);
  if (text) return {file, ...text};
  try {
    const transcription = transcriptionFileFor(file);
    const lines = splitLines(readRegularFile(join(dataDir, transcription), transcription).toString("utf8"));
    return {file: transcription, lines, format: "csv", textSource: "transcription"};
  } catch {
    return null;
  }
}
