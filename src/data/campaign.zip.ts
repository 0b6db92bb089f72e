// Everything the pages read from the data folder, as one archive made from one reading of the replies
// (src/lib/report/site-files.ts): the summary, report, Ofcom comparison, explorer columns, data quality,
// downloads and a file per council. Framework extracts a member when a page asks for it, e.g.
// FileAttachment("data/campaign/summary.json") or data/campaign/councils/<slug>.json.
import {runOrExplain} from "../lib/read/run.js";
import {zipArchive} from "../lib/read/zip-archive.js";
import {siteFiles} from "../lib/report/site-files.js";

await runOrExplain(async () => {
  process.stdout.write(zipArchive(await siteFiles()));
});
