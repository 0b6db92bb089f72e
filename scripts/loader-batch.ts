/**
 * `node --import tsx scripts/loader-batch.ts RESULT LOADER OUTPUT [LOADER OUTPUT ...]`: run by
 * clear-stale-loaders.ts. Runs JavaScript and TypeScript data loaders one after another in this
 * one process, each loader's standard output going to its OUTPUT file, and writes RESULT on exit:
 * `{"done": [LOADER...], "failed": [LOADER...]}`. A loader in neither list did not run.
 *
 * Why: a loader run as its own process starts Node, tsx and the kit's library again, about 0.3 s
 * each; with ten loaders that was most of a rebuild after editing one reply. Here it is paid once.
 *
 * A loader is done, as when it runs alone, once its module has evaluated and nothing it started
 * is still running (the process has no more active handles and requests than before it). It has
 * failed if it throws, sets a non-zero exit code, or exits the process with one; a loader that
 * calls process.exit(0) is done, and the loaders after it are left for the caller to run again.
 * A write to standard output while no loader is running cannot be told apart, so it fails every
 * loader of the batch: the caller then leaves them all to Framework.
 */
import {writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {pathToFileURL} from "node:url";

const [result, ...pairs] = process.argv.slice(2);
const done: string[] = [];
const failed: string[] = [];
let current: {loader: string; output: string; chunks: Buffer[]} | null = null;
let stray = false;

// Standard output is the loader's output while it runs, and a mistake at any other time.
process.stdout.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
  if (current)
    current.chunks.push(
      typeof chunk === "string"
        ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
        : Buffer.from(chunk)
    );
  else stray = true;
  const cb = typeof encoding === "function" ? encoding : callback;
  if (typeof cb === "function") process.nextTick(cb as () => void);
  return true;
}) as typeof process.stdout.write;

function finish(ok: boolean) {
  if (!current) return;
  if (ok) {
    writeFileSync(current.output, Buffer.concat(current.chunks));
    done.push(current.loader);
  } else failed.push(current.loader);
  current = null;
}

process.on("exit", (code) => {
  finish(code === 0);
  writeFileSync(result, JSON.stringify(stray ? {done: [], failed: [...done, ...failed]} : {done, failed}));
});

const activeResources = () => process.getActiveResourcesInfo().length;
const baseline = activeResources();

for (let i = 0; i + 1 < pairs.length; i += 2) {
  current = {loader: pairs[i], output: pairs[i + 1], chunks: []};
  let ok = true;
  try {
    await import(pathToFileURL(resolve(pairs[i])).href);
    // What the loader started (a stream piped to stdout, a request) ends before it counts as done.
    while (activeResources() > baseline) await new Promise((next) => setImmediate(next));
  } catch {
    ok = false; // Framework runs it again, alone, and reports the error as usual
  }
  if (process.exitCode) {
    ok = false;
    process.exitCode = undefined;
  }
  finish(ok);
}
