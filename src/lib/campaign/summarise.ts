/**
 * The campaign as data: every reply, every file the kit could not read and
 * every authority asked, summarised per council with counts sized to what the
 * report shows (see types.ts). The loaders compute this once at build time.
 * Pure: the replies are read by src/lib/read/campaign-folder.ts.
 */
import {transcriptionFileFor} from "../parse/human.js";
import {verdictOf} from "../parse/verdict.js";
import {sumCounts} from "../core/withheld.js";
import {CAMPAIGN_STATUSES, type CampaignStatus, type CaseRecord, type ParsedReply} from "../core/types.js";
import {sameNameKey} from "./inputs.js";
import {assignSlugs} from "./slug.js";
import type {AskedAuthority, CampaignData, CampaignRequest, CouncilSummary} from "./campaign-data.js";

/** A reply file the kit could not read: its name (relative to data/), whose it is when its metadata says, and why. */
export interface UnreadableReply {
  file: string;
  authority: string | null;
  reason: string;
  line: number | null;
}

export interface CampaignInput {
  request: CampaignRequest;
  /** The authorities asked (authorities.csv); null when no list is given. */
  asked: AskedAuthority[] | null;
  replies: readonly ParsedReply[];
  unreadable: readonly UnreadableReply[];
  /** Canonical outcomes in severity order (outcomeOrder of the mappings). */
  outcomes: string[];
}

/** The authority a file stands for when nothing else names it: its file name without folder or extension (as the parser does). */
export const authorityFromFile = (file: string) => file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");

/** Statuses whose records are pooled ("nil" adds a council with zero cases). */
export const POOLED_STATUSES: ReadonlySet<CampaignStatus> = new Set(["ok", "partial", "nil"]);

/** What the pooled records name as their authority. */
export const POOLED_AUTHORITY = "all councils";

/** One council before it is summarised: what orders it and gives its slug. */
export interface CouncilKey {
  authority: string;
  file: string | null;
}

/**
 * Councils in the order every page lists them (by name, then file) with their
 * slugs. The one place slugs are given out, so the council pages' routes
 * (observablehq.config.ts) and the data agree. Two names giving one slug
 * ("St. Helens", "St Helens") each get their own (assignSlugs, in this order,
 * so by name then file); `sameSlugAs` lists the others, for the data-quality
 * page to report.
 */
export function orderCouncils<T extends CouncilKey>(
  councils: readonly T[]
): {council: T; slug: string; base: string; sameSlugAs: T[]}[] {
  const sorted = [...councils].sort((a, b) => {
    const ka = sameNameKey(a.authority),
      kb = sameNameKey(b.authority);
    return ka < kb ? -1 : ka > kb ? 1 : (a.file ?? "") < (b.file ?? "") ? -1 : (a.file ?? "") > (b.file ?? "") ? 1 : 0;
  });
  const slugs = assignSlugs(sorted.map((c) => c.authority));
  return sorted.map((council, i) => ({
    council,
    slug: slugs[i].slug,
    base: slugs[i].base,
    sameSlugAs: slugs[i].sharedWith.map((j) => sorted[j])
  }));
}

/**
 * Every council of the campaign: one per reply (read or not) and one per
 * authority asked that has not replied. A reply from an authority not on the
 * list is kept (with `asked` null).
 */
export function councilKeys(
  replies: readonly CouncilKey[],
  asked: readonly AskedAuthority[] | null
): (CouncilKey & {asked: AskedAuthority | null})[] {
  const byName = new Map((asked ?? []).map((a) => [sameNameKey(a.name), a]));
  const replied = new Set<string>();
  const out = replies.map((r) => {
    const key = sameNameKey(r.authority);
    replied.add(key);
    return {...r, asked: byName.get(key) ?? null};
  });
  for (const a of asked ?? [])
    if (!replied.has(sameNameKey(a.name))) out.push({authority: a.name, file: null, asked: a});
  return out;
}

/** What a reader can do about a file the kit could not read. */
export function unreadableAdvice(file: string): string {
  return (
    `Check that ${file} is the council's reply and opens. If the kit still cannot read it, type its table into ` +
    `${transcriptionFileFor(file)} beside it (see docs/ingest.md in the project) and build again; ` +
    `npm run ingest with the file's path says what the kit makes of it.`
  );
}

/** Age bands of the campaign: the request's, then any other band a reply's records use. */
function campaignBands(request: CampaignRequest, replies: readonly ParsedReply[]): string[] {
  const bands = [...request.ageBands];
  for (const reply of replies)
    for (const r of reply.records) if (r.ageBand !== "unknown" && !bands.includes(r.ageBand)) bands.push(r.ageBand);
  return bands;
}

