// Every reply in data/responses/ (text, CSV, TSV, Word or PDF), parsed into records, answers, fields and checks.
import {outcomeOrder} from "../lib/parse/mappings.js";
import {listReplies, loadMappings, readReplyFile, runOrExplainAsync} from "../lib/read/replies.js";
import {AGE_BANDS} from "../lib/types.js";

await runOrExplainAsync(async () => {
  const mappings = loadMappings();
  const responses = [];
  for (const path of listReplies()) responses.push(await readReplyFile(path, mappings));
  // The orders travel with the data so pages sort by the mappings a user edited.
  process.stdout.write(JSON.stringify({ageBands: AGE_BANDS, outcomes: outcomeOrder(mappings), responses}));
});
