/**
 * What the data-quality page shows, reply by reply, sized to the page: one
 * row of figures per reply (or per file the kit could not read), with its
 * checks and its warnings (at most WARNINGS_KEPT, and how many more there
 * are). Written to data/campaign/quality.json instead of the whole of
 * responses.json, whose answers and records the page never shows.
 *
 * Pure: used by the loader and the tests.
 */
import {authorityFromFile, councilKeys, orderCouncils, unreadableAdvice} from "./summarise.js";
import type {AskedAuthority} from "./campaign-data.js";
import {STATUS_WORDS, statusLabel} from "../present/status.js";
import {verdictOf} from "../parse/verdict.js";
import type {Check, ParsedReply, Verdict, Warning} from "../core/types.js";
import {sumCounts} from "../core/withheld.js";

/** Warnings kept per reply: enough to see what went wrong; the rest are counted, and listed by `npm run ingest`. */
export const WARNINGS_KEPT = 25;

export interface QualityReply {
  authority: string;
  file: string;
  /** The council page's slug (`councils/<slug>.html`), as the campaign gives it out. */
  slug: string;
  /** "text", "docx (extracted from docx)"...; "–" for a file that could not be read. */
  format: string;
  /** The status in words (present/status.ts): "answered", "nil return", "refused (section 12)"..., or "unreadable". */
  status: string;
  /** Whether the reading can be trusted (see Verdict), or "unreadable" for a file the kit could not read. */
  verdict: Verdict | "unreadable";
  /** Why, in one sentence a person can act on. */
  verdictReason: string;
  /** Why a reply has no records, in the reply's words, or why the file could not be read. */
  statusDetail: string | null;
  /** The sections of the Act a refusal cites. */
  sections: number[];
  records: number;
  counted: number;
  withheld: number;
  checksFailed: number;
  warnings: number;
  /** Records by who produced them: the kit reading the reply, a person's transcription, a person's correction. */
  read: number;
  transcribed: number;
  corrected: number;
  /** The files a person wrote for the reply, and corrections that matched no row. */
  human: {transcription?: string; corrections?: string; applied?: number; dropped?: {line: number; reason: string}[]};
  /** Where the text's lines were counted, and the table's header. */
  source: {encoding: string | null; textSource: string} | null;
  table: {layout: string; headerLine: number} | null;
  checks: Pick<Check, "name" | "informational" | "status" | "detail">[];
  warningList: Pick<Warning, "line" | "message" | "text">[];
  /** Warnings not in `warningList`. */
  warningsMore: number;
}

export interface QualityData {
  replies: QualityReply[];
}

/** A file the kit could not read: its name, the reason, and the authority when its metadata says. */
export interface Unreadable {
  file: string;
  line: number | null;
  reason: string;
  authority: string | null;
}

/**
 * Each reply's council-page slug, by file: given out by orderCouncils over the
 * same councils as the campaign (replies, unreadable files, authorities asked),
 * so two councils whose names give one slug get the same suffixes here as on
 * their pages.
 */
export function slugsByFile(
  replies: readonly {authority: string; file: string}[],
  unreadable: readonly Unreadable[],
  asked: readonly AskedAuthority[] | null = null
): Map<string, string> {
  return councilPages(replies, unreadable, asked).slugs;
}

/**
 * slugsByFile, and for each file whose council's name gives the same slug as
 * another council's, a warning saying so and which page each got: the
 * collision is resolved (every council has its own page) and reported, not
 * left silent.
 */
export function councilPages(
  replies: readonly {authority: string; file: string}[],
  unreadable: readonly Unreadable[],
  asked: readonly AskedAuthority[] | null = null
): {slugs: Map<string, string>; collisions: Map<string, string>} {
  const keys = [
    ...replies.map((r) => ({authority: r.authority, file: r.file})),
    ...unreadable.map((u) => ({authority: u.authority ?? authorityFromFile(u.file), file: u.file}))
  ];
  const slugs = new Map<string, string>();
  const collisions = new Map<string, string>();
  const ordered = orderCouncils(councilKeys(keys, asked));
  const slugOf = new Map(ordered.map(({council, slug}) => [council, slug]));
  for (const {council, slug, base, sameSlugAs} of ordered) {
    if (!council.file) continue;
    slugs.set(council.file, slug);
    if (!sameSlugAs.length) continue;
    const others = sameSlugAs
      .map((o) => `"${o.authority}"${o.file ? ` (${o.file})` : ""} has councils/${slugOf.get(o)}.html`)
      .join("; ");
    collisions.set(
      council.file,
      `the council's name "${council.authority}" gives the same page address (${base}) as another council's, so each has its own, by name then file: this one has councils/${slug}.html; ${others}`
    );
  }
  return {slugs, collisions};
}

const formatOf = (r: ParsedReply) =>
  r.source ? `${r.source.format}${r.source.textSource === "as received" ? "" : ` (${r.source.textSource})`}` : "text";

