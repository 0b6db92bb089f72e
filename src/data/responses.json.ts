// Every reply in data/responses/, parsed into records, answers, fields and checks.
import {outcomeOrder} from "../lib/mappings.js";
import {listReplies, loadMappings, readReply, runOrExplain} from "../lib/node/read-replies.js";
import {AGE_BANDS} from "../lib/types.js";

runOrExplain(() => {
  const mappings = loadMappings();
  const responses = listReplies().map((path) => readReply(path, mappings));
  // The orders travel with the data so pages sort by the mappings a user edited.
  process.stdout.write(JSON.stringify({ageBands: AGE_BANDS, outcomes: outcomeOrder(mappings), responses}));
});
