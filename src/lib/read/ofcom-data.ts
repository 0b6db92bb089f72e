/**
 * Node-only: the Ofcom comparison's inputs read from a data folder: Ofcom's
 * rates by age with their citation and the default for the oldest band
 * (reference/, falling back to the project's when a FOI_DATA folder has none),
 * and any per-authority workforce profiles (workforce/) and context
 * (reference/*-workforce-context.json). Bad input is a ReplyError naming the file.
 */
import {existsSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {
  parseReferenceCsv,
  parseWorkforceCsv,
  validateCitation,
  validateOldestBandSettings,
  type OfcomData,
  type WorkforceContext,
  type WorkforceProfile
} from "../ofcom/reference.js";
import {ReplyError} from "../core/errors.js";
import {readRegularFile} from "../extract/files.js";
import {DATA_DIR, dataSubdir} from "./replies.js";

export const REFERENCE = "reference/ofcom-cmr-2015-social-media-profile-by-age.csv";

/** A path under data/ as read: reference/ may come from the project's data/ (see dataSubdir). */
function resolvePath(dataDir: string, relativePath: string): string {
  const [top, ...rest] = relativePath.split("/");
  return top === "reference" ? join(dataSubdir("reference", dataDir), ...rest) : join(dataDir, relativePath);
}

function readJson(dataDir: string, relativePath: string): unknown {
  const path = resolvePath(dataDir, relativePath);
  if (!existsSync(path)) throw new ReplyError(relativePath, null, "file is missing");
  const text = readRegularFile(path, relativePath).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReplyError(relativePath, null, `not valid JSON (${(error as Error).message})`);
  }
}

const metaOf = (relativePath: string) => relativePath.replace(/\.csv$/, ".meta.json");

/** The workforce profiles in workforce/ (one CSV and its .meta.json per authority); one per authority. */
export function readWorkforce(dataDir = DATA_DIR): WorkforceProfile[] {
  const dir = join(dataDir, "workforce");
  if (!existsSync(dir)) return [];
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith(".csv"))
    .sort()
    .map((name) => {
      const file = `workforce/${name}`;
      const meta = readJson(dataDir, metaOf(file)) as Record<string, unknown>;
      for (const key of ["authority", "source"]) {
        if (typeof meta?.[key] !== "string" || !(meta[key] as string).trim())
          throw new ReplyError(metaOf(file), null, `lacks ${key} (non-empty text)`);
      }
      return {
        authority: meta.authority as string,
        file,
        source: meta.source as string,
        asOf: typeof meta.asOf === "string" ? meta.asOf : null,
        rows: parseWorkforceCsv(readRegularFile(join(dataDir, file), file).toString("utf8"), file)
      };
    });
  const authorities = new Set<string>();
  for (const w of profiles) {
    if (authorities.has(w.authority))
      throw new ReplyError(metaOf(w.file), null, `a second workforce profile for ${w.authority}`);
    authorities.add(w.authority);
  }
  return profiles;
}

/** Staff numbers and age notes a council published, from reference/*-workforce-context.json. */
export function readWorkforceContext(dataDir = DATA_DIR): WorkforceContext[] {
  const dir = dataSubdir("reference", dataDir);
  return readdirSync(dir)
    .filter((name) => name.endsWith("-workforce-context.json"))
    .sort()
    .map((name) => {
      const file = `reference/${name}`;
      const c = readJson(dataDir, file) as WorkforceContext;
      if (
        typeof c?.authority !== "string" ||
        typeof c.citation !== "string" ||
        typeof c.asOf !== "string" ||
        !Number.isInteger(c.staff)
      )
        throw new ReplyError(file, null, "needs authority, asOf and citation (text) and staff (a whole number)");
      return c;
    });
}

/** Everything the /ofcom page and the council pages compare with. */
export function readOfcomData(dataDir = DATA_DIR): OfcomData {
  return {
    reference: {
      file: REFERENCE,
      rates: parseReferenceCsv(readRegularFile(resolvePath(dataDir, REFERENCE), REFERENCE).toString("utf8"), REFERENCE),
      citation: validateCitation(readJson(dataDir, metaOf(REFERENCE)), metaOf(REFERENCE))
    },
    oldestBand: validateOldestBandSettings(
      readJson(dataDir, "reference/oldest-band.json"),
      "reference/oldest-band.json"
    ),
    workforce: readWorkforce(dataDir),
    workforceContext: readWorkforceContext(dataDir)
  };
}
