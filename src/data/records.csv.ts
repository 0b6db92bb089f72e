// The tidy records of every reply as CSV, one row per row of a reply's table, for download (see /data).
import {csvFormat} from "d3-dsv";
import {listReplies, loadMappings, readReply, runOrExplain} from "../lib/read/replies.js";
import {RECORD_COLUMNS, tidyRecords} from "../lib/records/tidy.js";

runOrExplain(() => {
  const mappings = loadMappings();
  const rows = tidyRecords(listReplies().map((path) => readReply(path, mappings)));
  // Columns named explicitly so the order is the data dictionary's, whatever the first row holds.
  process.stdout.write(csvFormat(rows, RECORD_COLUMNS) + "\n");
});