function summariseReply(reply: ParsedReply, bands: string[]): Omit<CouncilSummary, "slug" | "asked"> {
  const counted = reply.status === "ok" || reply.status === "partial";
  const sum = sumCounts(reply.records);
  const bandCounts = new Array<number>(bands.length + 1).fill(0);
  for (const r of reply.records) {
    if (r.count == null) continue;
    const i = bands.indexOf(r.ageBand);
    bandCounts[i < 0 ? bands.length : i] += r.count;
  }
  const checks = reply.checks.filter((c) => !c.informational);
  return {
    authority: reply.authority,
    file: reply.file,
    status: reply.status,
    detail: reply.statusDetail ?? null,
    refusalSections: reply.refusal ? [...new Set(reply.refusal.sections)].sort((a, b) => a - b) : [],
    replyDate: reply.meta?.replyDate ?? null,
    periodStart: reply.meta?.periodStart ?? null,
    periodEnd: reply.meta?.periodEnd ?? null,
    format: reply.source?.format ?? null,
    // A nil return is a count of none; a refusal or "not held" is no count at all, never 0.
    employees: counted ? sum.known : reply.status === "nil" ? 0 : null,
    withheldRows: sum.withheldRows,
    min: counted ? sum.min : reply.status === "nil" ? 0 : null,
    max: counted ? sum.max : reply.status === "nil" ? 0 : null,
    bandCounts,
    checksRun: checks.filter((c) => c.status !== "not available").length,
    checksFailed: checks.filter((c) => c.status === "fail").length,
    verdict: (reply.verdict ?? verdictOf(reply)).verdict,
    warnings: reply.warnings.length,
    transcribed: reply.records.filter((r) => r.provenance === "transcribed").length,
    corrected: reply.records.filter((r) => r.provenance === "corrected").length
  };
}

function emptySummary(
  authority: string,
  file: string | null,
  status: "unreadable" | "awaiting",
  detail: string | null,
  bands: string[]
): Omit<CouncilSummary, "slug" | "asked"> {
  return {
    authority,
    file,
    status,
    detail,
    refusalSections: [],
    replyDate: null,
    periodStart: null,
    periodEnd: null,
    format: null,
    employees: null,
    withheldRows: 0,
    min: null,
    max: null,
    bandCounts: new Array<number>(bands.length + 1).fill(0),
    checksRun: 0,
    checksFailed: 0,
    verdict: null,
    warnings: 0,
    transcribed: 0,
    corrected: 0
  };
}

/**
 * The pooled records: for each (age band, outcome), one record with the known
 * counts of every pooled reply summed; each withheld record kept as it is, so
 * the one withheld rule still reads it as at least 1 (or its stated bounds).
 */
export function poolRecords(replies: readonly ParsedReply[]): CaseRecord[] {
  const pooled = new Map<string, CaseRecord>();
  const withheld: CaseRecord[] = [];
  for (const reply of replies) {
    if (!POOLED_STATUSES.has(reply.status)) continue;
    for (const r of reply.records) {
      if (r.count == null) {
        withheld.push(r);
        continue;
      }
      const key = `${r.ageBand}\u0000${r.outcome}`;
      const had = pooled.get(key);
      if (had) {
        had.count = (had.count ?? 0) + r.count;
        had.countRaw = String(had.count);
      } else
        pooled.set(key, {
          authority: POOLED_AUTHORITY,
          file: "",
          ageBand: r.ageBand,
          ageRaw: r.ageBand,
          outcome: r.outcome,
          outcomeRaw: r.outcome,
          tier: r.tier,
          severity: r.severity,
          upheld: r.upheld,
          count: r.count,
          suppressed: false,
          countBounds: null,
          countRaw: String(r.count),
          line: 0,
          firstLine: 0,
          lineText: ""
        });
    }
  }
  return [...pooled.values(), ...withheld];
}

/** Summarises the campaign: councils, statuses, refusals and pooled records (see CampaignData). */
export function summariseCampaign(input: CampaignInput): CampaignData {
  const bands = campaignBands(input.request, input.replies);
  type Entry = CouncilKey & {make: () => Omit<CouncilSummary, "slug" | "asked">};
  const entries: Entry[] = [
    ...input.replies.map((reply) => ({
      authority: reply.authority,
      file: reply.file,
      make: () => summariseReply(reply, bands)
    })),
    ...input.unreadable.map((u) => {
      const authority = u.authority ?? authorityFromFile(u.file);
      const reason = u.line == null ? u.reason : `line ${u.line}: ${u.reason}`;
      return {authority, file: u.file, make: () => emptySummary(authority, u.file, "unreadable", reason, bands)};
    })
  ];
  const keyed = councilKeys(entries, input.asked);
  const councils: CouncilSummary[] = orderCouncils(keyed).map(({council, slug}) => {
    const made =
      "make" in council
        ? (council as unknown as Entry).make()
        : emptySummary(council.authority, null, "awaiting", "no reply yet", bands);
    return {...made, slug, asked: council.asked};
  });
  const sections = new Map<number, number>();
  for (const c of councils) for (const s of c.refusalSections) sections.set(s, (sections.get(s) ?? 0) + 1);
  return {
    request: input.request,
    askedListGiven: input.asked != null,
    ageBands: bands,
    outcomes: input.outcomes,
    councils,
    statusCounts: CAMPAIGN_STATUSES.map((status) => ({
      status,
      councils: councils.filter((c) => c.status === status).length
    })),
    refusalSections: [...sections].sort(([a], [b]) => a - b).map(([section, n]) => ({section, councils: n})),
    pooledRecords: poolRecords(input.replies),
    pooledCouncils: councils.filter((c) => POOLED_STATUSES.has(c.status)).length
  };
}
