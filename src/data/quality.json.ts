// What the data-quality page shows, reply by reply (see src/lib/campaign/quality.ts): figures, checks and
// warnings (capped), and every file the kit could not read, with the reason, instead of stopping the build.
import {readAsked, readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {runOrExplain} from "../lib/read/run.js";
import {qualityData} from "../lib/campaign/quality.js";

await runOrExplain(async () => {
  const {replies, unreadable} = await readRepliesListingUnreadable();
  process.stdout.write(JSON.stringify(qualityData(replies, unreadable, readAsked())));
});
