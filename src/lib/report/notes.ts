/**
 * The campaign's caveats and sources in brief, for the report: how many councils said they
 * counted more than social media (and under what category), how many gave the cases' share of
 * all disciplinary proceedings, and under which licences the replies are re-used. Sized to what
 * the report shows, whatever the number of councils; each reply's own caveats are on its
 * council's page. With a single reply read, its caveats and source are kept whole, so a
 * one-council report says what that council said. Pure: src/lib/report/site-files.ts calls it.
 */
import type {ParsedReply} from "../core/types.js";
import {replyCaveats, type ReplyCaveats} from "../records/caveats.js";
import {replySource, type ReplySource} from "./reply-source.js";

/** Categories named, at most this many (the most common first): the list must not grow with the councils. */
export const TOP_CATEGORIES = 5;

export interface CampaignNotes {
  /** Replies read (unreadable files are not among them). */
  replies: number;
  scope: {
    /** Replies saying how they recorded the cases, and those saying the cases are not all about social media. */
    stated: number;
    broader: number;
    /** The categories broader replies count under, the most common first (at most TOP_CATEGORIES), and how many more. */
    categories: {category: string; councils: number}[];
    otherCategories: number;
    /** Other things than social media the broader replies name ("e-mail", "internet"), with how many name each. */
    channels: {channel: string; councils: number}[];
  };
  share: {
    /** Replies giving the cases' share of all disciplinary proceedings, and the range of the percentages given. */
    given: number;
    minPct: number | null;
    maxPct: number | null;
  };
  /** Replies per licence (null: none recorded). */
  licences: {licence: string | null; replies: number}[];
  /** The one reply's caveats and source, when exactly one reply was read. */
  single: {caveats: ReplyCaveats; source: ReplySource} | null;
}

const tally = <T>(items: readonly T[]) => {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  // Most common first; ties in first-seen order.
  return [...counts].sort((a, b) => b[1] - a[1]);
};

export function campaignNotes(replies: readonly ParsedReply[]): CampaignNotes {
  const caveats = replies.map((r) => replyCaveats(r));
  const scopes = caveats.map((c) => c.scope).filter((s) => s != null);
  const broader = scopes.filter((s) => s.broader);
  const categories = tally(broader.map((s) => s.category).filter((c): c is string => c != null));
  const pcts = caveats.map((c) => c.share?.pct).filter((p): p is number => p != null);
  return {
    replies: replies.length,
    scope: {
      stated: scopes.length,
      broader: broader.length,
      categories: categories.slice(0, TOP_CATEGORIES).map(([category, councils]) => ({category, councils})),
      otherCategories: Math.max(0, categories.length - TOP_CATEGORIES),
      channels: tally(broader.flatMap((s) => s.channels)).map(([channel, councils]) => ({channel, councils}))
    },
    share: {
      given: caveats.filter((c) => c.share != null).length,
      minPct: pcts.length ? Math.min(...pcts) : null,
      maxPct: pcts.length ? Math.max(...pcts) : null
    },
    licences: tally(replies.map((r) => r.meta?.licence ?? null)).map(([licence, n]) => ({licence, replies: n})),
    single: replies.length === 1 ? {caveats: caveats[0], source: replySource(replies[0])} : null
  };
}
