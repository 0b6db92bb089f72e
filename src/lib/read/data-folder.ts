/**
 * Node-only: the councils a data folder holds, listed without parsing a reply: the authorities
 * asked and each council's slug, from the reply files and their metadata (./reply-files.ts).
 * Light on purpose: the site's config lists the council pages' routes from here (councilSlugs)
 * in Framework's own process, which then loads none of the parser.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {AUTHORITIES_FILE, parseAuthoritiesCsv} from "../campaign/inputs.js";
import {authorityFromFile, councilKeys, orderCouncils} from "../campaign/summarise.js";
import type {AskedAuthority} from "../campaign/campaign-data.js";
import {readRegularFile} from "../extract/files.js";
import {DATA_DIR} from "./data-dir.js";
import {listReplies, metaAuthority, shownPath} from "./reply-files.js";

/** The authorities asked (campaign/authorities.csv); null when the data folder has no list. */
export function readAsked(dataDir = DATA_DIR): AskedAuthority[] | null {
  const path = join(dataDir, AUTHORITIES_FILE);
  if (!existsSync(path)) return null;
  return parseAuthoritiesCsv(
    readRegularFile(path, `data/${AUTHORITIES_FILE}`).toString("utf8"),
    `data/${AUTHORITIES_FILE}`
  );
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
