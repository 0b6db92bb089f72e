/**
 * `node --import tsx scripts/clear-stale-loaders.ts [--all]`: run before `npm run build` and
 * `npm run dev` start Framework, by scripts/prepare-build.ts. Removes the cached output of each
 * data loader whose inputs changed since that output was made, and nothing else.
 *
 * Why: Framework keeps each loader's output in src/.observablehq/cache/<path> and runs the
 * loader again only when that output is missing (`observable build`) or older than the loader
 * file itself (`observable preview`). The kit's loader (src/data/campaign.zip.ts), and any a user
 * writes, read data/ and import src/lib/, so after an edit there Framework would publish the old
 * output. Clearing Framework's whole cache instead throws away its bundles of npm packages (_npm,
 * _node, _observablehq), which are most of the time of a build; they are kept.
 *
 * A loader's inputs, hashed into one fingerprint: its own source and every local module it
 * imports (src/lib/read/imports.ts; for a loader in another language, every file under src/),
 * every file of the data folder (FOI_DATA, or its older name FOI_DATA_DIR, or data/) and its
 * path, the project's data/ too when FOI_DATA points elsewhere (its mappings, reference figures
 * and request stand in for those the folder lacks), and the installed packages
 * (node_modules/.package-lock.json). The fingerprints of the outputs in the cache are kept in
 * src/.observablehq/cache/_foi-kit-loaders.json, which lives and dies with them; an output it
 * does not describe is cleared, and so are the members Framework extracted from an archive
 * loader's output. --all clears every loader output. Framework then runs what is missing.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {extname, join, relative, resolve, sep} from "node:path";
import {importClosure} from "../src/lib/read/imports.js";
import {DATA_DIR, PROJECT_DATA_DIR} from "../src/lib/read/data-dir.js";

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
    // A loader's name has two extensions: the output's and the language's (campaign.zip.ts).
    if (!LOADER_EXTENSIONS.includes(ext) || !extname(target) || path.endsWith(".d.ts")) continue;
    loaders.set(target, [...(loaders.get(target) ?? []), path]);
  }
  return loaders;
}

/** Outputs in Framework's cache: everything but its own folders and files, which start with "_". */
export function cachedOutputs(cacheDir: string): string[] {
  return filesUnder(cacheDir).filter((path) => !path.startsWith("_") && !/\.\d+(\.err)?$/.test(path));
}

export interface Inputs {
  /** A hash of the inputs' names and contents. */
  hash: string;
  /** The newest modification time among them, in ms. */
  newestMs: number;
}

/** Each loader target's inputs, as a fingerprint and the time of the newest. */
export function loaderInputs(project: Project): Map<string, Inputs> {
  const loaders = findLoaders(project.srcRoot);
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
      const code = JS_LIKE.has(extname(loader))
        ? importClosure([join(project.srcRoot, loader)])
        : (allSource ??= filesUnder(project.srcRoot).map((path) => join(project.srcRoot, path)));
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

/** Archives a loader may write (Framework extracts their members): `data/campaign.zip` gives `data/campaign/<member>`. */
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
  const now = loaderInputs(project);
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

/** This project as the config and the environment describe it, and the config's interpreters. */
export async function kitProject(): Promise<{project: Project}> {
  const config = (await import(join(ROOT, "observablehq.config.ts"))).default as {root?: string};
  const project: Project = {
    srcRoot: join(ROOT, config.root ?? "src"),
    // The data folder the loaders read, resolved in one place (src/lib/read/replies.ts).
    dataDir: DATA_DIR,
    fallbackDataDir: PROJECT_DATA_DIR,
    projectRoot: ROOT
  };
  return {project};
}

/** The command: clears stale loader output; Framework runs the loaders whose output is missing. */
export async function prepareLoaders(args: string[]): Promise<void> {
  const {project} = await kitProject();
  const {cleared} = await clearStaleLoaders(project, {all: args.includes("--all")});
  if (cleared.length) process.stdout.write(`loaders to run again (their inputs changed): ${cleared.join(", ")}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await prepareLoaders(process.argv.slice(2));
