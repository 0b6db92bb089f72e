/**
 * Node-only: the one read path for replies. `readReply` reads one reply in any
 * supported format (text, CSV, TSV, Word .docx, PDF) with its metadata;
 * `readReplies` reads all the replies of a data folder (or the files a command
 * was given) with the folder's mappings. Every loader and the ingest command go
 * through them, so a reply that reaches one page reaches them all. Results come
 * from the parse cache (./cache.ts) when nothing they depend on has changed.
 * Pages never import this (it reads files).
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {parseMappings, type Mappings} from "../parse/mappings.js";
import type {RequestQuestion} from "../parse/answers.js";
import type {UnreadableReply} from "../campaign/summarise.js";
import {
  applyCorrections,
  correctionsFileFor,
  transcribedReply,
  statusSetIn,
  transcriptionFileFor
} from "../parse/human.js";
import {parseReplyText} from "../parse/reply.js";
import {placeRecords} from "../parse/places.js";
import {ReplyError} from "../core/errors.js";
import type {ParsedReply, ReplyMeta, ReplyStatus} from "../core/types.js";
import {
  DEFAULT_CACHE_DIR,
  readCachedReply,
  replyKey,
  textKey,
  writeCachedError,
  writeCachedReply,
  writeCachedText
} from "./cache.js";
import {BoundedReader} from "../extract/bounded.js";
import type {ExtractedText} from "../extract/extract.js";
import {replyTextOf} from "../extract/reply-text.js";
import {LIMITS, capLines, tooBig} from "../extract/formats/limits.js";
import {readRegularFile} from "../extract/files.js";
import {DATA_DIR, PROJECT_DATA_DIR} from "./data-dir.js";
import {listReplies, metaAuthority, metaPathOf, parseMeta, readMetaBytes, shownPath} from "./reply-files.js";

export {DATA_DIR, PROJECT_DATA_DIR};

/**
 * A sub-folder of the data folder that may fall back to the project's own:
 * a FOI_DATA folder holding only replies still gets the shipped mappings and
 * reference figures.
 */
export function dataSubdir(name: "mappings" | "reference", dataDir = DATA_DIR): string {
  const own = join(dataDir, name);
  return existsSync(own) ? own : join(PROJECT_DATA_DIR, name);
}

/**
 * Reads a file, turning the usual failures into a ReplyError naming it as the reader knows it.
 * Only a regular file within the size limit is read (./files.ts): a link, a FIFO or a device is refused unopened.
 */
function readBytes(path: string, shownAs: string): Buffer {
  return readRegularFile(path, shownAs);
}

/** The label mappings of a data folder (`mappings/age-bands.csv` and `mappings/outcomes.csv`). */
export function loadMappings(dataDir = DATA_DIR): Mappings {
  const dir = dataSubdir("mappings", dataDir);
  const read = (name: string) => readBytes(join(dir, name), `data/mappings/${name}`).toString("utf8");
  return parseMappings(read("age-bands.csv"), read("outcomes.csv"));
}

export interface ReadOptions {
  /** The data folder paths are shown relative to (default DATA_DIR). */
  dataDir?: string;
  /** The name to show in records and errors (default: the path relative to the data folder). */
  shownAs?: string;
  /** Where parsed replies are cached (default DEFAULT_CACHE_DIR); null reads without the cache. */
  cacheDir?: string | null;
  /**
   * The worker the file is read in, under the limits (./bounded.ts): readReplies shares one over
   * its files. Without it, readReply starts one for the file when it must be read (not when it
   * comes from the cache) and ends it after.
   */
  reader?: BoundedReader;
}

/**
 * Reads one reply in any supported format (text, CSV, TSV, Word .docx, PDF)
 * with its metadata, and parses it with the mappings. Throws a ReplyError
 * naming the file (and line) for anything it cannot read. A result is the same
 * whether it was parsed now or read from the cache: both are the reply as JSON
 * carries it (which is how every loader writes it).
 */
