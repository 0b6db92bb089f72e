/**
 * What one council's page reads (data/campaign/councils/<slug>.json, a member of
 * the site's archive): its summary, its reply as parsed, the reply's own caveats,
 * the reply's text as the lines its line numbers count in, what to do when the
 * kit could not read it, and the inputs of its Ofcom comparison.
 * Pure: src/lib/report/site-files.ts gathers these. The caveats are read from the
 * reply's text here, at build time, so the page loads no module of the parser.
 */
import type {WorkforceContext, WorkforceProfile} from "../ofcom/reference.js";
import type {ParsedReply, ReplyFormat, TextSource} from "../core/types.js";
import {replyCaveats, type CaveatOptions, type ReplyCaveats} from "../records/caveats.js";
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
  /** What the reply itself says that limits its figures (records/caveats.ts), Ofcom's survey year set against its period; null without a reply. */
  caveats: ReplyCaveats | null;
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
  /** The reference figures' survey year and file. */
  survey: NonNullable<CaveatOptions["survey"]>;
}): CouncilPage {
  const {summary} = options;
  return {
    summary,
    reply: options.reply,
    caveats: options.reply ? replyCaveats(options.reply, {survey: options.survey}) : null,
    text: options.text,
    advice: summary.status === "unreadable" && summary.file ? unreadableAdvice(summary.file) : null,
    request: {title: options.request.title, sent: options.request.sent, periodEnd: options.request.periodEnd},
    ageBands: options.ageBands,
    outcomes: options.outcomes,
    workforce: options.workforce.find((w) => w.authority === summary.authority) ?? null,
    workforceContext: options.workforceContext.find((c) => c.authority === summary.authority) ?? null
  };
}
