/** Where a reply came from and on what terms it may be re-used, for the pages' sources and licence. */
import type {ParsedReply} from "../core/types.js";

export interface ReplySource {
  authority: string;
  /** The reply, path relative to `data/`. */
  file: string;
  replyDate: string | null;
  licence: string | null;
  /** The attribution the licence asks for, as the metadata words it. */
  attribution: string | null;
  /** A sentence on where the reply came from. */
  source: string | null;
}

export function replySource(reply: ParsedReply): ReplySource {
  return {
    authority: reply.authority,
    file: reply.file,
    replyDate: reply.meta?.replyDate ?? null,
    licence: reply.meta?.licence ?? null,
    attribution: reply.meta?.attribution ?? null,
    source: reply.meta?.source ?? null
  };
}