export async function readReply(path: string, mappings: Mappings, options: ReadOptions = {}): Promise<ParsedReply> {
  const shownAs = options.shownAs ?? shownPath(path, options.dataDir ?? DATA_DIR);
  const bytes = readBytes(path, shownAs);
  const metaBytes = readMetaBytes(path, shownAs);
  const human = humanFiles(path, shownAs);
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const questions = requestQuestions(options.dataDir ?? DATA_DIR);
  const key = cacheDir == null ? null : replyKey({file: shownAs, bytes, meta: metaBytes, mappings, human, questions});
  if (cacheDir != null && key != null) {
    const cached = readCachedReply(cacheDir, key, shownAs); // throws the cached ReplyError of a file that failed
    if (cached) return cached;
  }
  let json: string;
  const reader = options.reader ?? new BoundedReader();
  try {
    // Lines are counted before parsing: a 800,000-row CSV is refused in a moment, not parsed for a minute.
    // The text is cached as read, for the council page's lines (./council-text.ts), whether it parses or not.
    const extract = async (b: Uint8Array, name: string) => {
      let got: ExtractedText;
      try {
        got = await reader.extract(b, name);
      } catch (error) {
        if (error instanceof ReplyError && cacheDir != null) writeCachedText(cacheDir, textKey(name, b), null);
        throw error;
      }
      if (cacheDir != null) writeCachedText(cacheDir, textKey(name, b), replyTextOf(got));
      return {...got, text: capLines(got.text, name)};
    };
    const parsed = await parseReply(bytes, metaBytes, human, shownAs, mappings, extract, questions);
    // A table of more rows than any council could have: refused, not published (nor a 1 GB site).
    if (parsed.records.length > LIMITS.records)
      tooBig(
        shownAs,
        `it gives ${parsed.records.length.toLocaleString("en-GB")} records; the kit takes at most ${LIMITS.records.toLocaleString("en-GB")} from one reply, far more than a council could have investigated`
      );
    json = JSON.stringify(parsed);
  } catch (error) {
    // A failed reading is cached like a good one, keyed on the same bytes: each loader of a build
    // would otherwise read a bad file (a bomb that takes the time limit) again.
    if (error instanceof ReplyError && cacheDir != null && key != null) writeCachedError(cacheDir, key, error);
    throw error;
  } finally {
    if (!options.reader) await reader.close();
  }
  if (cacheDir != null && key != null) writeCachedReply(cacheDir, key, json);
  return JSON.parse(json) as ParsedReply;
}

/** Parses a reply whose bytes, metadata and a person's files are read: what the cache keeps. */
async function parseReply(
  bytes: Buffer,
  metaBytes: Buffer | null,
  human: {name: string; bytes: Uint8Array}[],
  shownAs: string,
  mappings: Mappings,
  extract: (bytes: Uint8Array, name: string) => Promise<ExtractedText>,
  questions: readonly RequestQuestion[]
): Promise<ParsedReply> {
  const meta = metaBytes == null ? null : parseMeta(metaBytes, metaPathOf(shownAs));
  const [transcription, corrections] = [transcriptionFileFor(shownAs), correctionsFileFor(shownAs)].map((name) =>
    human.find((h) => h.name === name)
  );
  let parsed: ParsedReply;
  if (transcription) {
    // A person transcribed the reply: the records are theirs; the reply's own text, when the
    // kit can read it, still gives the answers and answer 5 to check the transcription against.
    const extracted = await extract(bytes, shownAs).catch((error: unknown) => {
      if (error instanceof ReplyError) return null;
      throw error;
    });
    const source = extracted && {
      format: extracted.format,
      encoding: extracted.encoding,
      textSource: extracted.textSource
    };
    parsed = transcribedReply(
      {file: shownAs, meta, mappings, text: extracted?.text ?? null, ...(source ? {source} : {})},
      new TextDecoder().decode(transcription.bytes),
      transcription.name
    );
  } else {
    const statusByPerson = corrections && statusSetIn(new TextDecoder().decode(corrections.bytes), corrections.name);
    parsed = parseExtracted(await extract(bytes, shownAs), shownAs, mappings, meta, questions, statusByPerson);
  }
  if (corrections)
    parsed = applyCorrections(parsed, new TextDecoder().decode(corrections.bytes), corrections.name, mappings);
  return parsed;
}

/**
 * A reply's extracted text parsed, keeping where its text came from: how every path from a file's
 * bytes to records ends (readReply, the metamorphic suite, the format tests).
 */
export function parseExtracted(
  got: ExtractedText,
  file: string,
  mappings: Mappings,
  meta: ReplyMeta | null,
  questions: readonly RequestQuestion[],
  statusByPerson: ReplyStatus | null = null
): ParsedReply {
  const {text, format, encoding, textSource} = got;
  const parsed = parseReplyText({
    file,
    text,
    meta,
    mappings,
    source: {format, encoding, textSource},
    questions,
    statusByPerson
  });
  // Each record's page or cell, from the lines its reader mapped (absent for formats without them).
  return got.places
    ? {...parsed, records: placeRecords(parsed.records, text, got.places, parsed.table?.headerLine ?? null)}
    : parsed;
}

