// ESLint (flat config): rules that catch bugs. Layout is Prettier's job (.prettierrc), so
// eslint-config-prettier comes last and turns off anything that would argue with it.
// Markdown pages are not linted: Framework compiles their code cells itself.
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
const NODE = [["node:*"], "this runs in the browser: file access belongs in src/lib/read/ or a data loader"];

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
    ignores: ["src/lib/read/**"],
    rules: restrict(OUTSIDE_SRC, NODE)
  },
  {files: ["bench/**/*.ts", "scripts/**/*.ts"], rules: restrict(TEST)},
  {files: ["tools/**/*.ts"], rules: restrict(TEST, BENCH)},
  // The performance suite's own tests (bench-*.test.ts) import the code they test; no other test does.
  {files: ["test/**/*.ts"], ignores: ["test/unit/bench-*.test.ts"], rules: restrict(BENCH)},
  prettier
]);
