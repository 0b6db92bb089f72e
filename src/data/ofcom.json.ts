// Ofcom's social media rates by age (with their citation), the default for the oldest band,
// and any per-authority workforce profiles, read from data/ for the /ofcom page.
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {
  parseReferenceCsv, parseWorkforceCsv, validateCitation, validateOldestBandSettings,
  type OfcomData, type WorkforceContext, type WorkforceProfile,
} from "../lib/ofcom/reference.js";
import {DATA_DIR} from "../lib/read/replies.js";
import {runOrExplain} from "../lib/read/run.js";
import {ReplyError} from "../lib/parse/text.js";

const REFERENCE = "reference/ofcom-cmr-2015-social-media-profile-by-age.csv";

function readJson(relativePath: string): unknown {
  const path = join(DATA_DIR, relativePath);
  if (!existsSync(path)) throw new ReplyError(relativePath, null, "file is missing");
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ReplyError(relativePath, null, `not valid JSON (${(error as Error).message})`);
  }
}

const metaOf = (relativePath: string) => relativePath.replace(/\.csv$/, ".meta.json");

function readWorkforce(): WorkforceProfile[] {
  const dir = join(DATA_DIR, "workforce");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith(".csv")).sort().map((name) => {
    const file = `workforce/${name}`;
    const meta = readJson(metaOf(file)) as Record<string, unknown>;
    for (const key of ["authority", "source"]) {
      if (typeof meta?.[key] !== "string" || !(meta[key] as string).trim()) throw new ReplyError(metaOf(file), null, `lacks ${key} (non-empty text)`);
    }
    return {authority: meta.authority as string, file, source: meta.source as string, asOf: typeof meta.asOf === "string" ? meta.asOf : null,
      rows: parseWorkforceCsv(readFileSync(join(DATA_DIR, file), "utf8"), file)};
  });
}

function readWorkforceContext(): WorkforceContext[] {
  const dir = join(DATA_DIR, "reference");
  return readdirSync(dir).filter((name) => name.endsWith("-workforce-context.json")).sort().map((name) => {
    const file = `reference/${name}`;
    const c = readJson(file) as WorkforceContext;
    if (typeof c?.authority !== "string" || typeof c.citation !== "string" || typeof c.asOf !== "string" || !Number.isInteger(c.staff))
      throw new ReplyError(file, null, "needs authority, asOf and citation (text) and staff (a whole number)");
    return c;
  });
}

await runOrExplain(() => {
  const authorities = new Set<string>();
  const workforce = readWorkforce();
  for (const w of workforce) {
    if (authorities.has(w.authority)) throw new ReplyError(metaOf(w.file), null, `a second workforce profile for ${w.authority}`);
    authorities.add(w.authority);
  }
  const data: OfcomData = {
    reference: {
      file: REFERENCE,
      rates: parseReferenceCsv(readFileSync(join(DATA_DIR, REFERENCE), "utf8"), REFERENCE),
      citation: validateCitation(readJson(metaOf(REFERENCE)), metaOf(REFERENCE)),
    },
    oldestBand: validateOldestBandSettings(readJson("reference/oldest-band.json"), "reference/oldest-band.json"),
    workforce,
    workforceContext: readWorkforceContext(),
  };
  process.stdout.write(JSON.stringify(data));
});
