/**
 * Node-only: every file the pages read that comes from the data folder, made from one reading of
 * the replies. src/data/campaign.zip.ts writes them as one archive, and Framework extracts each
 * member when a page asks for it (`data/campaign/summary.json`, `data/campaign/councils/<slug>.json`):
 * one loader, so a build reads the replies once, whatever the number of pages.
 *
 * A file the kit cannot read is listed (the summary, the data-quality page and its council page
 * say why), never a failed build; the downloads leave it out.
 */
import {councilPage} from "../campaign/council-page.js";
import {qualityData} from "../campaign/quality.js";
import {summariseCampaign} from "../campaign/summarise.js";
import {safeCsvFormat} from "../core/csv.js";
import {AGE_BANDS} from "../core/types.js";
import {BoundedReader} from "../extract/bounded.js";
import {ofcomReplies} from "../ofcom/comparable-replies.js";
import {readCampaign} from "../read/campaign-folder.js";
import {councilText} from "../read/council-text.js";
import {readOfcomData} from "../read/ofcom-data.js";
import {DATA_DIR} from "../read/replies.js";
import {encodeColumns} from "../records/columns.js";
import {describeDownloads} from "../records/downloads.js";
import {RECORD_COLUMNS, tidyRecords} from "../records/tidy.js";
import {pooledComparison} from "./campaign-figures.js";
import {campaignNotes} from "./notes.js";

export interface SiteFile {
  /** The member's path inside the archive, e.g. `councils/leicester-city-council.json`. */
  name: string;
  content: string;
}

/**
 * The site's files, in the order the archive lists them. `log` hears, once per build, each file
 * the kit could not read.
 */
export async function siteFiles(
  dataDir = DATA_DIR,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)
): Promise<SiteFile[]> {
  const {input, replies, unreadable} = await readCampaign(dataDir);
  for (const u of unreadable)
    log(
      `unreadable, listed on the pages and left out of the figures: ${u.file}${u.line == null ? "" : `:${u.line}`}: ${u.reason}`
    );
  // What the campaign read already holds (the authorities asked, the outcomes' order) is not read again.
  const {asked, outcomes} = input;
  const ofcom = readOfcomData(dataDir);
  // Ofcom's survey year, set against each reply's period in its caveats.
  const survey = {year: ofcom.reference.citation.surveyYear, file: ofcom.reference.file};
  const summary = summariseCampaign(input);
  // Each reply's council page, as the summary named it (orderCouncils: the one place slugs are made).
  const slugs = new Map(summary.councils.flatMap((c) => (c.file ? [[c.file, c.slug] as const] : [])));
  const tidy = tidyRecords(replies);
  const json = (name: string, value: unknown): SiteFile => ({name, content: JSON.stringify(value)});
  const files: SiteFile[] = [
    // The report (src/lib/campaign/campaign-data.ts), and what it shows beyond the summary: the caveats and
    // sources in brief and the pooled Ofcom comparison, whose simulated test takes seconds, so it
    // runs here once rather than in every reader's browser.
    json("summary.json", summary),
    json("report.json", {notes: campaignNotes(replies), comparison: pooledComparison(summary, ofcom)}),
    // Ofcom's rates by age with their citation, and the replies the /ofcom page can compare, each
    // reduced to what the comparison needs.
    json("ofcom.json", ofcom),
    json("ofcom-replies.json", ofcomReplies(replies, survey)),
    // The explorer's records in columns (src/lib/records/columns.ts), with each reply's council-page slug.
    json(
      "records.columns.json",
      encodeColumns(
        replies.flatMap((r) => r.records),
        {
          ageBands: [...AGE_BANDS],
          outcomes,
          files: replies.map((r) => ({file: r.file, authority: r.authority, slug: slugs.get(r.file)!}))
        }
      )
    ),
    json("quality.json", qualityData(replies, unreadable, asked)),
    // The downloads (/data): one row per row of a reply's table, the columns in the data
    // dictionary's order; a cell a spreadsheet would run as a formula is written as text.
    json("downloads.json", describeDownloads(replies)),
    {name: "records.csv", content: safeCsvFormat(tidy, RECORD_COLUMNS) + "\n"},
    {name: "records.json", content: JSON.stringify(tidy, null, 1) + "\n"},
    // Every reply parsed, with the orders of the mappings a user edited, for notebooks.
    json("responses.json", {ageBands: AGE_BANDS, outcomes, responses: replies, unreadable})
  ];
  // A page per council (src/councils/[slug].md).
  const byFile = new Map(replies.map((r) => [r.file, r]));
  const reader = new BoundedReader();
  try {
    for (const council of summary.councils) {
      const reply = council.file ? (byFile.get(council.file) ?? null) : null;
      const text = council.file
        ? await councilText(dataDir, council.file, council.status === "unreadable", reader)
        : null;
      const page = councilPage({
        summary: council,
        reply,
        text,
        request: summary.request,
        ageBands: summary.ageBands,
        outcomes: summary.outcomes,
        workforce: ofcom.workforce,
        workforceContext: ofcom.workforceContext,
        survey
      });
      files.push(json(`councils/${council.slug}.json`, page));
    }
  } finally {
    await reader.close();
  }
  return files;
}
