/**
 * Node-only: how loaders and commands stop on bad input. A ReplyError becomes
 * one line on stderr ("error: file:line: reason") and exit code 1, so a reader
 * sees what to fix rather than a stack trace; any other error is a bug in the
 * kit and keeps its stack trace.
 */
import {ReplyError} from "../core/errors.js";

/** Runs a step (waiting for it when it returns a promise) and explains a ReplyError in one line. */
export async function runOrExplain(step: () => void | Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof ReplyError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
