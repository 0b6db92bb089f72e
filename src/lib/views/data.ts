/**
 * The data page (src/data.md) in named parts: what the downloads hold, who may re-use them and
 * how, and each field of the data dictionary with what the rows actually hold. Pure: built from
 * data/campaign/downloads.json (records/downloads.ts).
 */
import {countNoun, formatCount, listText} from "../present/index.js";
import type {DownloadsDescription} from "../records/downloads.js";
import {RECORD_FIELDS} from "../records/tidy.js";

export function dataView(d: DownloadsDescription) {
  const observed = new Map(d.fields.map((f) => [f.name, f]));
  const from = d.replies.length === 1 ? "one reply" : countNoun(d.replies.length, "reply", "replies");
  const withheld = d.withheld ? ` plus ${countNoun(d.withheld, "withheld count")}` : "";
  const undescribed = [...observed.keys()].filter((name) => !RECORD_FIELDS.some((f) => f.name === name));
  return {
    /** "There are 25 rows from one reply, counting 31 employees." */
    counted: `There are ${countNoun(d.rows, "row")} from ${from}, counting ${countNoun(d.employees, "employee")}${withheld}.`,
    /** Each reply's attribution, or that it has no licence recorded. */
    reuse: d.replies.map((r) => r.attribution ?? `${r.authority}: no licence recorded.`),
    /** The dictionary: each field, its type, its meaning, and what the downloaded rows hold in it. */
    fields: RECORD_FIELDS.map((f) => {
      const seen = observed.get(f.name);
      const types = seen ? seen.types.join(", ") || "only empty" : "absent";
      return {
        name: f.name,
        type: `${f.type}${f.nullable ? " or empty" : ""}`,
        meaning: f.meaning,
        seen: `${types}${seen?.empty ? `; ${formatCount(seen.empty)} empty` : ""}`
      };
    }),
    /** Fields the rows hold that the dictionary does not describe: none, unless the two drift apart. */
    undescribed: undescribed.length ? `Fields in the data with no description: ${listText(undescribed)}.` : null,
    replies: d.replies.map((r) => ({
      authority: r.authority,
      file: r.file,
      rows: `, ${countNoun(r.rows, "row")}. `,
      source: r.source ?? ""
    }))
  };
}
