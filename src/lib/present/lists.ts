/** Words for prose: lists joined as a person would write them, and counted nouns. */
import {formatCount} from "./numbers.js";

/** "a", "a and b", "a, b and c"; with {conjunction: "or"}, "a, b or c". */
export function listText(items: readonly string[], {conjunction = "and"}: {conjunction?: string} = {}): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

/** "1 row", "2 rows", "1,250 employees"; `plural` for nouns that do not just add an s ("1 reply", "2 replies"). */
export function countNoun(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
