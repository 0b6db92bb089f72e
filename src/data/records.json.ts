// The tidy records of every reply as a JSON array, the same fields as records.csv, for download (see /data).
import {readReplies} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {tidyRecords} from "../lib/records/tidy.js";

await runOrExplain(async () => {
  const rows = tidyRecords((await readReplies()).replies);
  process.stdout.write(JSON.stringify(rows, null, 1) + "\n");
});
