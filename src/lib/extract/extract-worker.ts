/**
 * Node-only: the worker thread a reply is read in (started by ./bounded.ts).
 * It reads one file per message with extractText and answers with the text or
 * the one-line error; the thread's memory cap and the caller's time limit bound
 * whatever a file makes the readers do. It also says when OCR pages are about
 * to be read, so the caller allows them their time.
 */
import {parentPort} from "node:worker_threads";
import {ReplyError} from "../core/errors.js";
import {extractText} from "./extract.js";
import {onOcrPages} from "./formats/budget.js";

export interface ReadRequest {
  bytes: Uint8Array;
  name: string;
}

export type WorkerMessage =
  | {type: "done"; result: Awaited<ReturnType<typeof extractText>>}
  | {type: "failed"; file: string; line: number | null; reason: string}
  | {type: "ocr"; pages: number}
  | {type: "ready"};

const port = parentPort;
if (port) {
  // A library that prints goes to stderr: the loaders' standard output is their data file, and a
  // worker's output is written to its parent's.
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  console.log = console.info = console.debug = console.error;
  const send = (message: WorkerMessage) => port.postMessage(message);
  onOcrPages((pages) => send({type: "ocr", pages}));
  port.on("message", ({bytes, name}: ReadRequest) => {
    extractText(bytes, name).then(
      (result) => send({type: "done", result}),
      (error: unknown) => {
        const e =
          error instanceof ReplyError
            ? error
            : new ReplyError(
                name,
                null,
                `the file cannot be read (${String((error as Error)?.message ?? error).split("\n")[0]})`
              );
        send({type: "failed", file: e.file, line: e.line, reason: e.reason});
      }
    );
  });
  // Loaded: from now on the caller's clock runs for each file.
  send({type: "ready"});
}
