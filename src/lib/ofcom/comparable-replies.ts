/**
 * The replies the Ofcom page can compare, each as little as the comparison needs: what its records
 * give (observedBands), its caveats (records/caveats.ts) and its source. Made by a loader, so the
 * page loads neither records nor answers: at 400 replies this is a few per cent of data/campaign/responses.json.
 */
import {replyCaveats, type ReplyCaveats} from "../records/caveats.js";
import {AGE_BANDS, type KnownAgeBand, type ParsedReply} from "../core/types.js";
import {observedBands, type ObservedBands} from "./comparison.js";

export interface OfcomReply {
  authority: string;
  file: string;
  /** The reply's attribution (its licence), or null when none is recorded. */
  source: string | null;
  observed: ObservedBands;
  caveats: ReplyCaveats;
}

export interface OfcomReplies {
  /** The bands each reply's counts are for, in order: pass them to compareWithOfcom. */
  ageBands: KnownAgeBand[];
  replies: OfcomReply[];
}

/** Every reply with records; the survey year and file of Ofcom's figures go into the caveats. */
export function ofcomReplies(
  replies: readonly ParsedReply[],
  survey: {year: number; file: string},
  ageBands: readonly KnownAgeBand[] = AGE_BANDS
): OfcomReplies {
  return {
    ageBands: [...ageBands],
    replies: replies
      .filter((r) => r.records.length > 0)
      .map((r) => ({
        authority: r.authority,
        file: r.file,
        source: r.meta?.attribution ?? null,
        observed: observedBands(r.records, ageBands),
        caveats: replyCaveats(r, {survey})
      }))
  };
}
