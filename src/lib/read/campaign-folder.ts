/**
 * Node-only: the campaign read from a data folder. Every reply goes through the
 * one read path (readReplies); a file the kit cannot read becomes an
 * "unreadable" council with its reason rather than a failed build (the ingest
 * command still exits 1 for it). The cheap listing of what the folder holds (its
 * files, the authorities asked, the council slugs) is in ./data-folder.ts.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {REQUEST_FILE, parseRequest} from "../campaign/inputs.js";
import type {CampaignInput, UnreadableReply} from "../campaign/summarise.js";
import type {CampaignRequest} from "../campaign/campaign-data.js";
import {outcomeOrder} from "../parse/mappings.js";
import type {ParsedReply} from "../core/types.js";
import {readRegularFile} from "../extract/files.js";
import {DATA_DIR, PROJECT_DATA_DIR, readReplies} from "./replies.js";
import {readAsked} from "./data-folder.js";

/**
 * The request: the data folder's campaign/request.json, else the project's
 * (a FOI_DATA folder of replies to the same request need not copy it).
 */
export function readRequest(dataDir = DATA_DIR): CampaignRequest {
  const own = join(dataDir, REQUEST_FILE);
  const path = existsSync(own) ? own : join(PROJECT_DATA_DIR, REQUEST_FILE);
  return parseRequest(readRegularFile(path, `data/${REQUEST_FILE}`).toString("utf8"), `data/${REQUEST_FILE}`);
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
