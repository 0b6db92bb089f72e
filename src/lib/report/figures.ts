/**
 * The figures the home page's report states, computed from the loader's output
 * so that no number is typed into prose. Pure: imported by the page and tests.
 * What each reply says limits them is report/caveats.ts; where it came from, report/sources.ts.
 */
import type {ResponsesData} from "../records/responses.js";
import {wilsonInterval} from "../stats/intervals.js";
import type {CaseRecord, ParsedReply, OutcomeTier} from "../types.js";

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
const known = (records: readonly CaseRecord[]) => records.filter((r) => r.count != null) as (CaseRecord & {count: number})[];
const sum = (records: readonly {count: number}[]) => records.reduce((s, r) => s + r.count, 0);

export function share(count: number, of: number): Share {
  const w = wilsonInterval(count, of);
  return {count, of, share: w.estimate, lower: w.lower, upper: w.upper};
}

export function reportFigures(data: ResponsesData): ReportFigures {
  const records = data.responses.flatMap((r) => r.records);
  const counted = known(records);
  const employees = sum(counted);
  const bands: BandFigure[] = data.ageBands.map((band) => ({band, ...share(sum(counted.filter((r) => r.ageBand === band)), employees)}));
  const unknownBand = sum(counted.filter((r) => !(data.ageBands as string[]).includes(r.ageBand)));
  if (unknownBand) bands.push({band: "unknown", ...share(unknownBand, employees)});
  const most = Math.max(...bands.map((b) => b.count));
  const outcomeNames = [...data.outcomes, ...new Set(counted.map((r) => r.outcome).filter((o) => !data.outcomes.includes(o)))];
  const outcomes = outcomeNames
    .map((outcome) => {
      const rows = counted.filter((r) => r.outcome === outcome);
      return {outcome, tier: rows[0]?.tier ?? null, count: sum(rows)};
    })
    .filter((o) => o.count > 0);
  const tiers = [...TIERS, "unmapped" as const].map((tier) => ({
    tier,
    count: sum(counted.filter((r) => (r.tier ?? "unmapped") === tier))
  })).filter((t) => t.tier !== "unmapped" || t.count > 0);
  const checks = data.responses.flatMap((r) => r.checks);
  return {
    replies: data.responses.length,
    authorities: [...new Set(data.responses.map((r) => r.authority))],
    employees,
    withheldRows: records.length - counted.length,
    bands,
    largestBands: employees ? bands.filter((b) => b.count === most).map((b) => b.band) : [],
    outcomes,
    tiers,
    upheld: share(sum(counted.filter((r) => r.upheld === true)), employees),
    notUpheld: sum(counted.filter((r) => r.upheld === false)),
    upheldUnknown: sum(counted.filter((r) => r.upheld == null)),
    allChecksPass: checks.length > 0 && checks.every((c) => c.status === "pass"),
    checksRun: checks.length
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
