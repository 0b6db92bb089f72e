/**
 * Node-only: the campaign read from a data folder. Every reply goes through the
 * one read path (readReplies); a file the kit cannot read becomes an
 * "unreadable" council with its reason rather than a failed build (the ingest
 * command still exits 1 for it). Also the cheap listing of council slugs the
 * council pages' routes need, which reads metadata but parses no reply.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {AUTHORITIES_FILE, REQUEST_FILE, parseAuthoritiesCsv, parseRequest} from "../campaign/inputs.js";
import {
  authorityFromFile,
  councilKeys,
  orderCouncils,
  type CampaignInput,
  type UnreadableReply
} from "../campaign/summarise.js";
import type {AskedAuthority, CampaignRequest} from "../campaign/campaign-data.js";
import {outcomeOrder} from "../parse/mappings.js";
import type {ParsedReply} from "../core/types.js";
import {readRegularFile} from "../extract/files.js";
import {DATA_DIR, PROJECT_DATA_DIR, listReplies, metaAuthority, readReplies, shownPath} from "./replies.js";

/**
 * The request: the data folder's campaign/request.json, else the project's
 * (a FOI_DATA folder of replies to the same request need not copy it).
 */
export function readRequest(dataDir = DATA_DIR): CampaignRequest {
  const own = join(dataDir, REQUEST_FILE);
  const path = existsSync(own) ? own : join(PROJECT_DATA_DIR, REQUEST_FILE);
  return parseRequest(readRegularFile(path, `data/${REQUEST_FILE}`).toString("utf8"), `data/${REQUEST_FILE}`);
}

/** The authorities asked (campaign/authorities.csv); null when the data folder has no list. */
export function readAsked(dataDir = DATA_DIR): AskedAuthority[] | null {
  const path = join(dataDir, AUTHORITIES_FILE);
  if (!existsSync(path)) return null;
  return parseAuthoritiesCsv(
    readRegularFile(path, `data/${AUTHORITIES_FILE}`).toString("utf8"),
    `data/${AUTHORITIES_FILE}`
  );
}

export interface CampaignRead {
  input: CampaignInput;
  replies: ParsedReply[];
  unreadable: UnreadableReply[];
}

/** Reads a data folder's campaign: its request, authorities, replies and the files the kit could not read. */
export async function readCampaign(dataDir = DATA_DIR): Promise<CampaignRead> {
  const request = readRequest(dataDir);
  const asked = readAsked(dataDir);
  // A file the kit cannot read is listed, never a failed build.
  const {mappings, replies, unreadable} = await readReplies({dataDir, keepGoing: true});
  return {
    input: {request, asked, replies, unreadable, outcomes: outcomeOrder(mappings)},
    replies,
    unreadable
  };
}

/**
 * Every council's slug, from the file names, the metadata beside them and
 * authorities.csv: no reply is parsed, so listing 400 councils takes
 * milliseconds. The same order and slugs as summariseCampaign gives, because
 * both call orderCouncils. (A reply without readable metadata is named by its
 * file, as the parser names it.)
 */
export function councilSlugs(dataDir = DATA_DIR): string[] {
  const dir = join(dataDir, "responses");
  const files = existsSync(dir) ? listReplies(dir) : [];
  const keys = files.map((path) => {
    const file = shownPath(path, dataDir);
    return {authority: metaAuthority(path, file) ?? authorityFromFile(file), file};
  });
  let asked: AskedAuthority[] | null = null;
  try {
    asked = readAsked(dataDir);
  } catch {
    // the build's loader reports a malformed list with its line; the routes need only the replies then
  }
  return orderCouncils(councilKeys(keys, asked)).map((c) => c.slug);
}
