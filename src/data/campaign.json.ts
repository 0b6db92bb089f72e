// The campaign summarised for the report: the request, each council's status and counts, statuses,
// refusals by section, and every pooled reply's records aggregated by age band and outcome (see
// src/lib/campaign/types.ts). A reply the kit cannot read is listed as "unreadable", not a failed build.
import {summariseCampaign} from "../lib/campaign/summarise.js";
import {readCampaign} from "../lib/read/campaign.js";
import {runOrExplain} from "../lib/read/run.js";

await runOrExplain(async () => {
  const {input} = await readCampaign();
  process.stdout.write(JSON.stringify(summariseCampaign(input)));
});
