/**
 * Node-only: the one way the kit opens a file of a data folder. Only regular
 * files are read: a symbolic link could publish what it points at (/etc/passwd),
 * a FIFO would hang the build waiting for a writer, and a device such as
 * /dev/zero never ends. Each is refused with a one-line ReplyError naming it,
 * before anything is opened. The size is checked from the file's status, not by
 * reading it, so a 1.5 GB sparse file costs nothing.
 *
 * The check (lstat) and the read are two steps, so the file is opened without
 * following links and without blocking, and what was opened is checked again:
 * swapping a file for a link or a FIFO between the two steps gains nothing.
 */
import {closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats} from "node:fs";
import {ReplyError} from "../core/errors.js";
import {LIMITS, tooBig} from "./formats/limits.js";

/** Why a file that is not a regular file is not read; null for a regular file. */
export function notRegularReason(stats: Stats): string | null {
  const only = "the kit reads only regular files";
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return "this is a folder, not a file";
  if (stats.isSymbolicLink())
    return `the file is a symbolic link; ${only}, never what a link points at (put the file itself here)`;
  if (stats.isFIFO()) return `the file is a named pipe (FIFO); ${only}`;
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return `the file is a device; ${only}`;
  if (stats.isSocket()) return `the file is a socket; ${only}`;
  return `the file is not a regular file; ${only}`;
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT"
    ? "no such file"
    : code === "EISDIR"
      ? "this is a folder, not a file"
      : code === "EACCES"
        ? "permission denied"
        : code === "ELOOP"
          ? notRegularReason({isFile: () => false, isDirectory: () => false, isSymbolicLink: () => true} as Stats)!
          : `cannot be read (${code ?? (error as Error).message})`;
}

const sizeReason = (bytes: number, maxBytes: number) =>
  `it is ${(bytes / 1048576).toFixed(1)} MB; the kit reads files of at most ${maxBytes / 1048576} MB`;

/**
 * The bytes of a regular file, read only after its status says it is one and no
 * larger than `maxBytes`. Throws a ReplyError naming the file as `shownAs` for
 * anything else; with `missingIsNull`, a file that does not exist gives null.
 */
export function readRegularFile(path: string, shownAs: string, maxBytes?: number): Buffer;
export function readRegularFile(
  path: string,
  shownAs: string,
  maxBytes: number | undefined,
  missingIsNull: true
): Buffer | null;
export function readRegularFile(
  path: string,
  shownAs: string,
  maxBytes: number = LIMITS.fileBytes,
  missingIsNull = false
): Buffer | null {
  let before: Stats;
  try {
    before = lstatSync(path);
  } catch (error) {
    if (missingIsNull && (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ReplyError(shownAs, null, errnoReason(error));
  }
  const refused = notRegularReason(before);
  if (refused) throw new ReplyError(shownAs, null, refused);
  if (before.size > maxBytes) tooBig(shownAs, sizeReason(before.size, maxBytes));
  let fd: number;
  try {
    // O_NOFOLLOW: a link put in its place meanwhile is not followed; O_NONBLOCK: nor does a FIFO hang the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ReplyError(shownAs, null, errnoReason(error));
  }
  try {
    const opened = fstatSync(fd);
    const swapped = notRegularReason(opened);
    if (swapped) throw new ReplyError(shownAs, null, swapped);
    if (opened.size > maxBytes) tooBig(shownAs, sizeReason(opened.size, maxBytes));
    // Read what the status gave, plus one byte to notice a file growing meanwhile (never more).
    const buffer = Buffer.alloc(opened.size + 1);
    let length = 0;
    for (let got = -1; got !== 0 && length < buffer.length; length += got)
      got = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > opened.size)
      throw new ReplyError(shownAs, null, "the file grew while it was read; read it again once it is written");
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw new ReplyError(shownAs, null, errnoReason(error));
  } finally {
    closeSync(fd);
  }
}
