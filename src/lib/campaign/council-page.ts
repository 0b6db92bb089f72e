/**
 * What one council's page reads (data/councils/<slug>.json, a member of the
 * archive the council loader writes): its summary, its reply as parsed, the
 * reply's text as the lines its line numbers count in, what to do when the
 * kit could not read it, and the inputs of its Ofcom comparison.
 * Pure: src/lib/report/site-files.ts gathers these.
 */
import type {WorkforceContext, WorkforceProfile} from "../ofcom/reference.js";
import type {ParsedReply, ReplyFormat, TextSource} from "../core/types.js";
import {unreadableAdvice} from "./summarise.js";
import type {CampaignRequest, CouncilSummary} from "./campaign-data.js";

/** Lines of text shown on a council's page, numbered from 1 as the kit's "line N" counts them. */
export interface CouncilText {
  /** The file the lines are of (relative to data/). */
  file: string;
  lines: string[];
  format: ReplyFormat | "csv";
  /** What the numbers count in: the reply as received, text extracted from Word or PDF, or a person's transcription. */
  textSource: TextSource | "transcription";
}

export interface CouncilPage {
  summary: CouncilSummary;
  /** The reply as parsed; null for an unreadable file or an authority awaiting reply. */
  reply: ParsedReply | null;
  text: CouncilText | null;
  /** For an unreadable file: what a reader can do. */
  advice: string | null;
  request: Pick<CampaignRequest, "title" | "sent" | "periodEnd">;
  ageBands: string[];
  outcomes: string[];
  /** The council's workforce profile and published staff context, for the Ofcom comparison; null when none. */
  workforce: WorkforceProfile | null;
  workforceContext: WorkforceContext | null;
}

export function councilPage(options: {
  summary: CouncilSummary;
  reply: ParsedReply | null;
  text: CouncilText | null;
  request: CampaignRequest;
  ageBands: string[];
  outcomes: string[];
  workforce: readonly WorkforceProfile[];
  workforceContext: readonly WorkforceContext[];
}): CouncilPage {
  const {summary} = options;
  return {
    summary,
    reply: options.reply,
    text: options.text,
    advice: summary.status === "unreadable" && summary.file ? unreadableAdvice(summary.file) : null,
    request: {title: options.request.title, sent: options.request.sent, periodEnd: options.request.periodEnd},
    ageBands: options.ageBands,
    outcomes: options.outcomes,
    workforce: options.workforce.find((w) => w.authority === summary.authority) ?? null,
    workforceContext: options.workforceContext.find((c) => c.authority === summary.authority) ?? null
  };
}
