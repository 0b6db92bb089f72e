/**
 * Node-only: the parse cache, so that a reply is parsed again only when it or
 * what reads it changed.
 *
 * The site's loader (src/data/campaign.zip.ts), `npm run ingest` and the review
 * desk each need every reply parsed; after one reply is edited, the others are
 * read from here. Each result is kept in a file named by a hash of everything it
 * depends on. Nothing is ever updated in place: a changed input gives a new key,
 * so a stale entry can never be read.
 *
 * The key covers the reply's bytes and the name it is shown under, its
 * `.meta.json` bytes (or their absence), the mappings as parsed, and the
 * parsing code itself: every module src/lib/read/replies.ts imports, directly
 * or not (found by following the imports, see codeFiles), and the lockfile, so
 * an upgraded decoder re-parses too. Editing any of those re-parses; editing a
 * page or a view does not.
 *
 * Entries live in node_modules/.cache/foi-kit/replies/ (FOI_CACHE_DIR moves
 * them): ignored by git, shared by every build of this checkout, and outside
 * Framework's own cache. `npm run clean` removes them, and every build removes
 * those written more than 30 days ago (pruneReplyCache). Each entry is sealed
 * (an HMAC of its bytes under a key computed from the code, see macKey); an entry
 * that does not match its seal (cut short, edited, another version's) is ignored
 * and rewritten. A reply that could not be read is cached too, as its one-line
 * error, so each loader of a build does not read a bad file again.
 *
 * A reply file's text is kept too (in `text/`, keyed by its bytes, name and the code: textKey),
 * as reading it for its records left it: a council page shows the lines its records cite without
 * reading the file a second time (./council-text.ts).
 */
import {createHash, createHmac, timingSafeEqual, type Hash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative, sep} from "node:path";
import {fileURLToPath} from "node:url";
import type {Mappings} from "../parse/mappings.js";
import {ReplyError} from "../core/errors.js";
import type {ParsedReply} from "../core/types.js";
import type {ReplyText} from "../extract/reply-text.js";
import {importClosure} from "./imports.js";

const HERE = import.meta.dirname ?? fileURLToPath(new URL(".", import.meta.url));
/** src/lib, whose parsing code is part of every key. */
const LIB = join(HERE, "..");
/** The project folder (holding node_modules), found from this file so any working directory works. */
export const PROJECT_ROOT = join(LIB, "../..");

/** Where entries go unless a caller or FOI_CACHE_DIR says otherwise. */
export const DEFAULT_CACHE_DIR = process.env.FOI_CACHE_DIR || join(PROJECT_ROOT, "node_modules/.cache/foi-kit/replies");

/**
 * Where the code that turns a reply into a ParsedReply starts: this file's
 * readers. Every module it imports, and they import, is part of the key, found
 * by following their imports, so no list of folders can fall out of date.
 */
const CODE_ROOTS = ["read/replies.ts"];
/** The modules under lib that the roots import, directly or not, as paths relative to lib. */
export function codeFiles(lib = LIB): string[] {
  return importClosure(CODE_ROOTS.map((root) => join(lib, root)))
    .map((file) => relative(lib, file).split(sep).join("/"))
    .filter((file) => !file.startsWith(".."));
}
/** Bumped when the entry's own shape changes. */
const ENTRY_VERSION = 2;

/** Feeds one field into a hash with its length first, so "ab"+"c" and "a"+"bc" differ. */
function field(hash: Hash, value: string | Uint8Array): void {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  hash.update(`${bytes.length}:`);
  hash.update(bytes);
}

const codeHashes = new Map<string, string>();

/**
 * A hash of the parsing code's source files and of the lockfile (so that any
 * library upgrade re-parses: the decoders and extractors are libraries);
 * computed once per process.
 */
export function codeHash(lib = LIB): string {
  const known = codeHashes.get(lib);
  if (known) return known;
  const hash = createHash("sha256");
  for (const file of codeFiles(lib)) {
    field(hash, file);
    field(hash, readFileSync(join(lib, file)));
  }
  const lock = join(PROJECT_ROOT, "package-lock.json");
  field(hash, existsSync(lock) ? readFileSync(lock) : "no lockfile");
  const digest = hash.digest("hex");
  codeHashes.set(lib, digest);
  return digest;
}

const mappingHashes = new WeakMap<Mappings, string>();

