/**
 * The campaign-level figures the report states, from the campaign loader's output
 * (src/lib/campaign/campaign-data.ts): councils per status, refusals by section, withheld rows,
 * the pooled figures and who stands behind them, and the rows of the council table.
 * None of it grows with the number of councils but the table's rows. Pure: the home page
 * and tests import it.
 */
import type {CampaignData, CouncilSummary} from "../campaign/campaign-data.js";
import type {CampaignStatus} from "../core/types.js";
import {STATUS_WORDS, statusLabel} from "../present/status.js";
import {compareWithOfcom, type Comparison} from "../ofcom/comparison.js";
import type {OfcomData} from "../ofcom/reference.js";
import {VERDICTS, type KnownAgeBand, type Verdict} from "../core/types.js";
import {funnel, type Funnel} from "../stats/funnel.js";
import {recordFigures, type RecordFigures} from "./figures.js";

export interface StatusRow {
  status: CampaignStatus;
  label: string;
  councils: number;
}

export interface StatusFigures {
  /** Councils listed: every reply, plus those awaiting when a list of the authorities asked is given. */
  councils: number;
  /** Files received (every status but awaiting). */
  replies: number;
  /** Councils per status in CAMPAIGN_STATUSES order; "awaiting" only when the list of authorities asked is given. */
  rows: StatusRow[];
  count: (status: CampaignStatus) => number;
  refusedBySection: {section: number; councils: number}[];
  /** Councils refusing every question (status refused) or some (partial). */
  refusing: number;
  /** Rows whose count was withheld, summed over the councils, and the councils withholding any. */
  withheldRows: number;
  withholdingCouncils: number;
  /** Councils with at least one failed reconciliation check, and the checks run in all. */
  failingCouncils: number;
  checksRun: number;
  checksFailed: number;
  /** Councils per verdict (conflicting, unverified, verified), zeros kept; councils with no readable reply have none. */
  verdicts: {verdict: Verdict; councils: number}[];
  /** Earliest start and latest end of the periods the figures cover; null when none is known. */
  periodStart: string | null;
  periodEnd: string | null;
}

export function statusFigures(data: CampaignData): StatusFigures {
  const byStatus = new Map(data.statusCounts.map((s) => [s.status, s.councils]));
  const count = (status: CampaignStatus) => byStatus.get(status) ?? 0;
  const rows = data.statusCounts
    .filter((s) => s.status !== "awaiting" || data.askedListGiven)
    .map((s) => ({status: s.status, label: STATUS_WORDS[s.status], councils: s.councils}));
  const starts = data.councils.map((c) => c.periodStart).filter((d): d is string => d != null);
  const ends = data.councils.map((c) => c.periodEnd).filter((d): d is string => d != null);
  return {
    councils: data.councils.length,
    replies: data.councils.filter((c) => c.status !== "awaiting").length,
    rows,
    count,
    refusedBySection: data.refusalSections,
    refusing: count("refused") + count("partial"),
    withheldRows: data.councils.reduce((s, c) => s + c.withheldRows, 0),
    withholdingCouncils: data.councils.filter((c) => c.withheldRows > 0).length,
    failingCouncils: data.councils.filter((c) => c.checksFailed > 0).length,
    checksRun: data.councils.reduce((s, c) => s + c.checksRun, 0),
    checksFailed: data.councils.reduce((s, c) => s + c.checksFailed, 0),
    verdicts: VERDICTS.map((verdict) => ({
      verdict,
      councils: data.councils.filter((c) => c.verdict === verdict).length
    })),
    periodStart: starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : null,
    periodEnd: ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null
  };
}

const POOLED: ReadonlySet<CampaignStatus> = new Set(["ok", "partial", "nil"]);

export interface PooledFigures extends RecordFigures {
  /** Councils whose records are pooled (answered, partly answered or nil). */
  councils: number;
  /** Of those, councils with at least one case (a known count above 0 or a withheld row). */
  withCases: number;
  nil: number;
  /** The one council behind the figures, when there is exactly one with cases. */
  only: CouncilSummary | null;
}

