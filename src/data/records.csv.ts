// The tidy records of every reply as CSV, one row per row of a reply's table, for download (see /data).
// A file the kit cannot read adds no rows (the campaign lists it as unreadable).
import {readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {runOrExplain} from "../lib/read/run.js";
import {safeCsvFormat} from "../lib/core/csv.js";
import {RECORD_COLUMNS, tidyRecords} from "../lib/records/tidy.js";

await runOrExplain(async () => {
  const rows = tidyRecords((await readRepliesListingUnreadable()).replies);
  // Columns named explicitly so the order is the data dictionary's, whatever the first row holds;
  // a cell a spreadsheet would run as a formula (a reply's "=HYPERLINK(...)") is written as text.
  process.stdout.write(safeCsvFormat(rows, RECORD_COLUMNS) + "\n");
});