/** A hash of the mappings as parsed (Maps kept in their order, which is the files' order). */
export function mappingsHash(mappings: Mappings): string {
  const known = mappingHashes.get(mappings);
  if (known) return known;
  const text = JSON.stringify(mappings, (_key, value: unknown) => (value instanceof Map ? {map: [...value]} : value));
  const digest = createHash("sha256").update(text).digest("hex");
  mappingHashes.set(mappings, digest);
  return digest;
}

export interface ReplyInputs {
  /** The name the reply is shown under: it is written into the result. */
  file: string;
  bytes: Uint8Array;
  /** The `.meta.json` bytes, or null when the reply has none. */
  meta: Uint8Array | null;
  mappings: Mappings;
  /** A person's files beside the reply (`.transcribed.csv`, `.corrections.csv`), by name; absent ones left out. */
  human?: readonly {name: string; bytes: Uint8Array}[];
  /** The request's questions, which tie answers to them by their words. */
  questions?: readonly {number: number; text: string}[];
}

/** The cache key of one reply: a hex SHA-256 of everything its parse depends on. */
export function replyKey(inputs: ReplyInputs, lib = LIB): string {
  const hash = createHash("sha256");
  field(hash, `foi-kit reply cache v${ENTRY_VERSION}`);
  field(hash, codeHash(lib));
  field(hash, mappingsHash(inputs.mappings));
  field(hash, inputs.file);
  field(hash, inputs.bytes);
  field(hash, inputs.meta == null ? "no meta" : "meta");
  if (inputs.meta != null) field(hash, inputs.meta);
  for (const {name, bytes} of inputs.human ?? []) {
    field(hash, name);
    field(hash, bytes);
  }
  field(hash, JSON.stringify(inputs.questions ?? []));
  return hash.digest("hex");
}

const entryPath = (dir: string, key: string) => join(dir, `${key}.json`);

const macKeys = new Map<string, Buffer>();

/**
 * The key entries are sealed with: a hash of the parsing code and the lockfile
 * (codeHash), computed by each build from the code it runs and never written down.
 * An entry edited by hand or by another tool (a count 1 made 1000, still valid
 * JSON) no longer matches its seal and is read again from the reply. This is a
 * check against edits, not a secret: whoever can run this code can compute the key.
 */
function macKey(lib = LIB): Buffer {
  const known = macKeys.get(lib);
  if (known) return known;
  const hash = createHash("sha256");
  field(hash, "foi-kit reply cache seal");
  field(hash, codeHash(lib));
  const key = hash.digest();
  macKeys.set(lib, key);
  return key;
}

type EntryKind = "reply" | "error" | "text";

/** The seal of an entry: an HMAC-SHA256 of its version, key, kind and body under macKey. */
function seal(key: string, kind: EntryKind, body: string): string {
  return createHmac("sha256", macKey()).update(`${ENTRY_VERSION}\n${key}\n${kind}\n`).update(body).digest("hex");
}

/**
 * An entry's text: a first line (version, key, kind and seal, as JSON), then the body: the
 * reply as JSON, or the one-line error of a reply that could not be read. The seal covers the
 * body's exact bytes, checked before anything is parsed.
 */
export function entryText(key: string, kind: EntryKind, body: string): string {
  return `${JSON.stringify({version: ENTRY_VERSION, key, kind, mac: seal(key, kind, body)})}\n${body}`;
}

/** A failed reading as cached: the error's file, line and reason. */
export type CachedError = {file: string; line: number | null; reason: string};

/** An entry's body when its first line and seal are right; null when it is missing or cannot be trusted. */
function readEntry(dir: string, key: string): {kind: EntryKind; body: string} | null {
  let text: string;
  try {
    text = readFileSync(entryPath(dir, key), "utf8");
  } catch {
    return null; // missing or unreadable: parse again
  }
  const newline = text.indexOf("\n");
  if (newline < 0) return null;
  let head: {version?: unknown; key?: unknown; kind?: unknown; mac?: unknown};
  try {
    head = JSON.parse(text.slice(0, newline));
  } catch {
    return null;
  }
  const kind = head?.kind;
  if (head?.version !== ENTRY_VERSION || head.key !== key || (kind !== "reply" && kind !== "error" && kind !== "text"))
    return null;
  const body = text.slice(newline + 1);
  const expected = Buffer.from(seal(key, kind, body), "hex");
  const given = typeof head.mac === "string" && /^[0-9a-f]{64}$/.test(head.mac) ? Buffer.from(head.mac, "hex") : null;
  if (!given || !timingSafeEqual(given, expected)) return null; // edited, cut short or forged
  return {kind, body};
}

