// Observable Framework configuration: https://observablehq.com/framework/config
import {readPageList} from "./tools/new-page.js";

export default {
  title: "FOI evidence kit",
  root: "src",
  // FOI_OUTPUT and FOI_BASE build the site for a host that serves it under a sub-path,
  // e.g. FOI_BASE=/foi/ for https://example.org/foi/ (see docs/publishing.md).
  output: process.env.FOI_OUTPUT ?? "dist",
  base: process.env.FOI_BASE ?? "/",
  // The sidebar, in order: pages, and sections such as the examples. It is data, so `npm run new-page`
  // adds a page without editing code; a malformed list stops the build with one line naming the file.
  // Council pages (src/councils/[slug].md) stay out of it: the report's table of councils links to them.
  pages: readPageList(import.meta.dirname),
  // A page per council, one per reply or authority asked in the data folder (FOI_DATA or data/):
  // listed from file names and metadata without parsing a reply, with the slugs the data has.
  async *dynamicPaths() {
    const {councilSlugs} = await import("./src/lib/read/data-folder.js");
    for (const slug of councilSlugs()) yield `/councils/${slug}`;
  },
  // The default theme pulls fonts from a CDN; these machines (and many readers' networks) reach none.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  // Framework's air (light) and near-midnight (dark) themes, plus the print stylesheet used for the PDF.
  style: "style/site.css",
  // Search runs in the reader's browser from an index built with the site: no service to call.
  search: true,
  // An inline icon: browsers otherwise ask for /favicon.ico, which a static host may not have.
  head:
    '<meta name="description" content="Freedom of Information replies on social media investigations of council staff, turned into traceable evidence.">' +
    `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#4269d0"/><path d="M4 11h2V7H4zm3 0h2V4H7zm3 0h2V8h-2z" fill="#fff"/></svg>')}">`,
  footer:
    "Figures from councils' Freedom of Information replies, re-used under the Open Government Licence. Built with Observable Framework.",
  // Links keep their .html, so the site works on any static host, with or without clean-URL rewriting.
  preserveExtension: true,
  // TypeScript loaders run in one process with tsx's hook rather than through the tsx command,
  // which starts a second Node process: half the start-up time of each loader.
  interpreters: {".ts": ["node", "--import", "tsx"]}
};