export function qualityOfReply(r: ParsedReply, slug: string): QualityReply {
  const counts = sumCounts(r.records);
  const checks = [...r.checks, ...(r.infoChecks ?? [])];
  const by = (p: string) => r.records.filter((x) => (x.provenance ?? "read") === p).length;
  const corrections = r.human?.corrections;
  const verdict = r.verdict ?? verdictOf(r);
  return {
    authority: r.authority,
    file: r.file,
    slug,
    format: formatOf(r),
    status: statusLabel(r),
    verdict: verdict.verdict,
    verdictReason: verdict.reason,
    statusDetail: r.status === "ok" ? null : (r.statusDetail ?? null),
    sections: r.refusal?.sections ?? [],
    records: r.records.length,
    counted: counts.known,
    withheld: counts.withheldRows,
    checksFailed: checks.filter((c) => c.status === "fail").length,
    warnings: r.warnings.length,
    read: by("read"),
    transcribed: by("transcribed"),
    corrected: by("corrected"),
    human: {
      ...(r.human?.transcription ? {transcription: r.human.transcription} : {}),
      ...(corrections
        ? {
            corrections: corrections.file,
            applied: corrections.applied,
            dropped: corrections.dropped.map((d) => ({line: d.line, reason: d.reason}))
          }
        : {})
    },
    source: r.source ? {encoding: r.source.encoding, textSource: r.source.textSource} : null,
    table: r.table ?? null,
    checks: checks.map((c) => ({
      name: c.name,
      ...(c.informational ? {informational: true} : {}),
      status: c.status,
      detail: c.detail
    })),
    warningList: r.warnings
      .slice(0, WARNINGS_KEPT)
      .map((w) => ({line: w.line, message: w.message, ...(w.text != null ? {text: w.text} : {})})),
    warningsMore: Math.max(0, r.warnings.length - WARNINGS_KEPT)
  };
}

export function qualityOfUnreadable(u: Unreadable, slug: string): QualityReply {
  return {
    authority: u.authority ?? authorityFromFile(u.file),
    file: u.file,
    slug,
    format: "–",
    status: STATUS_WORDS.unreadable,
    verdict: "unreadable",
    verdictReason: `the kit could not read the file: ${u.reason}`,
    statusDetail: `${u.line == null ? "" : `line ${u.line}: `}${u.reason}. ${unreadableAdvice(u.file)}`,
    sections: [],
    records: 0,
    counted: 0,
    withheld: 0,
    checksFailed: 0,
    warnings: 0,
    read: 0,
    transcribed: 0,
    corrected: 0,
    human: {},
    source: null,
    table: null,
    checks: [],
    warningList: [],
    warningsMore: 0
  };
}

/**
 * How much a reply needs a person, for the review queue's order: unreadable
 * files first, then conflicting readings, then unverified ones, then readings
 * with warnings; 0 for a verified reading with none.
 */
export function problemRank(r: Pick<QualityReply, "verdict" | "checksFailed" | "warnings">): number {
  if (r.verdict === "unreadable") return 4;
  if (r.verdict === "conflicting" || r.checksFailed > 0) return 3;
  if (r.verdict === "unverified") return 2;
  return r.warnings > 0 ? 1 : 0;
}

/** True for a reply a person should look at before its figures are published: unreadable, conflicting or unverified. */
export const needsReview = (r: Pick<QualityReply, "verdict" | "checksFailed" | "warnings">): boolean =>
  problemRank(r) >= 2;

/** Rows in the page's default order, the review queue: the worst first, then by failing checks, warnings, authority and file. */
export function qualityOrder(rows: readonly QualityReply[]): QualityReply[] {
  return [...rows].sort(
    (a, b) =>
      problemRank(b) - problemRank(a) ||
      b.checksFailed - a.checksFailed ||
      b.warnings - a.warnings ||
      a.authority.localeCompare(b.authority) ||
      a.file.localeCompare(b.file)
  );
}

/** The loader's output: readable replies and unreadable files together, worst first. */
export function qualityData(
  replies: readonly ParsedReply[],
  unreadable: readonly Unreadable[],
  asked: readonly AskedAuthority[] | null = null
): QualityData {
  const {slugs, collisions} = councilPages(replies, unreadable, asked);
  return {
    replies: qualityOrder(
      [
        ...replies.map((r) => qualityOfReply(r, slugs.get(r.file)!)),
        ...unreadable.map((u) => qualityOfUnreadable(u, slugs.get(u.file)!))
      ].map((row) => withSlugWarning(row, collisions.get(row.file)))
    )
  };
}

/** A row with the page-address collision its council is part of, as its first warning. */
function withSlugWarning(row: QualityReply, message: string | undefined): QualityReply {
  if (!message) return row;
  return {
    ...row,
    // The page shows no warnings for a file it could not read: there the collision joins the reason.
    ...(row.status === "unreadable" ? {statusDetail: `${row.statusDetail ?? ""} Its page: ${message}.`} : {}),
    warnings: row.warnings + 1,
    warningList: [{line: null, message}, ...row.warningList].slice(0, WARNINGS_KEPT),
    warningsMore: row.warningsMore + (row.warningList.length >= WARNINGS_KEPT ? 1 : 0)
  };
}
