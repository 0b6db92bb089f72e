// The tidy records of every reply as a JSON array, the same fields as records.csv, for download (see /data).
import {listReplies, loadMappings, readReply, runOrExplain} from "../lib/read/replies.js";
import {tidyRecords} from "../lib/records/tidy.js";

runOrExplain(() => {
  const mappings = loadMappings();
  const rows = tidyRecords(listReplies().map((path) => readReply(path, mappings)));
  process.stdout.write(JSON.stringify(rows, null, 1) + "\n");
});
