// The campaign's caveats and sources in brief, for the report (src/lib/report/notes.ts).
// Files the kit cannot read are left to the campaign loader, which lists them as unreadable.
import {readReplies} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {campaignNotes} from "../lib/report/notes.js";

await runOrExplain(async () => {
  const {replies} = await readReplies({onError: () => {}});
  process.stdout.write(JSON.stringify(campaignNotes(replies)));
});
