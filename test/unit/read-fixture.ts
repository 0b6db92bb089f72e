// Shared by the format tests (formats-*.test.ts): a MADE-UP fixture read as the kit reads a reply,
// from bytes to text to records, and the made-up table they all carry.
import {splitLines} from "../../src/lib/core/text.js";
import {extractText} from "../../src/lib/extract/extract.js";
import {loadMappings, parseExtracted, requestQuestions} from "../../src/lib/read/replies.js";
import type {CaseRecord} from "../../src/lib/core/types.js";

export const mappings = loadMappings();

/** What the format tests compare of a record: band, outcome, count, withheld or not, line. */
export const brief = (r: CaseRecord) => [r.ageBand, r.outcome, r.count, r.suppressed, r.line];

/** Reads a fixture's bytes: the extracted text, its lines, and the parsed reply. */
export async function read(bytes: Uint8Array, name: string) {
  const got = await extractText(bytes, name);
  const reply = parseExtracted(got, name, mappings, null, requestQuestions());
  return {...got, reply, lines: splitLines(got.text)};
}

/** The made-up table with "25 - 34" merged down over two rows: both rows are 25-34, from line `first`. */
export const MERGED = (first: number) => [
  ["16-24", "verbal warning", 2, false, first],
  ["25-34", "no case to answer", 3, false, first + 1],
  ["25-34", "final written warning", null, true, first + 2],
  ["55+", "dismissal", 1, false, first + 3]
];
