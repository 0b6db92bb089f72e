// ESLint (flat config): rules that catch bugs. Layout is Prettier's job (.prettierrc), so
// eslint-config-prettier comes last and turns off anything that would argue with it.
// Markdown pages are not linted: Framework compiles their code cells itself.
import {dirname, join, relative, resolve, sep} from "node:path";
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import {defineConfig, globalIgnores} from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

// Which code may import which. src/ is the product and depends on nothing else in the
// repository; bench/ and scripts/ share helpers with the tests through tools/, never test/;
// the product's tests do not depend on the performance suite.
const restrict = (...groups) => ({
  "no-restricted-imports": ["error", {patterns: groups.map(([group, message]) => ({group, message}))}]
});
const TEST = [["**/test/**"], "helpers shared with the tests live in tools/, not test/"];
const BENCH = [["**/bench/**"], "the performance suite is not a dependency: shared code lives in tools/"];
const OUTSIDE_SRC = [
  ["**/test/**", "**/bench/**", "**/scripts/**", "**/tools/**"],
  "src/ is the product: it imports only from src/ and packages"
];
const NODE = [
  ["node:*"],
  "this runs in the browser: file access belongs in src/lib/extract/, src/lib/read/ or a data loader"
];

// src/lib's folders in the order of the data path, from a reply's bytes to a page: a folder
// imports only folders before it, so no two folders import each other and a change to a later
// stage cannot reach an earlier one. src/lib/index.ts, the library's public face, imports them all.
const LAYERS = [
  "core", // types, errors, text, the withheld-count rule, CSV safety
  "present", // words and number formats
  "stats", // intervals, fits, expected counts
  "extract", // bytes to text (Node-only): one reader per format, bounded
  "parse", // text to answers, tables, records, status and verdict
  "records", // a reply's tidy records, downloads and caveats
  "pivot", // records to tables of counts
  "ofcom", // the comparison with Ofcom's figures
  "campaign", // many replies to one campaign: councils, quality, responses
  "read", // the data folder read from disk, with the parse cache (Node-only)
  "report", // the campaign report's figures and notes
  "views" // what each page shows
];
const LIB = join(import.meta.dirname, "src/lib");
const layerOf = (file) => {
  const inLib = relative(LIB, file);
  return inLib.startsWith("..") || !inLib.includes(sep) ? null : inLib.split(sep)[0];
};
const layers = {
  rules: {
    order: {
      meta: {type: "problem", schema: []},
      create(context) {
        const from = layerOf(context.filename);
        if (from == null) return {};
        const check = (source) => {
          if (source?.type !== "Literal" || typeof source.value !== "string" || !source.value.startsWith(".")) return;
          const target = resolve(dirname(context.filename), source.value);
          const to = layerOf(target);
          if (to === from) return;
          const at = LAYERS.indexOf(from),
            goes = to == null ? -1 : LAYERS.indexOf(to);
          if (at < 0) context.report({node: source, message: `src/lib/${from}/ is not in eslint.config.js's LAYERS`});
          else if (to == null)
            context.report({node: source, message: "src/lib's folders do not import src/lib/index.ts"});
          else if (goes < 0)
            context.report({node: source, message: `src/lib/${to}/ is not in eslint.config.js's LAYERS`});
          else if (goes > at)
            context.report({
              node: source,
              message: `src/lib/${from}/ comes before src/lib/${to}/ on the data path, so it cannot import it`
            });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source)
        };
      }
    }
  }
};

export default defineConfig([
  globalIgnores([
    "dist/",
    "dist.building-*/",
    "dist.old-*/",
    "src/.observablehq/",
    "test-results/",
    "src/vendor/plot.js"
  ]),
  {
    files: ["**/*.{js,ts}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: {reportUnusedDisableDirectives: "error"},
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      // Loaders, tests and scripts run in Node; pages, components and the browser benchmark in Chromium.
      globals: {...globals.node, ...globals.browser}
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {ignoreRestSiblings: true, argsIgnorePattern: "^_", caughtErrors: "none"}
      ],
      // `x == null` is the idiom for null or undefined; any other loose comparison is a bug waiting.
      eqeqeq: ["error", "always", {null: "ignore"}],
      // The parsers look for control characters on purpose: that is how a binary file is told from text.
      "no-control-regex": "off",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error"
    }
  },
  {
    // Type-aware rules, with the types tsconfig.json gives (so it must include every linted .ts file).
    files: ["**/*.ts"],
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      // A promise nobody waits for fails where nobody sees it; in a test, after the test has passed.
      // node:test's test() and describe() return promises the runner itself waits for.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {allowForKnownSafeCalls: [{from: "package", package: "node:test", name: ["test", "it", "describe", "suite"]}]}
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error"
    }
  },
  {
    // Published coefficients (Wichura's AS 241 and the like) are kept with every digit as published.
    files: ["src/lib/stats/**/*.ts"],
    rules: {"no-loss-of-precision": "off"}
  },
  {files: ["src/**/*.ts"], rules: restrict(OUTSIDE_SRC)},
  {
    files: ["src/lib/**/*.ts", "src/components/**/*.ts"],
    ignores: ["src/lib/extract/**", "src/lib/read/**"],
    rules: restrict(OUTSIDE_SRC, NODE)
  },
  {files: ["src/lib/**/*.ts"], plugins: {layers}, rules: {"layers/order": "error"}},
  {files: ["bench/**/*.ts", "scripts/**/*.ts"], rules: restrict(TEST)},
  {files: ["tools/**/*.ts"], rules: restrict(TEST, BENCH)},
  // The performance suite's own tests (test/unit/bench/) import the code they test; no other test does.
  {files: ["test/**/*.ts"], ignores: ["test/unit/bench/**"], rules: restrict(BENCH)},
  prettier
]);
