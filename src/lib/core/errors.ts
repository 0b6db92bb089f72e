/**
 * The one error the kit explains to a reader: bad input, named by its file and
 * line. Everything else that throws is a bug in the kit and keeps its stack.
 * Pure: runs in Node loaders, in tests and in the browser.
 */

/** An error about one input, carrying the file and line a reader needs to fix it. */
export class ReplyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string
  ) {
    super(`${file}${line == null ? "" : `:${line}`}: ${reason}`);
    this.name = "ReplyError";
  }
}
