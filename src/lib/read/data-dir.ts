/**
 * Node-only: where the data folder is, resolved in this one place, and with no other import, so
 * the build's first steps (scripts/clear-stale-loaders.ts) find it without loading the readers.
 */
import {join} from "node:path";
import {fileURLToPath} from "node:url";

/** The project's own `data/` folder, found from this file so it works from any working directory. */
export const PROJECT_DATA_DIR = join(
  import.meta.dirname ?? fileURLToPath(new URL(".", import.meta.url)),
  "../../../data"
);

/**
 * The data folder the site is built from: FOI_DATA=DIR points the loaders and
 * `npm run ingest` at another folder (a user's replies kept outside the
 * repository, a made-up campaign for tests). FOI_DATA_DIR, its older name, is
 * still read.
 */
export const DATA_DIR = process.env.FOI_DATA || process.env.FOI_DATA_DIR || PROJECT_DATA_DIR;
