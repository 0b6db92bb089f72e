/**
 * Node-only: a small, bounded reader for the zip archives that Office and
 * OpenDocument files are. It reads the central directory, refuses archives
 * whose stated uncompressed size is too large before inflating anything (a
 * zip bomb posing as a .docx or .xlsx), and inflates each entry with a hard
 * output limit equal to its stated size, so an archive that lies about its
 * sizes cannot grow past what it claimed.
 */
import {inflateRawSync} from "node:zlib";
import {LIMITS, tooBig} from "./limits.js";
import {ReplyError} from "../../core/errors.js";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** The entry's bytes, inflated within its stated size; null when there is no such entry. */
  read(name: string): Uint8Array | null;
  /** The entry as UTF-8 text (a BOM is dropped); null when there is no such entry. */
  text(name: string): string | null;
  /** The entry as text; a one-line error naming the entry when the archive has none (a zip that is not this format). */
  requiredText(name: string): string;
  /** Inflates every entry once, so a lying entry is caught before another library reads the archive. */
  verifyAll(): void;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** Opens a zip archive; `what` names the format for error messages (e.g. "Word .docx"). */
export function openZip(bytes: Uint8Array, file: string, what: string): ZipArchive {
  const fail = (why: string): never => {
    throw new ReplyError(file, null, `the file is a zip archive but not a readable ${what} document (${why})`);
  };
  // The end-of-central-directory record sits in the last 22 bytes, or up to 64 KB earlier when the archive has a comment.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("its table of contents is missing; the file may be cut short");
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) fail("it is a zip64 archive, which no reply needs");
  if (cdOffset + cdSize > bytes.length) fail("its table of contents points past the end of the file");
  if (count > LIMITS.zipEntries)
    tooBig(
      file,
      `the archive holds ${count.toLocaleString("en-GB")} files; the kit reads at most ${LIMITS.zipEntries.toLocaleString("en-GB")}`
    );
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) fail("its table of contents is damaged");
    const nameLength = u16(bytes, at + 28);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42)
    };
    total += entry.size;
    entries.set(entry.name, entry);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  // Checked before anything is inflated: the directory's stated sizes bound the work.
  if (total > LIMITS.zipUncompressed) {
    tooBig(
      file,
      `it would unpack to ${mb(total)} (${mb(bytes.length)} packed); the kit unpacks at most ${mb(LIMITS.zipUncompressed)}, so this looks like a zip bomb or is not a reply`
    );
  }
  const read = (name: string): Uint8Array | null => {
    const entry = entries.get(name);
    if (!entry) return null;
    const local = entry.localOffset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) fail(`the entry ${name} is damaged`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.length < entry.compressedSize) fail(`the entry ${name} is cut short`);
    if (entry.method === 0) return data;
    if (entry.method !== 8) fail(`the entry ${name} uses compression method ${entry.method}`);
    try {
      // maxOutputLength makes zlib stop at the stated size: an entry that lies about its size fails here.
      return new Uint8Array(inflateRawSync(data, {maxOutputLength: Math.max(1, entry.size)}));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ERR_BUFFER_TOO_LARGE")
        tooBig(
          file,
          `the entry ${name} unpacks to more than the ${mb(entry.size)} it states, which only a zip bomb does`
        );
      return fail(`the entry ${name} cannot be unpacked: ${(error as Error).message}`);
    }
  };
  const text = (name: string): string | null => {
    const data = read(name);
    return data == null ? null : new TextDecoder("utf-8").decode(data);
  };
  return {
    entries,
    read,
    text,
    requiredText: (name) => text(name) ?? fail(`it has no ${name}`),
    verifyAll() {
      for (const name of entries.keys()) if (!name.endsWith("/")) read(name);
    }
  };
}

const mb = (n: number) =>
  n < 1048576
    ? `${Math.ceil(n / 1024).toLocaleString("en-GB")} KB`
    : `${(n / 1048576).toLocaleString("en-GB", {maximumFractionDigits: 1})} MB`;
