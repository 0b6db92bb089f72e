// One JSON file per council (councils/<slug>.json inside this archive), for the council pages
// (src/councils/[slug].md): made in one run, since a loader per council would start Node 400 times.
// Framework extracts each member when its page asks for data/councils/<slug>.json.
import {join} from "node:path";
import {councilPage, type CouncilText} from "../lib/campaign/council.js";
import {summariseCampaign} from "../lib/campaign/summarise.js";
import {transcriptionFileFor} from "../lib/parse/human.js";
import {splitLines} from "../lib/core/text.js";
import {readCampaign} from "../lib/read/campaign.js";
import {readWorkforce, readWorkforceContext} from "../lib/read/ofcom-data.js";
import {DATA_DIR} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {BoundedReader} from "../lib/extract/bounded.js";
import {readRegularFile} from "../lib/extract/files.js";
import {replyText} from "../lib/extract/reply-text.js";
import {zipArchive} from "../lib/read/zip.js";

/**
 * The lines a council's line numbers count in: the reply's text, else a person's transcription of
 * it. Read through the bounded reader, as the replies were; a file the kit could not read is not
 * read again (it would cost its time limit once more, and has no lines to show).
 */
async function textOf(file: string, unreadable: boolean, reader: BoundedReader): Promise<CouncilText | null> {
  const text = unreadable ? null : await replyText(join(DATA_DIR, file), file, reader);
  if (text) return {file, ...text};
  try {
    const transcription = transcriptionFileFor(file);
    const lines = splitLines(readRegularFile(join(DATA_DIR, transcription), transcription).toString("utf8"));
    return {file: transcription, lines, format: "csv", textSource: "transcription"};
  } catch {
    return null;
  }
}

await runOrExplain(async () => {
  const {input, replies} = await readCampaign();
  const campaign = summariseCampaign(input);
  const byFile = new Map(replies.map((r) => [r.file, r]));
  const workforce = readWorkforce();
  const workforceContext = readWorkforceContext();
  const members = [];
  const reader = new BoundedReader();
  for (const summary of campaign.councils) {
    const reply = summary.file ? (byFile.get(summary.file) ?? null) : null;
    const page = councilPage({
      summary,
      reply,
      text: summary.file ? await textOf(summary.file, summary.status === "unreadable", reader) : null,
      request: campaign.request,
      ageBands: campaign.ageBands,
      outcomes: campaign.outcomes,
      workforce,
      workforceContext
    });
    members.push({name: `${summary.slug}.json`, content: JSON.stringify(page)});
  }
  await reader.close();
  process.stdout.write(zipArchive(members));
});
