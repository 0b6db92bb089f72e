/**
 * The pieces a view hands its page: sentences as plain strings, and the few things in a
 * sentence that are more than text (a quotation, a line of the reply, words in bold, a file
 * name). Pure data, so views are tested without a DOM; src/components/article.ts lays them out.
 */
/** One piece of a sentence. Strings carry their own spaces. */
export type Part =
  string | {quote: string} | {lines: {line: number; endLine?: number | null}} | {strong: string} | {code: string};

/** An item of a caveat list: its title in bold, then its sentence. */
export interface CaveatItem {
  title: string;
  parts: Part[];
}

/** Where a reply came from and on what terms it may be re-used, in words. */
export interface SourceLine {
  /** "Leicester City Council's reply to ... Reply dated 5 May 2016": the lead, up to the file. */
  lead: string;
  file: string;
  /** The attribution and licence, or that none is recorded. */
  terms: string;
}
