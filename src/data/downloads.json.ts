// What the /data page says about the downloads (src/lib/records/downloads.ts): counts, the fields
// the rows hold and the replies they come from, so the page does not load the downloads themselves.
import {readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {describeDownloads} from "../lib/records/downloads.js";
import {runOrExplain} from "../lib/read/run.js";

await runOrExplain(async () => {
  process.stdout.write(JSON.stringify(describeDownloads((await readRepliesListingUnreadable()).replies)));
});
