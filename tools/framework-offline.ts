/**
 * For tests that run Framework on a small project of their own: a module to load into Framework's
 * process (`NODE_OPTIONS=--import=<file>`) under which any fetch but the npm registry's fails, as
 * on a machine that reaches the registry (`npm ci` needs it) and nothing else. Framework asks the
 * registry only for the version of a package not in its cache.
 */
import {writeFileSync} from "node:fs";

/** Writes the module to `path` and returns the NODE_OPTIONS that load it. */
export function writeNetworkBlock(path: string): string {
  writeFileSync(
    path,
    "const fetch = globalThis.fetch;\n" +
      "globalThis.fetch = async (url, init) => {\n" +
      '  if (new URL(url).hostname === "registry.npmjs.org") return fetch(url, init);\n' +
      '  throw new TypeError("fetch failed (network blocked by the test): " + url);\n' +
      "};\n"
  );
  return `--import=${path}`;
}
