/**
 * Node-only: the local modules a module runs, found by following its relative imports, exports,
 * dynamic imports and worker URLs (`new URL("./x.js", import.meta.url)`). What the parse cache's
 * key covers (read/cache.ts) and what a loader's cached output is made from
 * (scripts/clear-stale-loaders.ts): followed, not listed, so no list can fall out of date.
 * Packages are left out: the lockfile stands for them.
 */
import {existsSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";

/** A relative import, export or worker URL in a module's source. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bnew URL\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** The file a specifier names: a `.js` import of TypeScript source is its `.ts` file. */
function fileOf(from: string, spec: string): string | null {
  const path = resolve(dirname(from), spec);
  const ts = path.replace(/\.js$/, ".ts");
  return existsSync(ts) ? ts : existsSync(path) ? path : null;
}

/** The entry modules and every local module they import, directly or not, as sorted absolute paths. */
export function importClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, spec] of source.matchAll(IMPORT)) {
      const target = fileOf(file, spec);
      if (target) visit(target);
    }
  };
  for (const entry of entries) if (existsSync(entry)) visit(resolve(entry));
  return [...seen].sort();
}