/**
 * The cached result for a key: the reply, or the ReplyError a reading gave
 * (thrown, so a bad file costs one reading per build, not one per loader), or
 * null when there is none or it cannot be trusted.
 */
export function readCachedReply(dir: string, key: string, file: string): ParsedReply | null {
  const entry = readEntry(dir, key);
  if (!entry) return null;
  let body: unknown;
  try {
    body = JSON.parse(entry.body);
  } catch {
    return null;
  }
  if (entry.kind === "text") return null; // another key's kind: not a reply
  if (entry.kind === "error") {
    const e = body as Partial<CachedError> | null;
    if (typeof e?.file !== "string" || typeof e.reason !== "string" || !(e.line == null || Number.isInteger(e.line)))
      return null;
    throw new ReplyError(e.file, e.line ?? null, e.reason);
  }
  const reply = body as ParsedReply | null;
  const whole =
    reply?.file === file &&
    Array.isArray(reply.records) &&
    Array.isArray(reply.checks) &&
    Array.isArray(reply.warnings);
  return whole ? reply : null;
}

let writeProblemSaid = false;

/**
 * Stores a reply (as JSON text) under its key: written to a temporary file and renamed, so a
 * loader running at the same time reads either nothing or the whole entry. A
 * cache that cannot be written costs only speed, so it is said once on stderr
 * and the build goes on.
 */
export function writeCachedReply(dir: string, key: string, replyJson: string): void {
  writeEntry(dir, key, entryText(key, "reply", replyJson));
}

/** Stores the one-line error a reply's reading gave, keyed like its reply would be. */
export function writeCachedError(dir: string, key: string, error: ReplyError): void {
  const body: CachedError = {file: error.file, line: error.line, reason: error.reason};
  writeEntry(dir, key, entryText(key, "error", JSON.stringify(body)));
}

/**
 * The key of a reply file's text: its bytes, the name it is shown under (the extension breaks
 * ties between kinds of text) and the reading code. A council page's lines come from here, so a
 * reply, a PDF or a scan read for its records is not read again for its page.
 */
export function textKey(file: string, bytes: Uint8Array, lib = LIB): string {
  const hash = createHash("sha256");
  field(hash, `foi-kit reply text v${ENTRY_VERSION}`);
  field(hash, codeHash(lib));
  field(hash, file);
  field(hash, bytes);
  return hash.digest("hex");
}

/**
 * A reply file's text as cached under textKey: its lines, or null when the kit could not read it
 * (then a person's transcription stands in); undefined when there is no entry to trust.
 */
export function readCachedText(dir: string, key: string): ReplyText | null | undefined {
  const entry = readEntry(textDir(dir), key);
  if (entry?.kind !== "text") return undefined;
  try {
    const text = JSON.parse(entry.body) as ReplyText | null;
    if (text === null) return null;
    return Array.isArray(text?.lines) && typeof text.format === "string" && typeof text.textSource === "string"
      ? text
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a reply file's text (null: it could not be read) under its textKey. */
export function writeCachedText(dir: string, key: string, text: ReplyText | null): void {
  writeEntry(textDir(dir), key, entryText(key, "text", JSON.stringify(text)));
}

/** Texts are kept apart from the parsed replies, in a folder of the cache's own. */
const textDir = (dir: string) => join(dir, "text");

function writeEntry(dir: string, key: string, text: string): void {
  const target = entryPath(dir, key);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, {recursive: true});
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    try {
      rmSync(temp, {force: true});
    } catch {
      // the folder itself is what failed: there is nothing to remove
    }
    if (!writeProblemSaid) {
      writeProblemSaid = true;
      process.stderr.write(
        `note: the parse cache in ${dir} cannot be written (${(error as Error).message.split("\n")[0]}); replies are parsed every time\n`
      );
    }
  }
}

/**
 * Removes entries written more than `maxAgeDays` ago: each edit of a reply leaves its old
 * entry behind, and one still in use costs only a parse to write again. Returns how many went.
 */
export function pruneReplyCache(dir = DEFAULT_CACHE_DIR, maxAgeDays = 30, now = Date.now()): number {
  let removed = 0;
  if (!existsSync(dir)) return removed;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) {
        if (path === textDir(dir)) removed += pruneReplyCache(path, maxAgeDays, now);
      } else if (now - stat.mtimeMs > maxAgeDays * 86_400_000) {
        rmSync(path, {force: true});
        removed++;
      }
    } catch {
      // removed meanwhile by another build
    }
  }
  return removed;
}
