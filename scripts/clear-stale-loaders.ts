/**
 * `node --import tsx scripts/clear-stale-loaders.ts [--all] [--no-run]`: run before
 * `npm run build` and `npm run dev` start Framework, by scripts/prepare-build.ts. Removes the cached output of each data loader whose
 * inputs changed since that output was made, and nothing else.
 *
 * Why: Framework keeps each loader's output in src/.observablehq/cache/<path> and runs the
 * loader again only when that output is missing (`observable build`) or older than the loader
 * file itself (`observable preview`). This kit's loaders read data/ and import src/lib/, so after
 * an edit there Framework would publish the old output. Clearing Framework's whole cache instead
 * throws away its bundles of npm packages (_npm, _node, _observablehq), which are most of the
 * time of a build; they are kept.
 *
 * A loader's inputs, hashed into one fingerprint: its own source and every local module it
 * imports (found by esbuild; for a loader in another language, every file under src/), every
 * file of the data folder (FOI_DATA, or its older name FOI_DATA_DIR, or data/) and its path, the
 * project's data/ too when FOI_DATA points elsewhere (its mappings, reference figures and request
 * stand in for those the folder lacks), and the installed packages
 * (node_modules/.package-lock.json). The fingerprints of the outputs in the cache are kept in
 * src/.observablehq/cache/_foi-kit-loaders.json, which lives and dies with them; an output it
 * does not describe is cleared. --all clears every loader output.
 *
 * Then it runs the JavaScript and TypeScript loaders whose output is missing, side by side, and
 * caches their output where Framework would; Framework, which runs them one after another, finds
 * them fresh. It parses the replies first, into the parse cache (src/lib/read/cache.ts), so that
 * loaders running side by side do not each parse a changed reply. --no-run leaves all that to
 * Framework.
 */
import {createHash} from "node:crypto";
import {spawn} from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import {availableParallelism, tmpdir} from "node:os";
import {dirname, extname, join, relative, resolve, sep} from "node:path";
import {build} from "esbuild";

const ROOT = join(import.meta.dirname, "..");
/** Framework's default loader extensions (loader.js); a target is the loader's path without one. */
const LOADER_EXTENSIONS = [".js", ".ts", ".py", ".r", ".R", ".rs", ".go", ".java", ".jl", ".php", ".sh", ".exe"];
const JS_LIKE = new Set([".js", ".ts"]);
export const MANIFEST = "_foi-kit-loaders.json";
const MANIFEST_VERSION = 1;

export interface Project {
  /** Framework's source root (its `root`, "src"). */
  srcRoot: string;
  /** The data folder the loaders read. */
  dataDir: string;
  /** The folder holding node_modules. */
  projectRoot: string;
  /**
   * The project's own data folder, which a FOI_DATA folder falls back to for what it lacks
   * (mappings/, reference/, campaign/request.json): its files are inputs too.
   */
  fallbackDataDir?: string;
}

/** Every file under a folder, as sorted paths relative to it (Framework's cache and dot-files left out). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(dir, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join("/")
    )
    .filter((path) => !path.split("/").some((part) => part.startsWith(".")))
    .sort();
}

/** The data loaders under the source root, by the output path (target) each writes. */
export function findLoaders(srcRoot: string): Map<string, string[]> {
  const loaders = new Map<string, string[]>();
  for (const path of filesUnder(srcRoot)) {
    const ext = extname(path);
    const target = path.slice(0, -ext.length);
    // A loader's name has two extensions: the output's and the language's (records.csv.ts).
    if (!LOADER_EXTENSIONS.includes(ext) || !extname(target) || path.endsWith(".d.ts")) continue;
    loaders.set(target, [...(loaders.get(target) ?? []), path]);
  }
  return loaders;
}

/** Outputs in Framework's cache: everything but its own folders and files, which start with "_". */
export function cachedOutputs(cacheDir: string): string[] {
  return filesUnder(cacheDir).filter((path) => !path.startsWith("_") && !/\.\d+(\.err)?$/.test(path));
}

