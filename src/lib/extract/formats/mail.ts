/**
 * Node-only: e-mail replies, .eml (MIME, through mailparser) and Outlook .msg
 * (its MAPI property streams, read from the OLE file by SheetJS's CFB reader,
 * the same bounded reader that tells .msg from .doc and .xls). A council often
 * answers in the body, or in an attachment (a Word letter, a spreadsheet, a
 * PDF) of any format the kit reads.
 * Each candidate (the body, each attachment, read through the same extractText)
 * is scored by how much it looks like the reply's table, and the best one is
 * the text: its lines count in that candidate's own text, and the text source
 * names it, e.g. `extracted from xlsx (attachment "FOI 123.xlsx" of the eml)`.
 */
import {simpleParser} from "mailparser";
import {openOle, type OleFile} from "./cfb.js";
import {htmlText} from "./html.js";
import {LIMITS} from "./limits.js";
import {decodeReply} from "../../core/text.js";
import {ReplyError} from "../../core/errors.js";
import type {ExtractedText} from "../extract.js";
import type {LinePlaces, TextSource} from "../../core/types.js";

type MailKind = "eml" | "msg";
type Extract = (bytes: Uint8Array, name: string, depth: number) => Promise<ExtractedText>;

interface Candidate {
  text: string;
  textSource: TextSource;
  attachment: string | null;
  /** An attachment's pages or sheets, kept so the reply read from it can still name them. */
  places?: LinePlaces;
}

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

/** Words of a reply to this request, never of the policy a council attaches beside it. */
const ANSWERING =
  /\b(?:freedom of information|your (?:request|email|e-mail|letter)|(?:have|has|were|was) been investigated|investigated for|nil return|(?:do|does) not hold|not held|section (?:1[24]|4[03])\b|refus\w+)/gi;
/** Names of documents sent beside a reply: the policy the request asked for, its guidance. */
const ENCLOSURE = /polic(?:y|ies)|guidance|procedure|code of conduct|handbook|protocol/i;

/** How much a text (with no table) reads as the answer: answering words, less a policy's file name. */
function answerScore(c: Candidate): number {
  const words = Math.min(20, c.text.slice(0, 200_000).match(ANSWERING)?.length ?? 0);
  return words - (c.attachment && ENCLOSURE.test(c.attachment) ? 10 : 0);
}

interface Attached {
  name: string;
  read(): Promise<ExtractedText>;
}

/** A name as written, but on one line and not endless (a damaged file's "name" may be anything). */
const oneLine = (name: string) => name.replace(/[\u0000-\u001f\u007f]+/g, " ").slice(0, 120);

/** Picks the body or the attachment that holds the reply. */
async function pick(
  kind: MailKind,
  file: string,
  body: Candidate | null,
  attachments: Attached[]
): Promise<ExtractedText> {
  const candidates: Candidate[] = [];
  const failures: ReplyError[] = [];
  for (const {name, read} of attachments) {
    try {
      const inner = await read();
      // An attachment of an attachment is named by its path: "inner.eml › reply.xlsx".
      const nested = / \(attachment "(.*)" of the (?:eml|msg)\)$/.exec(inner.textSource);
      const path = `${oneLine(name).replace(/"/g, "'")}${nested ? ` › ${nested[1]}` : ""}`;
      const innerSource = nested ? inner.textSource.slice(0, nested.index) : inner.textSource;
      candidates.push({
        text: inner.text,
        attachment: name,
        textSource: `${innerSource} (attachment "${path}" of the ${kind})` as TextSource,
        ...(inner.places ? {places: inner.places} : {})
      });
    } catch (error) {
      if (!(error instanceof ReplyError)) throw error;
      failures.push(new ReplyError(file, error.line, `attachment "${oneLine(name)}": ${error.reason}`));
    }
  }
  if (body && body.text.trim()) candidates.push(body);
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    // A table decides; without one, the text that answers the request beats a policy attached beside it.
    const s = score(c.text) * 100 + answerScore(c);
    if (s > bestScore) [best, bestScore] = [c, s]; // attachments come first, so they win a tie with the body
  }
  bestScore = best ? score(best.text) : 0;
  // An attachment that could not be read matters when nothing else looks like the reply.
  if ((!best || bestScore === 0) && failures.length) throw failures[0];
  if (!best)
    throw new ReplyError(
      file,
      null,
      `the ${kind === "eml" ? "e-mail" : "Outlook message"} has no text in its body and no attachment the kit can read`
    );
  return {
    text: best.text,
    format: kind,
    encoding: null,
    textSource: best.textSource,
    ...(best.places ? {places: best.places} : {})
  };
}

