/**
 * Seeds Framework's npm cache (src/.observablehq/cache/_npm) from node_modules, so that pages
 * written as Framework's documentation writes them build and run with no network: the free names
 * `Plot`, `d3`, `Inputs`, `aq`, `html` and `svg`, imports such as `npm:d3` or `npm:arquero`, and
 * FileAttachment's `.csv()`, `.tsv()`, `.arrow()`, `.arquero()` and `.zip()`. Run before every
 * `npm run build` and `npm run dev` by scripts/prepare-build.ts.
 *
 * Why: Framework 1.13 resolves an `npm:` import (and each free name, which stands for one) to
 * `/_npm/<name>@<version>/_esm.js`. It takes the highest version already in the cache that fits
 * the range (npm.js, resolveNpmVersion), and the file itself when it exists (populateNpmCache);
 * only otherwise does it ask the npm registry and jsDelivr, which fails offline with `fetch
 * failed`. jsDelivr's files are ES modules bundled for the browser, so each package here is
 * bundled with esbuild into the same place, at the version installed (the lockfile's). Each bundle
 * holds its dependencies, tree-shaken: Plot carries the parts of d3 it uses (131 kB gzip, where
 * Plot importing d3's whole bundle would load 72 + 98 kB), since most pages draw with Plot alone.
 * A dependency listed in `shares` stays the other seeded package's file, imported by relative
 * path as jsDelivr's bundles do.
 *
 * Skipped when every bundle is newer than this script and the last install (npm's
 * node_modules/.package-lock.json, rewritten by each `npm ci` or `npm install`, so a dependency
 * inside a bundle counts too). A package that is not
 * installed (a dev dependency after `npm ci --omit=dev`) is named in one line and left to
 * Framework, which fetches it when a network is there.
 */
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, posix} from "node:path";
import {build, type Plugin} from "esbuild";

const ROOT = join(import.meta.dirname, "..");

export interface Seeded {
  /** The package's name as `npm:` names it. */
  name: string;
  /**
   * What the module exports, as an entry's source: named exports for ES modules, the default
   * for CommonJS packages that Framework's stdlib imports by default (jszip).
   */
  entry?: string;
  /** Seeded packages it imports from their own bundle rather than carrying. */
  shares?: string[];
}

/**
 * The packages seeded: those the free names and file methods stand for (Framework's
 * libraries.js and its client's stdlib), in the order a dependency comes before its users.
 * `@observablehq/inputs` and `@observablehq/stdlib` are not here: Framework bundles them itself
 * (/_observablehq/stdlib/inputs.js), importing only `npm:htl` and `npm:isoformat`.
 */
export const SEEDED: Seeded[] = [
  {name: "htl"}, // html, svg; Inputs
  {name: "isoformat"}, // Inputs
  {name: "d3"}, // d3; Plot
  {name: "d3-dsv"}, // FileAttachment .csv() and .tsv()
  {name: "@observablehq/plot", shares: ["isoformat"]}, // Plot
  {name: "arquero"}, // aq; FileAttachment .arquero()
  {name: "apache-arrow"}, // Arrow; FileAttachment .arrow()
  {name: "jszip", entry: 'export {default} from "jszip";'} // FileAttachment .zip()
];

/** The cache path of a package's bundle: where Framework resolves `npm:<name>` to (`+esm`). */
export function bundlePath(cacheRoot: string, name: string, version: string): string {
  return join(cacheRoot, "_npm", `${name}@${version}`, "_esm.js");
}

/** The installed version of a package, or null when it is not installed. */
function installedVersion(projectRoot: string, name: string): string | null {
  const file = join(projectRoot, "node_modules", name, "package.json");
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, "utf8")) as {version: string}).version;
}

/**
 * Removes the other versions of a package from the cache. Framework takes the highest cached
 * version that fits, so one left by an earlier online build (or an empty folder a failed fetch
 * made) would win over the lockfile's and be fetched again.
 */
