// Every reply in data/responses/ (text, CSV, TSV, Word or PDF), parsed into records, answers, fields and checks.
import {outcomeOrder} from "../lib/parse/mappings.js";
import {readReplies} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {AGE_BANDS} from "../lib/types.js";

await runOrExplain(async () => {
  const {mappings, replies} = await readReplies();
  // The orders travel with the data so pages sort by the mappings a user edited.
  process.stdout.write(JSON.stringify({ageBands: AGE_BANDS, outcomes: outcomeOrder(mappings), responses: replies}));
});
