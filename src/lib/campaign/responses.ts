/**
 * What pages read from the responses loader, and small helpers to flatten it.
 * Pure: imported by pages and tests.
 */
import type {UnreadableReply} from "./summarise.js";
import type {CaseRecord, KnownAgeBand, ParsedReply} from "../core/types.js";

export interface ResponsesData {
  ageBands: KnownAgeBand[];
  /** Canonical outcomes in severity order, from data/mappings/outcomes.csv. */
  outcomes: string[];
  responses: ParsedReply[];
  /**
   * The files the kit could not read, with the reason: listed, never left out silently. The loader
   * always writes it; optional so that data a notebook or a test puts together need not.
   */
  unreadable?: UnreadableReply[];
}

export function allRecords(data: ResponsesData): CaseRecord[] {
  return data.responses.flatMap((r) => r.records);
}
