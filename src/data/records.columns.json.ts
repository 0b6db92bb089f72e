// The explorer's records in columnar form (see src/lib/records/columns.ts): dictionaries and codes per
// dimension, counts, bounds and where each record stands in its reply. A reply the kit cannot read is left
// out here (the data-quality page and the council pages list it as unreadable) rather than stopping the build.
import {outcomeOrder} from "../lib/parse/mappings.js";
import {readReplies} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {encodeColumns} from "../lib/records/columns.js";
import {AGE_BANDS} from "../lib/types.js";

await runOrExplain(async () => {
  const {mappings, replies} = await readReplies({onError: () => {}});
  const columns = encodeColumns(
    replies.flatMap((r) => r.records),
    {
      ageBands: [...AGE_BANDS],
      outcomes: outcomeOrder(mappings),
      files: replies.map((r) => ({file: r.file, authority: r.authority}))
    }
  );
  process.stdout.write(JSON.stringify(columns));
});
