// Every reply in data/responses/ (text, CSV, TSV, Word or PDF), parsed into records, answers, fields and checks,
// and the files the kit could not read, each with the reason (listed, not a failed build).
import {outcomeOrder} from "../lib/parse/mappings.js";
import {readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {runOrExplain} from "../lib/read/run.js";
import {AGE_BANDS} from "../lib/core/types.js";

await runOrExplain(async () => {
  const {mappings, replies, unreadable} = await readRepliesListingUnreadable();
  // Said once per build (this loader, not each one that reads the replies), in the build's log.
  for (const u of unreadable)
    process.stderr.write(
      `unreadable, listed on the pages and left out of the figures: ${u.file}${u.line == null ? "" : `:${u.line}`}: ${u.reason}\n`
    );
  // The orders travel with the data so pages sort by the mappings a user edited.
  process.stdout.write(
    JSON.stringify({ageBands: AGE_BANDS, outcomes: outcomeOrder(mappings), responses: replies, unreadable})
  );
});
