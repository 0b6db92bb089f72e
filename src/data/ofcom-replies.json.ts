// The replies the /ofcom page can compare, each reduced to what the comparison needs (its counts by
// age band, its caveats and source; src/lib/ofcom/replies.ts), so the page need not load every reply.
import {ofcomReplies} from "../lib/ofcom/replies.js";
import {readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {readOfcomData} from "../lib/read/ofcom-data.js";
import {runOrExplain} from "../lib/read/run.js";

await runOrExplain(async () => {
  const {reference} = readOfcomData();
  const {replies} = await readRepliesListingUnreadable(); // an unreadable reply has nothing to compare
  process.stdout.write(JSON.stringify(ofcomReplies(replies, {year: reference.citation.surveyYear, file: reference.file})));
});
