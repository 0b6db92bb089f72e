// The tidy records of every reply as a JSON array, the same fields as records.csv, for download (see /data).
// A file the kit cannot read adds no rows (the campaign lists it as unreadable).
import {readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {runOrExplain} from "../lib/read/run.js";
import {tidyRecords} from "../lib/records/tidy.js";

await runOrExplain(async () => {
  const rows = tidyRecords((await readRepliesListingUnreadable()).replies);
  process.stdout.write(JSON.stringify(rows, null, 1) + "\n");
});
