/**
 * Node-only: the hard bound around every reader. Each reply file is read in a
 * worker thread (./extract-worker.ts) whose V8 heap is capped
 * (LIMITS.readMemoryMb) and which is terminated when it overruns its time
 * (LIMITS.readSeconds, plus LIMITS.ocrSecondsPerPage for each page it reads by
 * OCR). Whatever a file makes a library do (expand a million repeated rows,
 * nest 100,000 elements, walk a 100 MB content stream), its reading ends in one
 * line naming the file and the limit it hit, and the process goes on with the
 * next file. The checks in ./formats/ still refuse the known bombs early and
 * with a better reason; this is for the ones nobody thought of. Plain text,
 * CSV and TSV, which the kit decodes itself with no library, are read in the
 * calling process (isPlainText), within the same size limit.
 *
 * One worker serves a whole batch of files (starting one costs about a quarter
 * of a second: tsx loads again, and each reader when a file first needs it);
 * a worker that was stopped is replaced for the next file. Close the reader
 * when done, or the worker keeps the process alive.
 */
import {Worker} from "node:worker_threads";
import {ReplyError} from "../core/errors.js";
import {extractText, isPlainText, type ExtractedText} from "./extract.js";
import type {ReadRequest, WorkerMessage} from "./extract-worker.js";
import {LIMITS, transcribedName} from "./formats/limits.js";

export interface ReaderLimits {
  readSeconds: number;
  ocrSecondsPerPage: number;
  readMemoryMb: number;
}

/** Starts the worker: under tsx (the kit runs its TypeScript source) tsx is registered in it first. */
function startWorker(memoryMb: number): Worker {
  const typescript = import.meta.url.endsWith(".ts");
  const entry = new URL(`./extract-worker.${typescript ? "ts" : "js"}`, import.meta.url);
  const resourceLimits = {maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, memoryMb / 4)};
  if (!typescript) return new Worker(entry, {resourceLimits});
  // A worker given a .ts entry loads it before the --import hooks it inherits are ready, so tsx is
  // registered by hand and the entry imported after.
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then(({register}) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, {eval: true, execArgv: [], resourceLimits});
}

export class BoundedReader {
  private worker: Worker | null = null;
  private readonly limits: ReaderLimits;

  constructor(limits: Partial<ReaderLimits> = {}) {
    this.limits = {
      readSeconds: limits.readSeconds ?? LIMITS.readSeconds,
      ocrSecondsPerPage: limits.ocrSecondsPerPage ?? LIMITS.ocrSecondsPerPage,
      readMemoryMb: limits.readMemoryMb ?? LIMITS.readMemoryMb
    };
  }

  private ready: Promise<void> | null = null;

  /** A worker, started if need be, once it has loaded the readers (not counted in a file's time). */
  private async started(name: string): Promise<Worker> {
    if (!this.worker) {
      const worker = startWorker(this.limits.readMemoryMb);
      this.worker = worker;
      // Between files nobody listens: a worker that fails then (a library's stray rejection) is
      // simply replaced for the next file, never an unhandled 'error' in this process.
      worker.on("error", () => undefined);
      worker.on("exit", () => {
        if (this.worker === worker) this.worker = null;
      });
      this.ready = new Promise<void>((resolve, reject) => {
        const done = () => {
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
        };
        const onMessage = (message: WorkerMessage) => {
          if (message.type !== "ready") return;
          done();
          resolve();
        };
        const onExit = (code: number) => {
          done();
          reject(new Error(`it ended with code ${code}`));
        };
        const onError = (error: Error) => {
          done();
          reject(error);
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
      });
    }
    const worker = this.worker;
    worker.ref();
    try {
      await this.ready;
    } catch (error) {
      if (this.worker === worker) this.worker = null;
      void worker.terminate();
      throw new ReplyError(
        name,
        null,
        `the worker that reads replies could not start (${String((error as Error)?.message ?? error).split("\n")[0]})`
      );
    }
    return worker;
  }

  /** extractText in the worker, under the limits: the text, or a ReplyError naming the file. */
  async extract(bytes: Uint8Array, name: string): Promise<ExtractedText> {
    // Plain text, CSV and TSV are decoded by the kit's own code in one pass, no library involved,
    // and then parsed in this process anyway: the worker is for the libraries, and starting it
    // would cost an edited text reply a quarter of a second.
    if (isPlainText(bytes, name)) return extractText(bytes, name);
    const worker = await this.started(name);
    const {readSeconds, ocrSecondsPerPage, readMemoryMb} = this.limits;
    return new Promise<ExtractedText>((resolve, reject) => {
      let allowed = readSeconds;
      let ocrPages = 0;
      const started = Date.now();
      let timer: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => {
            stop();
            const ocr = ocrPages
              ? ` (${readSeconds} s and ${ocrSecondsPerPage} s for each of its ${ocrPages} pages read by OCR)`
              : "";
            fail(
              `reading stopped after ${allowed} s${ocr}, the kit's time limit for one reply; save it in a simpler format or transcribe its table into ${transcribedName(name)} beside it`
            );
          },
          Math.max(0, started + allowed * 1000 - Date.now())
        );
      };
      const settle = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (this.worker === worker) worker.unref(); // idle: not a reason for the process to stay
      };
      const fail = (reason: string) => {
        settle();
        reject(new ReplyError(name, null, reason));
      };
      /** The worker is spent: the next file gets a new one. */
      const stop = () => {
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === "ready") return;
        if (message.type === "ocr") {
          ocrPages += message.pages;
          allowed = readSeconds + ocrPages * ocrSecondsPerPage;
          arm();
        } else if (message.type === "done") {
          settle();
          resolve(message.result);
        } else {
          settle();
          reject(new ReplyError(message.file, message.line, message.reason));
        }
      };
      const onError = (error: Error & {code?: string}) => {
        stop();
        fail(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `reading needed more than ${readMemoryMb} MB of memory, the kit's limit for one reply, so it was stopped; this looks like a bomb or is not a reply`
            : `the file cannot be read (${String(error.message).split("\n")[0]})`
        );
      };
      const onExit = (code: number) => {
        if (this.worker === worker) this.worker = null;
        fail(`reading stopped unexpectedly (its worker ended with code ${code})`);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      arm();
      // A copy goes to the worker; the caller keeps its bytes for the cache key.
      worker.postMessage({bytes, name} satisfies ReadRequest);
    });
  }

  /** Ends the worker, if one is running. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
