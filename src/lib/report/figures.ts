/**
 * The figures the home page's report states, computed from the loader's output
 * so that no number is typed into prose. Pure: imported by the page and tests.
 * What each reply says limits them is records/caveats.ts; where it came from, report/reply-source.ts.
 */
import type {ResponsesData} from "../campaign/responses.js";
import {pivot, type PivotResult} from "../pivot/pivot.js";
import {wilsonInterval} from "../stats/intervals.js";
import type {CaseRecord, ParsedReply, OutcomeTier} from "../core/types.js";

export interface Share {
  count: number;
  /** Number of employees the share is of. */
  of: number;
  share: number;
  /** 95% Wilson interval on the share (see src/lib/stats/intervals.ts). */
  lower: number;
  upper: number;
}

export interface BandFigure extends Share {
  band: string;
}

export interface OutcomeFigure {
  outcome: string;
  tier: OutcomeTier | null;
  count: number;
}

export interface ReportFigures {
  replies: number;
  authorities: string[];
  /** Employees with a known count, summed over every reply's table. */
  employees: number;
  /** Rows whose count was withheld (not in `employees`). */
  withheldRows: number;
  bands: BandFigure[];
  /** Bands with the most employees (more than one when tied). */
  largestBands: string[];
  outcomes: OutcomeFigure[];
  /** Employees per outcome tier, in the tiers' order. */
  tiers: {tier: OutcomeTier | "unmapped"; count: number}[];
  /** Allegations upheld, not upheld, and not known (e.g. the employee resigned during the process). */
  upheld: Share;
  notUpheld: number;
  upheldUnknown: number;
  /** Every reply's reconciliation checks passed. */
  allChecksPass: boolean;
  checksRun: number;
}

const TIERS: OutcomeTier[] = ["no action", "informal", "warning", "exit"];

export function share(count: number, of: number): Share {
  const w = wilsonInterval(count, of);
  return {count, of, share: w.estimate, lower: w.lower, upper: w.upper};
}

/** Known employees per key of a one-dimensional pivot (0 for a key it lacks). */
function tally(result: PivotResult): (key: string) => number {
  const byKey = new Map(result.rowKeys.map((k, i) => [k, result.rowTotals[i].known]));
  return (key) => byKey.get(key) ?? 0;
}

export function reportFigures(data: ResponsesData): ReportFigures {
  const checks = data.responses.flatMap((r) => r.checks);
  return {
    ...recordFigures(
      data.responses.flatMap((r) => r.records),
      data
    ),
    replies: data.responses.length,
    authorities: [...new Set(data.responses.map((r) => r.authority))],
    allChecksPass: checks.length > 0 && checks.every((c) => c.status === "pass"),
    checksRun: checks.length
  };
}

/** The figures of a set of records (one reply's, or the campaign's pooled records), in the orders given. */
export type RecordFigures = Omit<ReportFigures, "replies" | "authorities" | "allChecksPass" | "checksRun">;

export function recordFigures(
  records: readonly CaseRecord[],
  data: {ageBands: readonly string[]; outcomes: readonly string[]}
): RecordFigures {
  // The tallies come from the kit's one pivot: known counts summed, withheld rows kept apart.
  const orders = {ageBands: [...data.ageBands], outcomes: [...data.outcomes]};
  const byBand = pivot(records, {rows: "ageBand", orders});
  const employees = byBand.total.known;
  const bandCount = tally(byBand);
  const bands: BandFigure[] = data.ageBands.map((band) => ({band, ...share(bandCount(band), employees)}));
  // Every other age band is "unknown" (a label that maps to none of the request's bands).
  const unknownBand = byBand.rowTotals.filter((t) => !data.ageBands.includes(t.row!)).reduce((s, t) => s + t.known, 0);
  if (unknownBand) bands.push({band: "unknown", ...share(unknownBand, employees)});
  const most = Math.max(...bands.map((b) => b.count));
  // Outcomes in severity order, then any others; each with the tier its records map to.
  const byOutcome = pivot(records, {rows: "outcome", cols: "tier", orders});
  const outcomes = byOutcome.rowKeys
    .map((outcome, i) => {
      const j = byOutcome.cells[i].findIndex((c) => c.knownRows > 0);
      const tier = j < 0 || byOutcome.colKeys[j] === "unknown" ? null : (byOutcome.colKeys[j] as OutcomeTier);
      return {outcome, tier, count: byOutcome.rowTotals[i].known};
    })
    .filter((o) => o.count > 0);
  const tierCount = tally(pivot(records, {rows: "tier"}));
  const tiers = [
    ...TIERS.map((tier) => ({tier, count: tierCount(tier)})),
    {tier: "unmapped" as const, count: tierCount("unknown")}
  ].filter((t) => t.tier !== "unmapped" || t.count > 0);
  const upheldCount = tally(pivot(records, {rows: "upheld"}));
  return {
    employees,
    withheldRows: byBand.total.withheldRows,
    bands,
    largestBands: employees ? bands.filter((b) => b.count === most).map((b) => b.band) : [],
    outcomes,
    tiers,
    upheld: share(upheldCount("upheld"), employees),
    notUpheld: upheldCount("not upheld"),
    upheldUnknown: upheldCount("unknown")
  };
}

/** The question a reply's numbered answer echoes, e.g. question 5 (how many were investigated). */
export function questionText(replies: readonly ParsedReply[], number: number): string | null {
  for (const reply of replies) {
    const question = reply.answers[number]?.question;
    if (question) return question;
  }
  return null;
}
