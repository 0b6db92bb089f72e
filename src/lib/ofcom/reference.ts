/**
 * The reference figures the comparison sets a reply against, and the files that hold them:
 * Ofcom's social media rates by age (a CSV copied as published, with its citation beside it),
 * the default for the request's oldest band, and optional workforce profiles. The loader
 * (src/lib/report/site-files.ts) reads them with these; a bad file is refused with its name and line.
 */
import {csvParseRows} from "d3-dsv";
import {ReplyError} from "../core/errors.js";
import {AGE_BANDS} from "../core/types.js";

/** The reference splits the request's oldest band in two; these are its halves. */
export const OLDEST_BAND = "55+";
export const OFCOM_SPLIT = ["55-64", "65+"] as const;

export interface ReferenceRate {
  band: string;
  /** Percentage as published (0-100). */
  pct: number;
  /** 1-based line in the reference CSV. */
  line: number;
}

/** The citation kept beside the reference data (`<name>.meta.json`), shown wherever the figures are. */
export interface ReferenceCitation {
  publisher: string;
  title: string;
  section: string;
  published: string;
  surveyYear: number;
  metric: string;
  base: string;
  quote: string;
  citation: string;
  notes?: string;
}

export interface OfcomReference {
  /** Path relative to `data/`. */
  file: string;
  rates: ReferenceRate[];
  citation: ReferenceCitation;
}

export type OldestBandMode = "55-64" | "65+" | "blend";
export const OLDEST_BAND_MODES: readonly OldestBandMode[] = ["55-64", "65+", "blend"];

/** Default comparison for the oldest band, kept as data (`data/reference/oldest-band.json`) with its reason. */
export interface OldestBandSettings {
  default: OldestBandMode;
  /** Assumed share of the 55+ band aged 55-64, used by the blend. */
  blendWeight5564: number;
  reason: string;
}

export interface WorkforceRow {
  band: string;
  staff: number;
  line: number;
}

/** An authority's staff by age band (`data/workforce/<name>.csv` with `<name>.meta.json`). */
export interface WorkforceProfile {
  authority: string;
  file: string;
  rows: WorkforceRow[];
  source: string;
  asOf: string | null;
}

/** Published facts about a workforce that fall short of a band table; context only. */
export interface WorkforceContext {
  authority: string;
  asOf: string;
  staff: number;
  fullTimeEquivalent?: number;
  largestAgeGroup?: string;
  largestAgeGroupPct?: number;
  citation: string;
  notes?: string;
}

/** What data/campaign/ofcom.json holds (src/lib/report/site-files.ts). */
export interface OfcomData {
  reference: OfcomReference;
  oldestBand: OldestBandSettings;
  workforce: WorkforceProfile[];
  workforceContext: WorkforceContext[];
}

// ---------- parsing (errors name the file and line) ----------

const PERCENT = /^\d+(?:\.\d+)?$/;

/** Reads the reference CSV: a header, then `band,percentage` rows. */
export function parseReferenceCsv(text: string, file: string): ReferenceRate[] {
  const rows = csvParseRows(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0 || rows[0].length < 2 || rows[0][0].trim() !== "age_band")
    throw new ReplyError(file, 1, "expected a header row starting `age_band,` followed by a percentage column");
  const rates: ReferenceRate[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const band = cells[0]?.trim() ?? "",
      value = cells[1]?.trim() ?? "";
    if (!band) throw new ReplyError(file, line, "age band is empty");
    if (!PERCENT.test(value) || Number(value) > 100)
      throw new ReplyError(file, line, `percentage for ${band} must be a number from 0 to 100, got "${value}"`);
    if (rates.some((r) => r.band === band)) throw new ReplyError(file, line, `age band ${band} appears twice`);
    rates.push({band, pct: Number(value), line});
  });
  if (rates.length === 0) throw new ReplyError(file, null, "no rows after the header");
  return rates;
}

function requireStrings<T>(value: unknown, keys: readonly string[], file: string): T {
  const obj = value as Record<string, unknown> | null;
  const missing = keys.filter((k) => typeof obj?.[k] !== "string" || (obj[k] as string).trim() === "");
  if (missing.length) throw new ReplyError(file, null, `lacks ${missing.join(", ")} (each must be non-empty text)`);
  return value as T;
}

export function validateCitation(value: unknown, file: string): ReferenceCitation {
  const citation = requireStrings<ReferenceCitation>(
    value,
    ["publisher", "title", "section", "published", "metric", "base", "quote", "citation"],
    file
  );
  if (!Number.isInteger(citation.surveyYear)) throw new ReplyError(file, null, "surveyYear must be a whole year");
  return citation;
}

export function validateOldestBandSettings(value: unknown, file: string): OldestBandSettings {
  const s = requireStrings<OldestBandSettings>(value, ["default", "reason"], file);
  if (!OLDEST_BAND_MODES.includes(s.default))
    throw new ReplyError(file, null, `default must be one of ${OLDEST_BAND_MODES.join(", ")}, got "${s.default}"`);
  if (!(typeof s.blendWeight5564 === "number" && s.blendWeight5564 >= 0 && s.blendWeight5564 <= 1))
    throw new ReplyError(file, null, "blendWeight5564 must be a number from 0 to 1");
  return s;
}

/** Bands a workforce file may use: the request's, or Ofcom's split of the oldest one. */
const WORKFORCE_BANDS: readonly string[] = [...AGE_BANDS, ...OFCOM_SPLIT];

/** Reads a workforce CSV: header `age_band,staff`, then one row per band (headcounts or percentages). */
export function parseWorkforceCsv(text: string, file: string): WorkforceRow[] {
  const rows = csvParseRows(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0 || rows[0][0]?.trim() !== "age_band" || rows[0][1]?.trim() !== "staff")
    throw new ReplyError(file, 1, "expected the header row `age_band,staff`");
  const out: WorkforceRow[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const band = cells[0].trim(),
      value = (cells[1] ?? "").trim();
    if (!WORKFORCE_BANDS.includes(band))
      throw new ReplyError(file, line, `age band "${band}" is not one of ${WORKFORCE_BANDS.join(", ")}`);
    if (!PERCENT.test(value))
      throw new ReplyError(file, line, `staff for ${band} must be a nonnegative number, got "${value}"`);
    if (out.some((r) => r.band === band)) throw new ReplyError(file, line, `age band ${band} appears twice`);
    out.push({band, staff: Number(value), line});
  });
  const has = (b: string) => out.some((r) => r.band === b);
  if (has(OLDEST_BAND) && OFCOM_SPLIT.some(has))
    throw new ReplyError(file, null, `give either ${OLDEST_BAND} or ${OFCOM_SPLIT.join(" and ")}, not both`);
  if (OFCOM_SPLIT.some(has) && !OFCOM_SPLIT.every(has))
    throw new ReplyError(file, null, `give both ${OFCOM_SPLIT.join(" and ")} or neither`);
  const missing = AGE_BANDS.filter((b) => b !== OLDEST_BAND && !has(b));
  if (missing.length || !(has(OLDEST_BAND) || OFCOM_SPLIT.every(has)))
    throw new ReplyError(
      file,
      null,
      `no row for ${[...missing, ...(has(OLDEST_BAND) || OFCOM_SPLIT.every(has) ? [] : [OLDEST_BAND])].join(", ")}`
    );
  if (out.every((r) => r.staff === 0)) throw new ReplyError(file, null, "every band has 0 staff");
  return out;
}