/** Local modules each JS/TS loader imports, itself included, as absolute paths; null for a loader esbuild cannot follow. */
async function importGraphs(srcRoot: string, loaders: string[]): Promise<Map<string, string[] | null>> {
  const graphs = new Map<string, string[] | null>(loaders.map((path) => [path, null]));
  if (!loaders.length) return graphs;
  const follow = (entryPoints: string[]) =>
    build({
      entryPoints: entryPoints.map((loader) => join(srcRoot, loader)),
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "silent",
      outdir: "out",
      absWorkingDir: srcRoot
    });
  const record = (result: Awaited<ReturnType<typeof follow>>) => {
    for (const output of Object.values(result.metafile.outputs)) {
      const loader = output.entryPoint && relative(srcRoot, resolve(srcRoot, output.entryPoint)).split(sep).join("/");
      if (loader && graphs.has(loader))
        graphs.set(
          loader,
          Object.keys(output.inputs)
            .map((input) => resolve(srcRoot, input))
            .sort()
        );
    }
  };
  try {
    record(await follow(loaders)); // all at once, the usual case
  } catch {
    // one loader esbuild cannot read: the others one by one; that one depends on all of src/
    for (const loader of loaders) await follow([loader]).then(record, () => {});
  }
  return graphs;
}

export interface Inputs {
  /** A hash of the inputs' names and contents. */
  hash: string;
  /** The newest modification time among them, in ms. */
  newestMs: number;
}

/** Each loader target's inputs, as a fingerprint and the time of the newest. */
export async function loaderInputs(project: Project): Promise<Map<string, Inputs>> {
  const loaders = findLoaders(project.srcRoot);
  const jsLoaders = [...loaders.values()].flat().filter((path) => JS_LIKE.has(extname(path)));
  const graphs = await importGraphs(project.srcRoot, jsLoaders);
  const hashes = new Map<string, string>();
  let newest = 0;
  const hashFile = (path: string) => {
    let hash = hashes.get(path);
    if (!hash) {
      hash = createHash("sha256").update(readFileSync(path)).digest("hex");
      hashes.set(path, hash);
    }
    return hash;
  };
  const mtime = (path: string) => statSync(path).mtimeMs;
  const shared = createHash("sha256");
  shared.update(`data folder ${resolve(project.dataDir)}\n`);
  for (const file of filesUnder(project.dataDir)) {
    shared.update(`${file} ${hashFile(join(project.dataDir, file))}\n`);
    newest = Math.max(newest, mtime(join(project.dataDir, file)));
  }
  const fallback = project.fallbackDataDir && resolve(project.fallbackDataDir);
  if (fallback && fallback !== resolve(project.dataDir)) {
    shared.update(`fallback data folder ${fallback}\n`);
    for (const file of filesUnder(fallback)) {
      shared.update(`${file} ${hashFile(join(fallback, file))}\n`);
      newest = Math.max(newest, mtime(join(fallback, file)));
    }
  }
  const lock = join(project.projectRoot, "node_modules/.package-lock.json");
  shared.update(`packages ${existsSync(lock) ? hashFile(lock) : "unknown"}\n`);
  const sharedHash = shared.digest("hex");
  let allSource: string[] | undefined;
  const out = new Map<string, Inputs>();
  for (const [target, paths] of loaders) {
    let newestCode = 0;
    const hash = createHash("sha256").update(`v${MANIFEST_VERSION} ${sharedHash}\n`);
    for (const loader of paths) {
      const code =
        graphs.get(loader) ?? (allSource ??= filesUnder(project.srcRoot).map((path) => join(project.srcRoot, path)));
      hash.update(`loader ${loader}\n`);
      for (const file of code) {
        hash.update(`${relative(project.srcRoot, file)} ${hashFile(file)}\n`);
        newestCode = Math.max(newestCode, mtime(file));
      }
    }
    out.set(target, {hash: hash.digest("hex"), newestMs: Math.max(newest, newestCode)});
  }
  return out;
}

/** Archives a loader may write (Framework extracts their members): `data/councils.zip` gives `data/councils/<member>`. */
const ARCHIVE_EXTENSIONS = [".zip", ".tar", ".tar.gz", ".tgz"];

/**
 * A member Framework extracted from an archive loader's output is made from that loader's
 * inputs: it is as fresh as the archive (an extracted member no loader explains is cleared).
 */
function archiveOf(now: Map<string, Inputs>, output: string): string | undefined {
  return [...now.keys()].find((target) => {
    const ext = ARCHIVE_EXTENSIONS.find((e) => target.endsWith(e));
    return ext != null && output.startsWith(`${target.slice(0, -ext.length)}/`);
  });
}

function readManifest(cacheDir: string): Record<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(join(cacheDir, MANIFEST), "utf8"));
    return manifest?.version === MANIFEST_VERSION && typeof manifest.outputs === "object" && manifest.outputs
      ? manifest.outputs
      : {};
  } catch {
    return {};
  }
}

