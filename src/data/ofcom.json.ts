// Ofcom's social media rates by age (with their citation), the default for the oldest band,
// and any per-authority workforce profiles, read from data/ for the /ofcom page.
import {readOfcomData} from "../lib/read/ofcom-data.js";
import {runOrExplain} from "../lib/read/run.js";

await runOrExplain(() => {
  process.stdout.write(JSON.stringify(readOfcomData()));
});
