/**
 * The campaign: one request sent to many authorities, and what each replied.
 * These shapes are what the site's loader writes (data/campaign/summary.json,
 * the council files and the explorer's columns) and what pages read: pages
 * get aggregates sized to what they show, never every reply in full.
 */
import type {CampaignStatus, CaseRecord, Verdict} from "../core/types.js";

/** The request as sent (data/campaign/request.json): shown as the request, never taken from a reply. */
export interface CampaignRequest {
  title: string;
  /** ISO date, or as much of it as is known ("2016"). */
  sent: string;
  periodEnd: string;
  ageBands: string[];
  questions: {number: number; text: string}[];
  source: string;
}

/** An authority the request went to (data/campaign/authorities.csv, optional). */
export interface AskedAuthority {
  name: string;
  code: string | null;
  type: string | null;
  region: string | null;
}

/** One row per council: what the report's table, status chart and funnel plot need. */
export interface CouncilSummary {
  authority: string;
  /** URL slug: lower case, each run of other characters one hyphen (see slug.ts). */
  slug: string;
  /** The reply's file relative to data/; null when awaiting. */
  file: string | null;
  status: CampaignStatus;
  /** Why: the reply's statusDetail, the reason a file was unreadable, or null. */
  detail: string | null;
  /** Sections of the FOI Act cited in a refusal (12, 14, 21, 40, 43...). */
  refusalSections: number[];
  replyDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  format: string | null;
  /** Sum of known counts; 0 for a nil return; null when there is no count at all (refused, not held, unreadable, awaiting). */
  employees: number | null;
  withheldRows: number;
  /** Range the total can take, by the one withheld rule (core/withheld.ts); max null when unbounded. */
  min: number | null;
  max: number | null;
  /** Known counts per age band, aligned with CampaignData.ageBands (then "unknown" last). */
  bandCounts: number[];
  checksRun: number;
  checksFailed: number;
  /** Whether the reading can be trusted (see Verdict); null for a council with no readable reply (unreadable, awaiting). */
  verdict: Verdict | null;
  warnings: number;
  /** Records a person transcribed or corrected (provenance), so pages can mark them. */
  transcribed: number;
  corrected: number;
  asked: AskedAuthority | null;
}

export interface CampaignData {
  request: CampaignRequest;
  /** Whether authorities.csv was given (so "awaiting" is meaningful). */
  askedListGiven: boolean;
  ageBands: string[];
  /** Canonical outcomes in severity order, from the mappings. */
  outcomes: string[];
  councils: CouncilSummary[];
  /** Councils per status, in CAMPAIGN_STATUSES order (zeros kept). */
  statusCounts: {status: CampaignStatus; councils: number}[];
  /** Councils citing each section in a refusal (a council citing two counts under both). */
  refusalSections: {section: number; councils: number}[];
  /**
   * Every reply's records pooled and aggregated by (ageBand, outcome): one record
   * per pair with the known counts summed (authority "all councils", line 0), plus
   * each withheld record as it is. Pages pivot these with the one engine; their
   * size does not grow with the number of councils.
   */
  pooledRecords: CaseRecord[];
  /** Councils whose records are pooled (status ok, partial or nil). */
  pooledCouncils: number;
}
