// Starts a new page from src/template.md and adds it to the sidebar:
//   npm run new-page -- "My question"          → src/my-question.md, listed in src/pages.json
// Refuses, in one line and with exit code 1, an empty title or a page that already exists.
// --root DIR works on another copy of the project (the tests use a temporary one).
import {join} from "node:path";
import {parseArgs} from "node:util";
import {newPage} from "../tools/new-page.js";

try {
  const {values, positionals} = parseArgs({allowPositionals: true, options: {root: {type: "string"}}});
  // Unquoted words are one title: `npm run new-page -- My question` works too.
  const title = positionals.join(" ");
  const {file, path} = newPage(values.root ?? join(import.meta.dirname, ".."), title);
  console.log(`${file}: created from src/template.md and added to the sidebar (src/pages.json) as ${path}.`);
  console.log("Run `npm run dev` and edit it; the browser reloads as you save.");
} catch (error) {
  // Refusals and bad arguments alike: one line, no stack trace.
  console.error(`new-page: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
