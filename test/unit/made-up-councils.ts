// MADE-UP councils around the seed reply, for the report's tests: Leicester as read, a council
// answering with half its counts, a nil return and a refusal under section 12 (and the unreadable
// file that goes with them). Never shipped: written by the tests.
import type {Unreadable} from "../../src/lib/campaign/quality.js";
import type {ParsedReply} from "../../src/lib/core/types.js";

export function madeUpCouncils(seed: ParsedReply): {replies: ParsedReply[]; unreadable: Unreadable[]} {
  const as = (authority: string, patch: Partial<ParsedReply>): ParsedReply => ({
    ...seed,
    authority,
    file: `responses/${authority.toLowerCase().replace(/ /g, "-")}.txt`,
    meta: seed.meta && {...seed.meta, authority},
    ...patch
  });
  const half = seed.records.map((r) => ({
    ...r,
    authority: "Made-up Half",
    count: r.count == null ? null : Math.floor(r.count / 2)
  }));
  return {
    replies: [
      seed,
      as("Made-up Half", {records: half}),
      as("Made-up Nil", {status: "nil", records: []}),
      as("Made-up Refusal", {
        status: "refused",
        records: [],
        refusal: {sections: [12], questions: [], line: 3, text: "section 12"}
      })
    ],
    unreadable: [{file: "responses/made-up-broken.pdf", authority: "Made-up Broken", reason: "no text", line: null}]
  };
}
