/**
 * Ages and outcomes given apart: a table (or sentences) of employees by age
 * band, another by outcome, or only one of them. Each employee is counted once:
 * the records are the age-band counts with outcome "not stated" (or, when only
 * outcomes are given, the outcome counts with no age), and both sides are kept
 * as written in the reply's `margins`, to be checked against each other and
 * against answer 5.
 */
import type {AgeMarginEntry, CaseRecord, Margins, OutcomeMarginEntry} from "../../core/types.js";
import type {TableResult} from "./tabbed.js";

export function ageEntries(records: readonly CaseRecord[]): AgeMarginEntry[] {
  return records.map((r) => ({
    ageBand: r.ageBand,
    ageRaw: r.ageRaw,
    count: r.count,
    countBounds: r.countBounds,
    countRaw: r.countRaw,
    line: r.line
  }));
}

export function outcomeEntries(records: readonly CaseRecord[]): OutcomeMarginEntry[] {
  return records.map((r) => ({
    outcome: r.outcome,
    outcomeRaw: r.outcomeRaw,
    tier: r.tier,
    upheld: r.upheld,
    count: r.count,
    countBounds: r.countBounds,
    countRaw: r.countRaw,
    line: r.line
  }));
}

/** The records of one margin, taken as the reply's records: ages if given, else outcomes. */
export function marginRecords(ages: readonly CaseRecord[], outcomes: readonly CaseRecord[]): CaseRecord[] {
  return [...(ages.length ? ages : outcomes)];
}

/** A total over several tables of one side: the sum of their totals rows, when every one has one. */
function sideTotal(tables: readonly TableResult[]): {count: number; line: number} | undefined {
  if (!tables.length || tables.some((t) => t.total == null)) return undefined;
  return {count: tables.reduce((a, t) => a + t.total!, 0), line: tables[0].totalLine!};
}

/** The margins of a reply from its tables of one side each (records must already carry footnotes' bounds). */
export function marginsOfTables(tables: readonly TableResult[]): Margins {
  const ages = tables.filter((t) => t.margin === "age");
  const outcomes = tables.filter((t) => t.margin === "outcome");
  const margins: Margins = {};
  if (ages.length) margins.ageBand = ageEntries(ages.flatMap((t) => t.records));
  if (outcomes.length) margins.outcome = outcomeEntries(outcomes.flatMap((t) => t.records));
  const ageTotal = sideTotal(ages),
    outcomeTotal = sideTotal(outcomes);
  if (ageTotal) margins.ageBandTotal = ageTotal;
  if (outcomeTotal) margins.outcomeTotal = outcomeTotal;
  return margins;
}