function removeOtherVersions(cacheRoot: string, name: string, version: string): void {
  const [scope, base] = name.startsWith("@") ? name.split("/") : [null, name];
  const dir = scope ? join(cacheRoot, "_npm", scope) : join(cacheRoot, "_npm");
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(`${base}@`) && entry !== `${base}@${version}`) rmSync(join(dir, entry), {recursive: true});
  }
}

/**
 * Seeds the cache of a Framework source root from the project's node_modules; returns the names
 * of the packages that are not installed (left out).
 */
export async function seedNpmCache(
  options: {srcRoot?: string; projectRoot?: string; log?: (line: string) => void} = {}
): Promise<string[]> {
  const projectRoot = options.projectRoot ?? ROOT;
  const cacheRoot = join(options.srcRoot ?? join(projectRoot, "src"), ".observablehq", "cache");
  const log = options.log ?? ((line: string) => console.warn(line));
  const versions = new Map<string, string>();
  const missing: string[] = [];
  for (const {name} of SEEDED) {
    const version = installedVersion(projectRoot, name);
    if (version) versions.set(name, version);
    else missing.push(name);
  }
  if (missing.length > 0)
    log(
      `seed-npm-cache: not installed, Framework will fetch them from the network if a page uses them: ${missing.join(", ")}`
    );
  const install = join(projectRoot, "node_modules/.package-lock.json");
  // A patch to a package (patches/, applied by patch-package) changes its code without changing its version.
  const patches = join(projectRoot, "patches");
  const patched = existsSync(patches) ? readdirSync(patches).map((f) => statSync(join(patches, f)).mtimeMs) : [];
  const since = Math.max(
    statSync(import.meta.filename).mtimeMs,
    existsSync(install) ? statSync(install).mtimeMs : 0,
    ...patched
  );
  for (const {name, entry, shares = []} of SEEDED) {
    const version = versions.get(name);
    if (!version) continue;
    removeOtherVersions(cacheRoot, name, version);
    const out = bundlePath(cacheRoot, name, version);
    const pkg = statSync(join(projectRoot, "node_modules", name, "package.json")).mtimeMs;
    if (existsSync(out) && statSync(out).mtimeMs >= Math.max(pkg, since)) continue;
    await bundle({projectRoot, cacheRoot, name, version, entry, versions, shares});
  }
  return missing;
}

/** Bundles one package into its cache path, importing the other seeded packages by relative path. */
async function bundle(o: {
  projectRoot: string;
  cacheRoot: string;
  name: string;
  version: string;
  entry?: string;
  versions: Map<string, string>;
  shares: string[];
}): Promise<void> {
  const out = bundlePath(o.cacheRoot, o.name, o.version);
  const fromDir = posix.dirname(`/_npm/${o.name}@${o.version}/_esm.js`);
  const shared: Plugin = {
    name: "seeded-packages",
    setup(b) {
      // A bare import of a shared package (exactly its name, as Plot imports "isoformat") points at its bundle.
      b.onResolve({filter: /^[@a-z]/}, (args) => {
        const version = o.versions.get(args.path);
        if (!version || !o.shares.includes(args.path)) return undefined;
        return {path: posix.relative(fromDir, `/_npm/${args.path}@${version}/_esm.js`), external: true};
      });
    }
  };
  const result = await build({
    stdin: {
      contents: o.entry ?? `export * from ${JSON.stringify(o.name)};`,
      resolveDir: o.projectRoot,
      sourcefile: `${o.name}.entry.js`
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    target: "es2022",
    legalComments: "inline",
    plugins: [shared],
    write: false,
    logLevel: "silent"
  }).catch((error: {errors?: {text: string}[]}) => {
    throw new Error(
      `seed-npm-cache: ${o.name}@${o.version} could not be bundled: ${error.errors?.[0]?.text ?? error}`,
      {
        cause: error
      }
    );
  });
  mkdirSync(dirname(out), {recursive: true});
  const banner = `// ${o.name}@${o.version} from node_modules, bundled by scripts/seed-npm-cache.ts as jsDelivr's /+esm would serve it.\n`;
  writeFileSync(out, banner + result.outputFiles[0].text);
}

if (import.meta.url === `file://${process.argv[1]}`) await seedNpmCache();
