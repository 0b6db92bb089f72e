// What the data-quality page shows, reply by reply (see src/lib/records/quality.ts): figures, checks and
// warnings (capped), and every file the kit could not read, with the reason, instead of stopping the build.
import {join} from "node:path";
import {DATA_DIR, readMeta, readReplies} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {qualityData, type Unreadable} from "../lib/records/quality.js";

await runOrExplain(async () => {
  const unreadable: Unreadable[] = [];
  const {replies} = await readReplies({
    onError: (error) => {
      let authority: string | null = null;
      try {
        authority = readMeta(join(DATA_DIR, error.file), error.file)?.authority ?? null;
      } catch {
        // The metadata is unreadable too: the file name stands for the council.
      }
      unreadable.push({file: error.file, line: error.line, reason: error.reason, authority});
    }
  });
  process.stdout.write(JSON.stringify(qualityData(replies, unreadable)));
});
