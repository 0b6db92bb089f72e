// `npm run build`: the site written to FOI_OUTPUT (default dist/) so that builds can share a machine.
//
// - A lock file beside the output (`.<name>.build-lock`, holding the builder's pid) and one in
//   Framework's cache of this checkout make a second build into the same output, or of the same
//   checkout, wait for the first and say so, instead of failing half-way with Framework's "file
//   conflict". A lock left by a process that no longer runs is taken over.
// - Framework writes into a new folder beside the output, which then replaces the output whole: a
//   build into a folder outside the project (which Framework never clears) leaves no stale pages,
//   and a failed build leaves the last good site as it was, never half a site.
import {spawn} from "node:child_process";
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {prepareBuild} from "./prepare-build.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const FRAMEWORK = join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");

/** Whether a process of this id runs (one we may not signal runs too). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes a lock file for this process, waiting while another live process holds it (up to
 * `waitMs`). Returns a function that gives it back. The lock is taken with an exclusive create,
 * so two builders never both get it.
 */
export async function takeLock(path: string, what: string, waitMs = 30 * 60_000): Promise<() => void> {
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      mkdirSync(dirname(path), {recursive: true});
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n${ROOT}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, "utf8").split("\n")[0] === String(process.pid)) rmSync(path, {force: true});
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder: number;
    let project: string | undefined;
    try {
      const [pid, root] = readFileSync(path, "utf8").split("\n");
      holder = Number.parseInt(pid, 10);
      project = root;
    } catch {
      continue; // given back meanwhile: try again
    }
    // A lock naming another project was copied with it (tools/app-copy.ts copies src/): not a build here.
    if (!Number.isInteger(holder) || !alive(holder) || (project && project !== ROOT)) {
      // Left by a build that ended without giving it back (killed, machine restarted).
      process.stderr.write(`note: taking over ${path}, left by process ${holder}, which no longer builds here\n`);
      rmSync(path, {force: true});
      continue;
    }
    if (Date.now() - started > waitMs)
      throw new Error(`${what} is still being built by process ${holder} (lock ${path}); try again when it ends`);
    if (!said) {
      said = true;
      process.stderr.write(`waiting: ${what} is being built by process ${holder} (lock ${path})\n`);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}

/** Runs a command with the given environment, Framework's warning about a folder it will not clear left out. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {cwd: ROOT, env, stdio: ["inherit", "inherit", "pipe"]});
    let rest = "";
    child.stderr.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (!/will not be cleared/.test(line)) process.stderr.write(`${line}\n`);
    });
    child.on("close", (code) => {
      if (rest && !/will not be cleared/.test(rest)) process.stderr.write(rest);
      done(code ?? 1);
    });
  });
}

export async function buildSite(): Promise<number> {
  const env = process.env;
  const output = resolve(ROOT, env.FOI_OUTPUT || "dist");
  const releases: (() => void)[] = [];
  const release = () => releases.splice(0).forEach((r) => r());
  process.on("exit", release);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      release();
      process.exit(130);
    });
  try {
    releases.push(await takeLock(join(dirname(output), `.${basename(output)}.build-lock`), output));
    releases.push(await takeLock(join(ROOT, "src/.observablehq/build.lock"), `the project in ${ROOT}`));
    // In this process: another start of Node with tsx would cost about 0.3 s of every rebuild.
    await prepareBuild();
    const staging = `${output}.building-${process.pid}`;
    rmSync(staging, {recursive: true, force: true});
    const built = await run([FRAMEWORK, "build"], {...env, FOI_OUTPUT: staging, OBSERVABLE_TELEMETRY_DISABLE: "1"});
    if (built !== 0) {
      rmSync(staging, {recursive: true, force: true});
      return built;
    }
    // The new site replaces the old whole: nothing of the last build stays behind.
    const old = `${output}.old-${process.pid}`;
    if (existsSync(output)) renameSync(output, old);
    renameSync(staging, output);
    rmSync(old, {recursive: true, force: true});
    return 0;
  } finally {
    release();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await buildSite();
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
