/**
 * `npm run dev`: Framework's preview, and a watcher of the data folder that keeps its pages live.
 * Run after scripts/prepare-build.ts; arguments go to `observable preview` (e.g. --port 3001).
 *
 * Why: Framework's preview re-runs a data loader only when the loader's own file changes (its
 * cached output is then older than the loader: loader.js), and watches nothing a loader reads.
 * This kit's loaders read the data folder (replies, their metadata, mappings, transcriptions,
 * corrections), so a reply dropped in changed nothing until a restart. Here, on a change under
 * the data folder (FOI_DATA, or data/), the loader outputs whose inputs changed are found as
 * before a build (clear-stale-loaders.ts) and their loaders' files touched: Framework then finds
 * each output older than its loader (stale), and its own watcher sees each touched loader of an
 * open page, runs it again and updates the page. The outputs are not removed: Framework may be
 * serving one at that moment, and a file gone between its check and its read stops the server. A reply added or removed also touches the config, so that Framework lists its
 * council page. A reply the kit cannot read is listed as unreadable by the loaders, as in a
 * build; an error here is one line on the console and the server goes on.
 */
import {spawn} from "node:child_process";
import {existsSync, readdirSync, utimesSync, watch} from "node:fs";
import {join} from "node:path";
import {clearStaleLoaders, findLoaders, kitProject, type Project} from "./clear-stale-loaders.js";

const ROOT = join(import.meta.dirname, "..");
/** Editors save in several writes: changes within this time are one. */
const SETTLE_MS = 150;

/** The replies' file names: when they change, the list of council pages may too. */
function replyFiles(dataDir: string): string {
  const dir = join(dataDir, "responses");
  return existsSync(dir) ? readdirSync(dir).sort().join("\n") : "";
}

/**
 * Touches the loaders whose cached output is stale (its inputs changed); returns the loaders
 * touched (relative to the source root).
 */
export async function refreshLoaders(project: Project): Promise<string[]> {
  const {cleared} = await clearStaleLoaders(project, {keep: true});
  const now = new Date();
  const touched: string[] = [];
  for (const [target, loaders] of findLoaders(project.srcRoot)) {
    // An archive's members (data/campaign/summary.json from data/campaign.zip) are cleared with it.
    const members = `${target.replace(/\.(zip|tar|tgz|tar\.gz)$/, "")}/`;
    if (!cleared.some((output) => output === target || output.startsWith(members))) continue;
    for (const loader of loaders) {
      utimesSync(join(project.srcRoot, loader), now, now);
      touched.push(loader);
    }
  }
  return touched;
}

/** Watches the data folder and keeps the loaders' outputs fresh; returns a function that stops it. */
export function watchData(project: Project, log: (line: string) => void = console.log): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let replies = replyFiles(project.dataDir);
  const refresh = () => {
    running = running.then(async () => {
      try {
        const touched = await refreshLoaders(project);
        const now = replyFiles(project.dataDir);
        if (now !== replies) {
          replies = now;
          const config = join(project.projectRoot, "observablehq.config.ts");
          utimesSync(config, new Date(), new Date());
        }
        if (touched.length) log(`data changed: loaders to run again: ${touched.join(", ")}`);
      } catch (error) {
        log(`data changed, but the loaders' outputs could not be brought up to date: ${(error as Error).message}`);
      }
    });
  };
  const watcher = watch(project.dataDir, {recursive: true}, () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, SETTLE_MS);
  });
  watcher.on("error", (error) => log(`watching ${project.dataDir}: ${error.message}`));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {project} = await kitProject();
  const stop = watchData(project);
  const framework = join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");
  const preview = spawn(
    process.execPath,
    [framework, "preview", "--host", "127.0.0.1", "--no-open", ...process.argv.slice(2)],
    {cwd: ROOT, stdio: "inherit", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1"}}
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => preview.kill(signal));
  preview.on("exit", (code) => {
    stop();
    process.exit(code ?? 1);
  });
}