/**
 * Removes the cached outputs whose loader's inputs changed (or that no loader or no record
 * explains), records the fingerprints the coming build's outputs will have, and says what it
 * removed (with `keep`, what it would remove, left in place). An output older than any of its
 * inputs is cleared too: the record says what the inputs were when this last ran, not when `dev`
 * later ran the loader. Framework's own cache (folders and files starting with "_") is never
 * touched.
 */
export async function clearStaleLoaders(
  project: Project,
  options: {all?: boolean; keep?: boolean} = {}
): Promise<{cleared: string[]; kept: string[]}> {
  const cacheDir = join(project.srcRoot, ".observablehq/cache");
  const now = await loaderInputs(project);
  const before = readManifest(cacheDir);
  const cleared: string[] = [];
  const kept: string[] = [];
  for (const output of cachedOutputs(cacheDir)) {
    const target = now.has(output) ? output : archiveOf(now, output);
    const inputs = target ? now.get(target) : undefined;
    const fresh =
      target && inputs && before[target] === inputs.hash && statSync(join(cacheDir, output)).mtimeMs >= inputs.newestMs;
    if (fresh && !options.all) kept.push(output);
    else {
      // keep: under a running preview (scripts/dev.ts), which may be serving the file; there its
      // loader is touched instead, and Framework replaces the output when it runs it again.
      if (!options.keep) rmSync(join(cacheDir, output), {force: true});
      cleared.push(output);
    }
  }
  // Every loader's output, present or still to be made, will be made from today's inputs.
  const path = join(cacheDir, MANIFEST);
  const temp = `${path}.${process.pid}`;
  mkdirSync(cacheDir, {recursive: true});
  writeFileSync(
    temp,
    JSON.stringify(
      {
        version: MANIFEST_VERSION,
        outputs: Object.fromEntries([...now].map(([target, inputs]) => [target, inputs.hash]))
      },
      null,
      1
    ) + "\n"
  );
  renameSync(temp, path);
  return {cleared, kept};
}

/** Framework's commands for JavaScript and TypeScript loaders (its loader.js); the config's `interpreters` override them. */
const DEFAULT_COMMANDS: Record<string, string[]> = {
  ".js": ["node", "--no-warnings=ExperimentalWarning"],
  ".ts": ["tsx"]
};

/** The command that runs a loader (its interpreter, as Framework would use it), or null if turned off. */
function commandFor(loader: string, interpreters: Record<string, string[] | null>): string[] | null {
  const command = extname(loader) in interpreters ? interpreters[extname(loader)] : DEFAULT_COMMANDS[extname(loader)];
  return command?.length ? command : null;
}

/** Node with tsx's hook can run several loaders in one process (scripts/loader-batch.ts). */
const canBatch = (command: string[]) => command[0] === "node" && command.includes("tsx");

interface Job {
  command: string[];
  /** target and loader path, relative to the source root */
  loaders: [string, string][];
}

/**
 * Runs one job (a process), its loaders' output written beside each cached file and then
 * renamed to it. Returns the targets made, and the loaders a batch did not reach (one before them
 * exited the process), to be run again.
 */
