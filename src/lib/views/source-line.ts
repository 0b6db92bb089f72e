/** The source line pages share (the report's and a council's): where a reply came from and its licence. */
import {formatDate} from "../present/index.js";
import type {ReplySource} from "../report/reply-source.js";
import type {SourceLine} from "./parts.js";

export type SourceLike = Pick<ReplySource, "authority" | "source" | "replyDate" | "file" | "licence" | "attribution">;

export function sourceLine(s: SourceLike): SourceLine {
  return {
    lead: `${s.source ?? s.authority} Reply dated ${formatDate(s.replyDate)}; file `,
    file: s.file,
    terms: s.licence ? `${s.attribution ?? ""} Licence: ${s.licence}.` : "No licence is recorded for this reply."
  };
}
