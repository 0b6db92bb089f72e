// The explorer's records in columnar form (see src/lib/records/columns.ts): dictionaries and codes per
// dimension, counts, bounds and where each record stands in its reply, with each reply's council-page slug.
// A reply the kit cannot read has no records here; the data-quality page and the council pages list it.
import {outcomeOrder} from "../lib/parse/mappings.js";
import {readAsked, readRepliesListingUnreadable} from "../lib/read/campaign.js";
import {runOrExplain} from "../lib/read/run.js";
import {encodeColumns} from "../lib/records/columns.js";
import {slugsByFile} from "../lib/campaign/quality.js";
import {AGE_BANDS} from "../lib/core/types.js";

await runOrExplain(async () => {
  const {mappings, replies, unreadable} = await readRepliesListingUnreadable();
  const slugs = slugsByFile(replies, unreadable, readAsked());
  const columns = encodeColumns(
    replies.flatMap((r) => r.records),
    {
      ageBands: [...AGE_BANDS],
      outcomes: outcomeOrder(mappings),
      files: replies.map((r) => ({file: r.file, authority: r.authority, slug: slugs.get(r.file)!}))
    }
  );
  process.stdout.write(JSON.stringify(columns));
});
