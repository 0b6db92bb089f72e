// The tidy records of every reply as CSV, one row per row of a reply's table, for download (see /data).
import {csvFormat} from "d3-dsv";
import {readReplies} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {RECORD_COLUMNS, tidyRecords} from "../lib/records/tidy.js";

await runOrExplain(async () => {
  const rows = tidyRecords((await readReplies()).replies);
  // Columns named explicitly so the order is the data dictionary's, whatever the first row holds.
  process.stdout.write(csvFormat(rows, RECORD_COLUMNS) + "\n");
});