async function runJob(
  project: Project,
  cacheDir: string,
  job: Job
): Promise<{made: string[]; notRun: [string, string][]}> {
  const temps = job.loaders.map(([target]) => `${join(cacheDir, target)}.${process.pid}`);
  for (const temp of temps) mkdirSync(dirname(temp), {recursive: true});
  const paths = job.loaders.map(([, loader]) => relative(project.projectRoot, join(project.srcRoot, loader)));
  const batch = job.loaders.length > 1;
  const resultFile = join(tmpdir(), `foi-kit-loader-batch-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const args = batch
    ? [
        ...job.command.slice(1),
        join(import.meta.dirname, "loader-batch.ts"),
        resultFile,
        ...paths.flatMap((path, i) => [path, temps[i]])
      ]
    : [...job.command.slice(1), paths[0]];
  const fd = batch ? "ignore" : openSync(temps[0], "w");
  let stderr = "";
  const code = await new Promise<number | null>((done) => {
    const child = spawn(job.command[0], args, {cwd: project.projectRoot, stdio: ["ignore", fd, "pipe"]});
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", () => done(null));
    child.on("close", done);
  });
  if (typeof fd === "number") closeSync(fd);
  let done: string[] = code === 0 ? paths : [];
  let failed: string[] = code === 0 ? [] : paths;
  if (batch) {
    try {
      ({done, failed} = JSON.parse(readFileSync(resultFile, "utf8")) as {done: string[]; failed: string[]});
    } catch {
      ({done, failed} = {done: [], failed: paths}); // the process did not get as far as saying
    }
    rmSync(resultFile, {force: true});
  }
  const made: string[] = [];
  const notRun: [string, string][] = [];
  job.loaders.forEach(([target, loader], i) => {
    if (done.includes(paths[i])) {
      renameSync(temps[i], join(cacheDir, target));
      made.push(target);
    } else {
      rmSync(temps[i], {force: true});
      if (!failed.includes(paths[i])) notRun.push([target, loader]);
    }
  });
  // Loaders a batch did not reach run again only if it got somewhere: else they are Framework's.
  if (notRun.length === job.loaders.length) notRun.length = 0;
  if (made.length) process.stderr.write(stderr); // the loaders' notes, as Framework would pass them on
  return {made, notRun};
}

/**
 * Runs the JavaScript and TypeScript loaders whose output is missing, each with the command
 * Framework would use, from the project folder, and caches their output where Framework would.
 * Those Node runs with tsx share processes (scripts/loader-batch.ts), as many as there are
 * processors, so Node, tsx and the kit's library start once per process, not once per loader;
 * any other loader runs alone, side by side with them. Returns the targets made. A loader that
 * fails leaves nothing: Framework runs it again and reports its error as usual.
 */
export async function runMissingLoaders(
  project: Project,
  interpreters: Record<string, string[] | null> = {},
  concurrency = availableParallelism()
): Promise<string[]> {
  const cacheDir = join(project.srcRoot, ".observablehq/cache");
  const lanes = Math.max(1, concurrency);
  const jobs: Job[] = [];
  const batches = new Map<string, Job[]>();
  for (const [target, paths] of findLoaders(project.srcRoot)) {
    if (paths.length !== 1 || !JS_LIKE.has(extname(paths[0])) || existsSync(join(cacheDir, target))) continue;
    const command = commandFor(paths[0], interpreters);
    if (!command) continue; // turned off in the config: not a loader for Framework either
    if (!canBatch(command)) {
      jobs.push({command, loaders: [[target, paths[0]]]});
      continue;
    }
    // Loaders run by the same command are dealt out to one batch per processor, in turn.
    const key = JSON.stringify(command);
    let group = batches.get(key);
    if (!group) batches.set(key, (group = Array.from({length: lanes}, () => ({command, loaders: []}))));
    const batch = group.reduce((a, b) => (b.loaders.length < a.loaders.length ? b : a));
    batch.loaders.push([target, paths[0]]);
  }
  const queue = [...[...batches.values()].flat().filter((job) => job.loaders.length), ...jobs];
  const made: string[] = [];
  await Promise.all(
    Array.from({length: lanes}, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const ran = await runJob(project, cacheDir, job);
        made.push(...ran.made);
        if (ran.notRun.length) queue.push({command: job.command, loaders: ran.notRun});
      }
    })
  );
  return made.sort();
}

/** This project as the config and the environment describe it, and the config's interpreters. */
export async function kitProject(): Promise<{project: Project; interpreters?: Record<string, string[] | null>}> {
  const config = (await import(join(ROOT, "observablehq.config.ts"))).default as {
    root?: string;
    interpreters?: Record<string, string[] | null>;
  };
  const project: Project = {
    srcRoot: join(ROOT, config.root ?? "src"),
    // FOI_DATA (or its older name FOI_DATA_DIR) as src/lib/read/replies.ts reads it.
    dataDir: process.env.FOI_DATA || process.env.FOI_DATA_DIR || join(ROOT, "data"),
    fallbackDataDir: join(ROOT, "data"),
    projectRoot: ROOT
  };
  return {project, interpreters: config.interpreters};
}

/** The command: clears stale loader output, then (unless --no-run) makes what is missing. */
export async function prepareLoaders(args: string[]): Promise<void> {
  const {project, interpreters} = await kitProject();
  const {cleared} = await clearStaleLoaders(project, {all: args.includes("--all")});
  if (cleared.length) process.stdout.write(`loaders to run again (their inputs changed): ${cleared.join(", ")}\n`);
  if (
    !args.includes("--no-run") &&
    [...findLoaders(project.srcRoot).keys()].some(
      (target) => !existsSync(join(project.srcRoot, ".observablehq/cache", target))
    )
  ) {
    try {
      const {readReplies} = await import("../src/lib/read/replies.js");
      const {pruneReplyCache} = await import("../src/lib/read/cache.js");
      pruneReplyCache();
      await readReplies({dataDir: project.dataDir, onError: () => {}}); // an unreadable reply is listed by the loaders
    } catch {
      // a reply that cannot be read: the loader that reads it says so, in the build's own words
    }
    await runMissingLoaders(project, interpreters);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await prepareLoaders(process.argv.slice(2));