export function pooledFigures(data: CampaignData): PooledFigures {
  const pooled = data.councils.filter((c) => POOLED.has(c.status));
  const withCases = pooled.filter((c) => (c.employees ?? 0) > 0 || c.withheldRows > 0);
  return {
    ...recordFigures(data.pooledRecords, data),
    councils: data.pooledCouncils,
    withCases: withCases.length,
    nil: pooled.filter((c) => c.status === "nil").length,
    only: withCases.length === 1 ? withCases[0] : null
  };
}

/** The funnel plot of councils' shares of cases in one age band (known counts only). */
export function bandFunnel(data: CampaignData, band: string): Funnel {
  const i = data.ageBands.indexOf(band);
  if (i < 0) throw new Error(`bandFunnel: no age band ${band} in the campaign's bands (${data.ageBands.join(", ")})`);
  return funnel(
    data.councils
      .filter((c) => POOLED.has(c.status))
      .map((c) => ({key: c.slug, label: c.authority, x: c.bandCounts[i] ?? 0, n: c.employees}))
  );
}

/** A row of the council table. */
export interface CouncilRow {
  council: string;
  slug: string;
  status: string;
  /** Employees with a known count; null when the council gave no count. */
  employees: number | null;
  withheld: number;
  checksFailed: number;
  /** "verified", "unverified", "conflicting", or "" for a council with no readable reply. */
  verdict: string;
  replyDate: string | null;
}

export function councilRows(data: CampaignData): CouncilRow[] {
  return data.councils.map((c) => ({
    council: c.authority,
    slug: c.slug,
    // An unreadable reply says why in the table; its page says what to do.
    status: c.status === "unreadable" && c.detail ? `${statusLabel(c)}: ${c.detail}` : statusLabel(c),
    employees: c.employees,
    withheld: c.withheldRows,
    checksFailed: c.checksFailed,
    verdict: c.verdict ?? "",
    replyDate: c.replyDate
  }));
}

/** The simulated test's budget at build time: draws × cases, a few seconds whatever the campaign's size. */
export const DRAW_BUDGET = 50_000_000;

/**
 * Draws for the pooled Ofcom comparison's simulated test: the kit's 100,000 for up to 500
 * cases, fewer beyond so that the test costs about the same whatever the campaign's size
 * (its cost grows with draws × cases), and never fewer than 2,000 (p-values down to 0.0005).
 */
export function pooledDraws(cases: number): number {
  return Math.max(2_000, Math.min(100_000, Math.floor(DRAW_BUDGET / Math.max(1, cases))));
}

/**
 * The pooled records against Ofcom's figures with the defaults of the /ofcom page
 * (data/reference/oldest-band.json): equal staff per band, or the council's own profile
 * when one council stands behind the figures. Computed at build time (src/lib/report/site-files.ts):
 * the test on thousands of cases takes seconds.
 */
export function pooledComparison(data: CampaignData, ofcom: OfcomData): Comparison {
  const pooled = pooledFigures(data);
  const only = pooled.only;
  return compareWithOfcom({
    records: data.pooledRecords,
    // Worded for the reading's "No age profile of the … workforce"; the page titles the chart itself.
    authority: only ? only.authority : "councils' pooled",
    file: only?.file ?? "",
    reference: ofcom.reference,
    ageBands: data.ageBands as KnownAgeBand[],
    workforce: (only && ofcom.workforce.find((w) => w.authority === only.authority)) ?? null,
    oldest: {mode: ofcom.oldestBand.default, weight5564: ofcom.oldestBand.blendWeight5564},
    draws: pooledDraws(pooled.employees),
    // Each filling of the withheld counts is a test of 20,000 draws: as many as the same budget allows.
    maxFillings: Math.min(200, Math.floor(DRAW_BUDGET / (20_000 * Math.max(1, pooled.employees))))
  });
}
