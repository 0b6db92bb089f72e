/**
 * What the data page says about the downloads (records.csv, records.json, responses.json): how
 * many rows and employees, what each field holds, and where the rows come from. Computed in a
 * loader (src/lib/report/site-files.ts) from the same tidy rows as the downloads, so the page need
 * not load them: at 400 replies they are about 0.4 MB gzip, against a few kB for this.
 */
import type {ParsedReply} from "../core/types.js";
import {observedFields, tidyRecords, type FieldType} from "./tidy.js";

export interface DownloadsDescription {
  /** Rows of records.csv and records.json. */
  rows: number;
  /** Employees the exact counts add up to. */
  employees: number;
  /** Rows whose count the council withheld (never counted as 0). */
  withheld: number;
  /** Each field the rows hold, in the order first seen: the types of its values, and how many rows leave it empty. */
  fields: {name: string; types: FieldType[]; empty: number}[];
  /** Every reply read, with its number of rows and its source and licence as its metadata gives them. */
  replies: {authority: string; file: string; rows: number; source: string | null; attribution: string | null}[];
}

export function describeDownloads(replies: readonly ParsedReply[]): DownloadsDescription {
  const rows = tidyRecords(replies);
  return {
    rows: rows.length,
    employees: rows.reduce((s, r) => s + (r.count ?? 0), 0),
    withheld: rows.filter((r) => r.suppressed).length,
    fields: [...observedFields(rows)].map(([name, seen]) => ({name, types: [...seen.types], empty: seen.empty})),
    replies: replies.map((r) => ({
      authority: r.authority,
      file: r.file,
      rows: r.records.length,
      source: r.meta?.source ?? null,
      attribution: r.meta?.attribution ?? null
    }))
  };
}