export async function emlText(
  bytes: Uint8Array,
  file: string,
  extract: Extract,
  depth: number
): Promise<ExtractedText> {
  let mail;
  try {
    mail = await simpleParser(Buffer.from(bytes), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true
    });
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(file, null, `the e-mail cannot be read (${why})`);
  }
  // The HTML body keeps a table's cells apart; the plain one may not.
  const html = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  const body: Candidate | null = html
    ? {text: htmlText(html, file), textSource: "extracted from eml body", attachment: null}
    : mail.text
      ? {text: mail.text, textSource: "extracted from eml body", attachment: null}
      : null;
  const attachments = mail.attachments
    .filter((a) => !a.related && !/^image\//i.test(a.contentType))
    .map((a, k): Attached => {
      const name =
        a.filename ?? (/rfc822/i.test(a.contentType) ? `attached message ${k + 1}.eml` : `attachment ${k + 1}`);
      return {name, read: () => extract(new Uint8Array(a.content), name, depth + 1)};
    });
  return pick("eml", file, body, attachments);
}

export async function msgText(
  bytes: Uint8Array,
  file: string,
  extract: Extract,
  depth: number
): Promise<ExtractedText> {
  return messageText(openOle(bytes, file), "", file, extract, depth);
}

/**
 * One Outlook message in an OLE file: at the root, or an attached message's
 * storage inside it. A property is a stream named __substg1.0_IIIITTTT: its id
 * IIII (1000 the plain body, 1013 the HTML body; in an attachment 3707 the long
 * file name, 3704 the short one, 370E the MIME type, 3701 the data) and its
 * type TTTT (001F UTF-16 text, 001E 8-bit text, 0102 bytes, 000D a storage).
 */
async function messageText(
  ole: OleFile,
  at: string,
  file: string,
  extract: Extract,
  depth: number
): Promise<ExtractedText> {
  const raw = (storage: string, id: string) => ole.stream(`${storage}__substg1.0_${id}`);
  const text = (storage: string, id: string): string | null => {
    const wide = raw(storage, `${id}001F`);
    if (wide) return new TextDecoder("utf-16le").decode(wide).replace(/\0+$/, "");
    const narrow = raw(storage, `${id}001E`);
    return narrow ? new TextDecoder("windows-1252").decode(narrow).replace(/\0+$/, "") : null;
  };
  const htmlBytes = raw(at, "10130102");
  const html = htmlBytes ? decodeReply(htmlBytes, file).text : text(at, "1013");
  const plain = text(at, "1000");
  const body: Candidate | null = html?.trim()
    ? {text: htmlText(html, file), textSource: "extracted from msg body", attachment: null}
    : plain?.trim()
      ? {text: plain, textSource: "extracted from msg body", attachment: null}
      : null;
  const attachments: Attached[] = [];
  for (const [k, entry] of ole
    .children(at)
    .filter((n) => /^__attach_version1\.0_#[0-9A-Fa-f]{8}$/.test(n))
    .sort()
    .entries()) {
    const storage = `${at}${entry}/`;
    if (/^image\//i.test(text(storage, "370E") ?? "")) continue; // logos and inline pictures
    const data = raw(storage, "37010102");
    const embedded = ole.children(storage).includes("__substg1.0_3701000D");
    const name =
      text(storage, "3707") ||
      text(storage, "3704") ||
      text(storage, "3001") ||
      `attachment ${k + 1}${embedded ? ".msg" : ""}`;
    if (data) attachments.push({name, read: () => extract(data, name, depth + 1)});
    else if (embedded) {
      attachments.push({
        name,
        read: async () => {
          if (depth + 1 >= LIMITS.mailDepth)
            throw new ReplyError(
              name,
              null,
              `e-mails are attached inside each other more than ${LIMITS.mailDepth} deep`
            );
          return messageText(ole, `${storage}__substg1.0_3701000D/`, name, extract, depth + 1);
        }
      });
    }
  }
  return pick("msg", file, body, attachments);
}
