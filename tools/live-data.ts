/**
 * The live data loop, driven from outside: `npm run dev` started on a copy of the
 * app (tools/app-copy.ts), replies written into the copy's data folder, and the
 * served data polled until it shows them. Shared by the browser test
 * (test/browser/live-data.test.ts) and the benchmark (bench/live-data.ts). The
 * replies written are MADE UP: copies of the shipped reply under another name.
 */
import {spawn, type ChildProcess} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {join} from "node:path";

/** A free port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  base: string;
  /** Everything the server printed, for a failure's message. */
  output(): string;
  /** The text of a member of the site's archive as served (`records.columns.json`), or "HTTP <status>". */
  served(file: string): Promise<string>;
  /** Polls a served file until `ok` holds; the seconds it took. Throws with the server's output after `timeoutMs`. */
  until(file: string, ok: (text: string) => boolean, what: string, timeoutMs?: number): Promise<number>;
  stop(): void;
}

/** Starts `npm run dev` in `dir` (a copy of the app) and waits until it serves the records. */
export async function startDev(dir: string): Promise<DevServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  // Its own process group, so that stopping it stops npm, the watcher and Framework together.
  const dev: ChildProcess = spawn("npm", ["run", "dev", "--", "--port", String(port)], {cwd: dir, detached: true});
  dev.stdout?.on("data", (chunk) => (output += chunk));
  dev.stderr?.on("data", (chunk) => (output += chunk));
  const served = async (file: string) => {
    const response = await fetch(`${base}/_file/data/campaign/${file}`);
    return response.ok ? response.text() : `HTTP ${response.status}`;
  };
  const until = async (file: string, ok: (text: string) => boolean, what: string, timeoutMs = 30_000) => {
    const start = performance.now();
    for (;;) {
      const text = await served(file).catch((error: Error) => `fetch: ${error.message}`);
      if (ok(text)) return (performance.now() - start) / 1000;
      if (performance.now() - start > timeoutMs)
        throw new Error(`${what}: not served after ${timeoutMs} ms\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const server: DevServer = {
    base,
    output: () => output,
    served,
    until,
    stop: () => {
      // The group may have ended already (a server that stopped fails its caller, with its output).
      if (dev.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGTERM");
    }
  };
  try {
    await until("records.columns.json", (text) => text.startsWith("{"), "the first records", 120_000);
  } catch (error) {
    server.stop();
    throw error;
  }
  return server;
}

/** Writes a reply and its `.meta.json` (the shipped reply's, with another authority) into a responses folder. */
export function writeReply(responses: string, name: string, text: string, authority: string, metaFrom: string): void {
  const meta = JSON.parse(readFileSync(join(responses, `${metaFrom}.meta.json`), "utf8")) as object;
  writeFileSync(join(responses, `${name}.txt`), text);
  writeFileSync(join(responses, `${name}.meta.json`), JSON.stringify({...meta, authority}, null, 2));
}
