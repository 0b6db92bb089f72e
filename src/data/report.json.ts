// What the report needs beyond the campaign's summary, sized to what it shows: the caveats and
// sources in brief (src/lib/report/notes.ts) and the pooled Ofcom comparison, whose simulated
// test on thousands of cases takes seconds, so it runs here once rather than in every reader's browser.
import {summariseCampaign} from "../lib/campaign/summarise.js";
import {readCampaign} from "../lib/read/campaign.js";
import {readOfcomData} from "../lib/read/ofcom-data.js";
import {runOrExplain} from "../lib/read/run.js";
import {pooledComparison} from "../lib/report/campaign.js";
import {campaignNotes} from "../lib/report/notes.js";

await runOrExplain(async () => {
  // Files the kit cannot read are listed by the campaign loader as unreadable; here they are left out.
  const {input, replies} = await readCampaign();
  const comparison = pooledComparison(summariseCampaign(input), readOfcomData());
  process.stdout.write(JSON.stringify({notes: campaignNotes(replies), comparison}));
});
