/**
 * A copy of the app in a temporary folder, built there with `npm run build` as a user would: for
 * tests that add replies to the data or point FOI_DATA at a made-up campaign without touching the
 * project's own `data/`, `dist/` or loader cache.
 */
import {spawnSync, type SpawnSyncReturns} from "node:child_process";
import {cpSync, symlinkSync} from "node:fs";
import {join} from "node:path";

const ROOT = join(import.meta.dirname, "..");

/**
 * Copies into `dir` what `npm run build` reads: the pages and loaders (`src/`, with Framework's
 * cache, so its bundles of npm packages are reused; the loaders' outputs in it are cleared by the
 * build when their inputs differ), the build's own steps (`scripts/`, and `tools/`, which they and the config import), the config and
 * `package.json`, and the project's `data/` (which a data folder without mappings or reference
 * data falls back to). `node_modules` is linked, not copied; removing `dir` removes the link only.
 */
export function copyApp(dir: string): void {
  cpSync(join(ROOT, "src"), join(dir, "src"), {recursive: true});
  cpSync(join(ROOT, "scripts"), join(dir, "scripts"), {recursive: true});
  // The config reads the sidebar's list with tools/new-page.ts.
  cpSync(join(ROOT, "tools"), join(dir, "tools"), {recursive: true});
  for (const file of ["observablehq.config.ts", "package.json"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  cpSync(join(ROOT, "data"), join(dir, "data"), {recursive: true});
}

/** Runs `npm run build` in a copy made by copyApp, with these environment variables (FOI_DATA, FOI_OUTPUT...). */
export function buildCopy(dir: string, env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync("npm", ["run", "build"], {
    cwd: dir,
    encoding: "utf8",
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", ...env}
  });
}
