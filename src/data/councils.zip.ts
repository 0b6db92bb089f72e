// One JSON file per council (councils/<slug>.json inside this archive), for the council pages
// (src/councils/[slug].md): made in one run, since a loader per council would start Node 400 times.
// Framework extracts each member when its page asks for data/councils/<slug>.json.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {councilPage, type CouncilText} from "../lib/campaign/council.js";
import {summariseCampaign} from "../lib/campaign/summarise.js";
import {transcriptionFileFor} from "../lib/parse/human.js";
import {splitLines} from "../lib/parse/text.js";
import {readCampaign} from "../lib/read/campaign.js";
import {readWorkforce, readWorkforceContext} from "../lib/read/ofcom-data.js";
import {DATA_DIR} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {replyText} from "../lib/read/text.js";
import {zipArchive} from "../lib/read/zip.js";

/** The lines a council's line numbers count in: the reply's text, else a person's transcription of it. */
async function textOf(file: string): Promise<CouncilText | null> {
  const text = await replyText(join(DATA_DIR, file), file);
  if (text) return {file, ...text};
  try {
    const transcription = transcriptionFileFor(file);
    const lines = splitLines(readFileSync(join(DATA_DIR, transcription), "utf8"));
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
  for (const summary of campaign.councils) {
    const reply = summary.file ? (byFile.get(summary.file) ?? null) : null;
    const page = councilPage({
      summary,
      reply,
      text: summary.file ? await textOf(summary.file) : null,
      request: campaign.request,
      ageBands: campaign.ageBands,
      outcomes: campaign.outcomes,
      workforce,
      workforceContext
    });
    members.push({name: `${summary.slug}.json`, content: JSON.stringify(page)});
  }
  process.stdout.write(zipArchive(members));
});
