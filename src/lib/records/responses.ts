/**
 * What pages read from the responses loader, and small helpers to flatten it.
 * Pure: imported by pages and tests.
 */
import type {CaseRecord, KnownAgeBand, ParsedReply} from "../types.js";

export interface ResponsesData {
  ageBands: KnownAgeBand[];
  /** Canonical outcomes in severity order, from data/mappings/outcomes.csv. */
  outcomes: string[];
  responses: ParsedReply[];
}

export function allRecords(data: ResponsesData): CaseRecord[] {
  return data.responses.flatMap((r) => r.records);
}