const questionsRead = new Map<string, RequestQuestion[]>();

/**
 * The request's questions, which answers are tied to by their words: the data
 * folder's campaign/request.json, else the project's; none when neither can be
 * read (the campaign's own loader reports a broken request file).
 */
export function requestQuestions(dataDir = DATA_DIR): RequestQuestion[] {
  const own = join(dataDir, "campaign/request.json");
  const path = existsSync(own) ? own : join(PROJECT_DATA_DIR, "campaign/request.json");
  let questions = questionsRead.get(path);
  if (!questions) {
    try {
      const parsed = JSON.parse(readRegularFile(path, "data/campaign/request.json").toString("utf8")) as {
        questions?: unknown;
      };
      questions = Array.isArray(parsed.questions)
        ? parsed.questions.filter(
            (q): q is RequestQuestion =>
              q != null && typeof q === "object" && Number.isInteger(q.number) && typeof q.text === "string"
          )
        : [];
    } catch {
      questions = [];
    }
    questionsRead.set(path, questions);
  }
  return questions;
}

/** The transcription and corrections a person left beside a reply, named as shown; those absent are left out. */
function humanFiles(path: string, shownAs: string): {name: string; bytes: Uint8Array}[] {
  const found: {name: string; bytes: Uint8Array}[] = [];
  for (const [file, name] of [
    [transcriptionFileFor(path), transcriptionFileFor(shownAs)],
    [correctionsFileFor(path), correctionsFileFor(shownAs)]
  ]) {
    const bytes = readRegularFile(file, name, undefined, true);
    if (bytes) found.push({name, bytes});
  }
  return found;
}

/** A file to read and the name to show it under. */
export interface ReplyFile {
  path: string;
  shownAs?: string;
}

export interface ReadRepliesOptions {
  /** The data folder: its mappings, and its `responses/` unless `files` is given (default DATA_DIR). */
  dataDir?: string;
  /** Read these files instead of the folder's `responses/` (the ingest command's arguments). */
  files?: ReplyFile[];
  /**
   * Go on past a file that cannot be read, listing it in `unreadable` with the
   * reason; without it the first such file stops everything (a build must not
   * leave a reply out silently). Given `onError`, reading goes on too.
   */
  keepGoing?: boolean;
  /** Told of each file that cannot be read as it happens (the ingest command prints it). */
  onError?: (error: ReplyError) => void;
  cacheDir?: string | null;
  /** The worker to read files in (left open); by default one is started and ended for the call. */
  reader?: BoundedReader;
}

/** What reading every reply gives: the replies read, and each file that could not be, with why. */
export interface RepliesRead {
  mappings: Mappings;
  replies: ParsedReply[];
  unreadable: UnreadableReply[];
}

/**
 * Reads all the replies of a data folder, in file-name order, with the
 * folder's mappings: what the site's loader, the review desk and the ingest
 * command start from. The one way to read every reply.
 */
export async function readReplies(options: ReadRepliesOptions = {}): Promise<RepliesRead> {
  const dataDir = options.dataDir ?? DATA_DIR;
  const mappings = loadMappings(dataDir);
  const files: ReplyFile[] = options.files ?? listReplies(join(dataDir, "responses")).map((path) => ({path}));
  const keepGoing = options.keepGoing || options.onError != null;
  const replies: ParsedReply[] = [];
  const unreadable: UnreadableReply[] = [];
  // One worker reads every file that is not in the cache (started only when one is not).
  const reader = options.reader ?? new BoundedReader();
  try {
    for (const {path, shownAs} of files) await readOne(path, shownAs);
  } finally {
    if (!options.reader) await reader.close();
  }
  return {mappings, replies, unreadable};

  async function readOne(path: string, shownAs: string | undefined) {
    try {
      replies.push(await readReply(path, mappings, {dataDir, shownAs, cacheDir: options.cacheDir, reader}));
    } catch (error) {
      if (!keepGoing) throw error;
      const file = shownAs ?? shownPath(path, dataDir);
      const reason =
        error instanceof ReplyError
          ? error
          : new ReplyError(
              file,
              null,
              `could not be read (${String((error as Error)?.message ?? error).split("\n")[0]})`
            );
      // The error may name the metadata or a person's transcription beside the reply: say which.
      const about = reason.file === file;
      unreadable.push({
        file,
        authority: metaAuthority(path, file),
        reason: about ? reason.reason : `${reason.file}: ${reason.reason}`,
        line: about ? reason.line : null
      });
      options.onError?.(reason);
    }
  }
}
