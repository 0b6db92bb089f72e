/**
 * Node-only: e-mail replies, .eml (MIME, through mailparser) and Outlook .msg
 * (through @kenjiuno/msgreader). A council often answers in the body, or in an
 * attachment (a Word letter, a spreadsheet, a PDF) of any format the kit reads.
 * Each candidate (the body, each attachment, read through the same extractText)
 * is scored by how much it looks like the reply's table, and the best one is
 * the text: its lines count in that candidate's own text, and the text source
 * names it, e.g. `extracted from xlsx (attachment "FOI 123.xlsx" of the eml)`.
 */
import MsgReaderModule from "@kenjiuno/msgreader";
import {simpleParser} from "mailparser";
import {htmlText} from "./html.js";
import {ReplyError, decodeReply} from "../../parse/text.js";
import type {ExtractedText} from "../extract.js";
import type {TextSource} from "../../types.js";

type MailKind = "eml" | "msg";
type Extract = (bytes: Uint8Array, name: string, depth: number) => Promise<ExtractedText>;

interface Candidate {
  text: string;
  textSource: TextSource;
  attachment: string | null;
}

const MsgReader = ((MsgReaderModule as unknown as {default?: unknown}).default ?? MsgReaderModule) as typeof MsgReaderModule;

/** An age band written as councils write them. */
const AGE = /\b(?:1[6-9]|[2-6]\d)\s*(?:-|–|—|to)\s*[2-6]\d\b|\bover\s*5\d\b|\b5\d\s*(?:\+|and over|or over)/gi;
const CELL_BREAK = /\t|\||\s{2,}|[,;]/;
const HEADER = /\bage/i;
const HEADER_OTHER = /outcome|result|action|sanction|disciplin/i;

/**
 * How much a text looks like the reply's table: the lines that look like its
 * rows (one age band and a cell break), plus 2 for a header naming age and
 * outcome when there are such rows. A request quoted in a covering e-mail
 * lists all the bands on one line, which is no row.
 */
function score(text: string): number {
  let rows = 0;
  let header = 0;
  for (const line of text.split("\n")) {
    if ((line.match(AGE)?.length ?? 0) === 1 && CELL_BREAK.test(line)) rows++;
    if (HEADER.test(line) && HEADER_OTHER.test(line)) header = 2;
  }
  return rows > 0 ? rows + header : 0;
}

/** Picks the body or the attachment that holds the reply. */
async function pick(kind: MailKind, file: string, body: Candidate | null, attachments: {name: string; bytes: Uint8Array}[], extract: Extract, depth: number): Promise<ExtractedText> {
  const candidates: Candidate[] = [];
  const failures: ReplyError[] = [];
  for (const {name, bytes} of attachments) {
    try {
      const inner = await extract(bytes, name, depth + 1);
      // An attachment of an attachment is named by its path: "inner.eml › reply.xlsx".
      const nested = / \(attachment "(.*)" of the (?:eml|msg)\)$/.exec(inner.textSource);
      const path = `${name.replace(/"/g, "'")}${nested ? ` › ${nested[1]}` : ""}`;
      const innerSource = nested ? inner.textSource.slice(0, nested.index) : inner.textSource;
      candidates.push({text: inner.text, attachment: name, textSource: `${innerSource} (attachment "${path}" of the ${kind})` as TextSource});
    } catch (error) {
      if (!(error instanceof ReplyError)) throw error;
      failures.push(new ReplyError(file, error.line, `attachment "${name}": ${error.reason}`));
    }
  }
  if (body && body.text.trim()) candidates.push(body);
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    const s = score(c.text);
    if (s > bestScore) [best, bestScore] = [c, s]; // attachments come first, so they win a tie with the body
  }
  // An attachment that could not be read matters when nothing else looks like the reply.
  if ((!best || bestScore === 0) && failures.length) throw failures[0];
  if (!best) throw new ReplyError(file, null, `the ${kind === "eml" ? "e-mail" : "Outlook message"} has no text in its body and no attachment the kit can read`);
  return {text: best.text, format: kind, encoding: null, textSource: best.textSource};
}

export async function emlText(bytes: Uint8Array, file: string, extract: Extract, depth: number): Promise<ExtractedText> {
  let mail;
  try {
    mail = await simpleParser(Buffer.from(bytes), {skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true});
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(file, null, `the e-mail cannot be read (${why})`);
  }
  // The HTML body keeps a table's cells apart; the plain one may not.
  const html = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  const body: Candidate | null = html ? {text: htmlText(html, file), textSource: "extracted from eml body", attachment: null} : mail.text ? {text: mail.text, textSource: "extracted from eml body", attachment: null} : null;
  const attachments = mail.attachments
    .filter((a) => !a.related && !/^image\//i.test(a.contentType))
    .map((a, k) => ({name: a.filename ?? (/rfc822/i.test(a.contentType) ? `attached message ${k + 1}.eml` : `attachment ${k + 1}`), bytes: new Uint8Array(a.content)}));
  return pick("eml", file, body, attachments, extract, depth);
}

export async function msgText(bytes: Uint8Array, file: string, extract: Extract, depth: number): Promise<ExtractedText> {
  let reader: InstanceType<typeof MsgReader>;
  let data: ReturnType<InstanceType<typeof MsgReader>["getFileData"]>;
  try {
    reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    data = reader.getFileData();
    if (data.error) throw new Error(data.error);
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(file, null, `the Outlook message cannot be read (${why})`);
  }
  const html = data.bodyHtml ?? (data.html ? decodeReply(data.html, file).text : null);
  const body: Candidate | null = html?.trim() ? {text: htmlText(html, file), textSource: "extracted from msg body", attachment: null} : data.body ? {text: data.body, textSource: "extracted from msg body", attachment: null} : null;
  const attachments: {name: string; bytes: Uint8Array}[] = [];
  for (const [k, att] of (data.attachments ?? []).entries()) {
    if (att.attachmentHidden || /^image\//i.test(att.attachMimeTag ?? "")) continue;
    try {
      const got = reader.getAttachment(att);
      attachments.push({name: got.fileName || att.fileName || `attachment ${k + 1}${att.innerMsgContent ? ".msg" : ""}`, bytes: got.content});
    } catch (error) {
      const why = String((error as Error)?.message ?? error).split("\n")[0];
      throw new ReplyError(file, null, `the Outlook message's attachment ${k + 1} cannot be read (${why})`);
    }
  }
  return pick("msg", file, body, attachments, extract, depth);
}
