/**
 * Benchmarking a reply's age profile against Ofcom's social media figures.
 * If investigations followed social media use alone, band b's expected share of cases is
 *   workforce share(b) × Ofcom rate(b) / Σ over bands of the same product,
 * and the observed shares (Wilson intervals) and an exact multinomial test say how far the
 * cases depart from that. Pure and browser-safe: the loader parses files with it, the page
 * recomputes with it when a control changes, and tests check it against hand-worked numbers.
 */
import {csvParseRows} from "d3-dsv";
import {blendRates, expectedShares, goodnessOfFit, observedExpectedRatios, wilsonInterval, type GoodnessOfFit} from "../stats/stats.js";
import {formatIsoDate, percent} from "../present/format.js";
import {cellAt, pivot, recordsAt} from "../pivot/pivot.js";
import {ReplyError} from "../parse/text.js";
import {AGE_BANDS, type CaseRecord, type KnownAgeBand, type ParsedReply} from "../types.js";

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

export interface WorkforceRow { band: string; staff: number; line: number }

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

/** What the Ofcom loader (src/data/ofcom.json.ts) writes. */
export interface OfcomData {
  reference: OfcomReference;
  oldestBand: OldestBandSettings;
  workforce: WorkforceProfile[];
  workforceContext: WorkforceContext[];
}

// ---------- parsing (the loader uses these; errors name the file and line) ----------

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
    const band = cells[0]?.trim() ?? "", value = cells[1]?.trim() ?? "";
    if (!band) throw new ReplyError(file, line, "age band is empty");
    if (!PERCENT.test(value) || Number(value) > 100) throw new ReplyError(file, line, `percentage for ${band} must be a number from 0 to 100, got "${value}"`);
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
  const citation = requireStrings<ReferenceCitation>(value, ["publisher", "title", "section", "published", "metric", "base", "quote", "citation"], file);
  if (!Number.isInteger(citation.surveyYear)) throw new ReplyError(file, null, "surveyYear must be a whole year");
  return citation;
}

export function validateOldestBandSettings(value: unknown, file: string): OldestBandSettings {
  const s = requireStrings<OldestBandSettings>(value, ["default", "reason"], file);
  if (!OLDEST_BAND_MODES.includes(s.default)) throw new ReplyError(file, null, `default must be one of ${OLDEST_BAND_MODES.join(", ")}, got "${s.default}"`);
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
    const band = cells[0].trim(), value = (cells[1] ?? "").trim();
    if (!WORKFORCE_BANDS.includes(band)) throw new ReplyError(file, line, `age band "${band}" is not one of ${WORKFORCE_BANDS.join(", ")}`);
    if (!PERCENT.test(value)) throw new ReplyError(file, line, `staff for ${band} must be a nonnegative number, got "${value}"`);
    if (out.some((r) => r.band === band)) throw new ReplyError(file, line, `age band ${band} appears twice`);
    out.push({band, staff: Number(value), line});
  });
  const has = (b: string) => out.some((r) => r.band === b);
  if (has(OLDEST_BAND) && OFCOM_SPLIT.some(has)) throw new ReplyError(file, null, `give either ${OLDEST_BAND} or ${OFCOM_SPLIT.join(" and ")}, not both`);
  if (OFCOM_SPLIT.some(has) && !OFCOM_SPLIT.every(has)) throw new ReplyError(file, null, `give both ${OFCOM_SPLIT.join(" and ")} or neither`);
  const missing = AGE_BANDS.filter((b) => b !== OLDEST_BAND && !has(b));
  if (missing.length || !(has(OLDEST_BAND) || OFCOM_SPLIT.every(has))) throw new ReplyError(file, null, `no row for ${[...missing, ...(has(OLDEST_BAND) || OFCOM_SPLIT.every(has) ? [] : [OLDEST_BAND])].join(", ")}`);
  if (out.every((r) => r.staff === 0)) throw new ReplyError(file, null, "every band has 0 staff");
  return out;
}

// ---------- rates and workforce shares per request band ----------

export interface OldestBandChoice { mode: OldestBandMode; weight5564: number }

export interface BandRate { band: KnownAgeBand; pct: number; source: string }

const fmtNumber = (x: number, digits = 2) => String(Number(x.toFixed(digits)));

/** Ofcom's rate for each request band; the oldest band follows the choice (55-64, 65+ or a blend). */
export function bandRates(reference: OfcomReference, choice: OldestBandChoice, ageBands: readonly KnownAgeBand[] = AGE_BANDS): BandRate[] {
  const rate = (band: string) => {
    const r = reference.rates.find((x) => x.band === band);
    if (!r) throw new ReplyError(reference.file, null, `has no row for age band ${band}, which the comparison needs`);
    return r;
  };
  return ageBands.map((band) => {
    if (band !== OLDEST_BAND) {
      const r = rate(band);
      return {band, pct: r.pct, source: `Ofcom ${band} (line ${r.line})`};
    }
    const [young, old] = OFCOM_SPLIT.map(rate);
    if (choice.mode === "55-64") return {band, pct: young.pct, source: `Ofcom 55-64 alone (line ${young.line})`};
    if (choice.mode === "65+") return {band, pct: old.pct, source: `Ofcom 65+ alone (line ${old.line})`};
    const w = choice.weight5564;
    return {band, pct: blendRates(young.pct, old.pct, w),
      source: `blend ${fmtNumber(w)} × 55-64 (${young.pct}%) + ${fmtNumber(1 - w)} × 65+ (${old.pct}%) (lines ${young.line}, ${old.line})`};
  });
}

export interface WorkforceShares {
  assumption: "equal" | "profile";
  shares: number[];
  file: string | null;
  source: string | null;
  /** Share of the 55+ band aged 55-64 when the profile splits it, else null. */
  weight5564: number | null;
}

/** Staff share per request band from a profile, or equal shares when there is none. */
export function workforceShares(profile: WorkforceProfile | null, ageBands: readonly KnownAgeBand[] = AGE_BANDS): WorkforceShares {
  if (!profile) return {assumption: "equal", shares: ageBands.map(() => 1 / ageBands.length), file: null, source: null, weight5564: null};
  const staff = (b: string) => profile.rows.find((r) => r.band === b)?.staff ?? 0;
  const split = OFCOM_SPLIT.map(staff);
  const isSplit = profile.rows.some((r) => r.band === OFCOM_SPLIT[0]);
  const counts = ageBands.map((b) => (b === OLDEST_BAND && isSplit ? split[0] + split[1] : staff(b)));
  const oldest = split[0] + split[1];
  return {assumption: "profile", shares: expectedShares(counts), file: profile.file, source: profile.source,
    weight5564: isSplit && oldest > 0 ? split[0] / oldest : null};
}

// ---------- observed counts per band, with withheld rows kept apart ----------

export interface BandCount {
  band: string;
  /** Sum of the exact counts. */
  known: number;
  /** Rows whose count was withheld. */
  withheldRows: number;
  /** Least and most the withheld rows could add, from their stated bounds; max is null when a row states none. */
  withheldMin: number;
  withheldMax: number | null;
  /** Lines of the reply where this band's counts stand. */
  lines: number[];
}

/** A band's tally, from the kit's one pivot (records prepared once per array, however many bands are asked for). */
export function bandCounts(records: readonly CaseRecord[], band: string): BandCount {
  const byBand = pivot(records, {rows: "ageBand"});
  const cell = cellAt(byBand, {row: band, col: null});
  if (!cell) return {band, known: 0, withheldRows: 0, withheldMin: 0, withheldMax: 0, lines: []};
  const {known, withheldRows, min, max} = cell;
  const lines = recordsAt(byBand, {row: band, col: null}).map((r) => r.line);
  return {band, known, withheldRows, withheldMin: min - known, withheldMax: max == null ? null : max - known, lines};
}

/** "4", "at least 4 (1 row withheld)" or "5 to 8 (1 row withheld)": never a withheld band shown as an exact number. */
export function formatBandCount(c: BandCount): string {
  if (c.withheldRows === 0) return String(c.known);
  const rows = `${c.withheldRows} row${c.withheldRows === 1 ? "" : "s"} withheld`;
  const lo = c.known + c.withheldMin;
  return c.withheldMax == null ? `at least ${lo} (${rows})` : `${lo} to ${c.known + c.withheldMax} (${rows})`;
}

// ---------- the comparison ----------

export interface BandComparison extends BandCount {
  n: number;
  share: number; shareLower: number; shareUpper: number;
  ofcomPct: number; ofcomSource: string;
  workforceShare: number;
  expectedShare: number; expected: number;
  ratio: number; ratioLower: number; ratioUpper: number;
}

export interface WithheldSensitivity {
  computed: boolean;
  reason: string;
  /** Range of the p-value over every way the withheld counts could be filled in, within their bounds. */
  pMin: number | null;
  pMax: number | null;
  nMin: number | null;
  nMax: number | null;
}

export interface Comparison {
  authority: string;
  file: string;
  confidence: number;
  /** Employees with an exact count in one of the request's bands: the sample the statistics use. */
  n: number;
  bands: BandComparison[];
  fit: GoodnessOfFit | null;
  workforce: WorkforceShares;
  oldest: OldestBandChoice & {pct: number; source: string};
  /** Rows left out of the statistics, and why. */
  excluded: {withheldRows: number; unknownBand: {ageRaw: string; count: number | null; line: number}[]};
  withheld: WithheldSensitivity | null;
}

export interface CompareOptions {
  records: readonly CaseRecord[];
  authority: string;
  file: string;
  reference: OfcomReference;
  oldest: OldestBandChoice;
  workforce?: WorkforceProfile | null;
  ageBands?: readonly KnownAgeBand[];
  confidence?: number;
  /** Largest number of fillings of withheld counts to test; beyond it the range is not computed. */
  maxFillings?: number;
}

export function compareWithOfcom(options: CompareOptions): Comparison {
  const {records, authority, file, reference, ageBands = AGE_BANDS, confidence = 0.95, maxFillings = 200} = options;
  const workforce = workforceShares(options.workforce ?? null, ageBands);
  // A profile that splits 55-64 from 65+ supplies the blend weight; otherwise the user's weight stands.
  const oldest = {...options.oldest, weight5564: workforce.weight5564 ?? options.oldest.weight5564};
  const rates = bandRates(reference, oldest, ageBands);
  const probs = expectedShares(rates.map((r, i) => workforce.shares[i] * r.pct));
  const counts = ageBands.map((b) => bandCounts(records, b));
  const observed = counts.map((c) => c.known);
  const n = observed.reduce((a, b) => a + b, 0);
  const ratios = observedExpectedRatios(observed, probs, confidence);
  const bands = counts.map((c, i): BandComparison => ({
    ...c, n,
    share: ratios[i].share, shareLower: ratios[i].shareLower, shareUpper: ratios[i].shareUpper,
    ofcomPct: rates[i].pct, ofcomSource: rates[i].source, workforceShare: workforce.shares[i],
    expectedShare: probs[i], expected: ratios[i].expected,
    ratio: ratios[i].ratio, ratioLower: ratios[i].ratioLower, ratioUpper: ratios[i].ratioUpper,
  }));
  const oldestRate = rates.find((r) => r.band === OLDEST_BAND);
  return {
    authority, file, confidence, n, bands,
    fit: n > 0 ? goodnessOfFit(observed, probs) : null,
    workforce,
    oldest: {...oldest, pct: oldestRate?.pct ?? NaN, source: oldestRate?.source ?? ""},
    excluded: {
      withheldRows: counts.reduce((s, c) => s + c.withheldRows, 0),
      unknownBand: records.filter((r) => !(ageBands as readonly string[]).includes(r.ageBand)).map((r) => ({ageRaw: r.ageRaw, count: r.count, line: r.line})),
    },
    withheld: withheldSensitivity(counts, probs, maxFillings),
  };
}

/**
 * How the test would change if the withheld counts were known: the exact p-value for every
 * filling of the withheld counts within their stated bounds, reporting the least and greatest.
 * Null when nothing is withheld; not computed when a row states no bounds or there are too many fillings.
 */
export function withheldSensitivity(counts: readonly BandCount[], probs: readonly number[], maxFillings = 200): WithheldSensitivity | null {
  const rows = counts.reduce((s, c) => s + c.withheldRows, 0);
  if (rows === 0) return null;
  const none = {pMin: null, pMax: null, nMin: null, nMax: null};
  if (counts.some((c) => c.withheldRows > 0 && c.withheldMax == null))
    return {computed: false, reason: "a withheld count states no upper bound, so the test cannot be bounded", ...none};
  const ranges = counts.map((c) => [c.withheldMin, c.withheldMax ?? c.withheldMin] as const);
  const fillings = ranges.reduce((p, [lo, hi]) => p * (hi - lo + 1), 1);
  if (fillings > maxFillings)
    return {computed: false, reason: `${fillings} ways to fill in the withheld counts exceed the limit of ${maxFillings}`, ...none};
  let pMin = Infinity, pMax = -Infinity;
  const walk = (i: number, added: number[]): void => {
    if (i === counts.length) {
      const p = goodnessOfFit(counts.map((c, j) => c.known + added[j]), [...probs], {draws: 20_000}).pValue;
      pMin = Math.min(pMin, p);
      pMax = Math.max(pMax, p);
      return;
    }
    for (let x = ranges[i][0]; x <= ranges[i][1]; x++) walk(i + 1, [...added, x]);
  };
  walk(0, []);
  const known = counts.reduce((s, c) => s + c.known, 0);
  return {computed: true, reason: `${fillings} possible filling${fillings === 1 ? "" : "s"} of the withheld counts, each tested exactly`,
    pMin, pMax, nMin: known + ranges.reduce((s, r) => s + r[0], 0), nMax: known + ranges.reduce((s, r) => s + r[1], 0)};
}

// ---------- plain-language reading, generated from the numbers ----------

export function formatP(p: number): string {
  if (p < 0.001) return "less than 0.001";
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}

function listOf(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Sentences saying what this sample can and cannot show, every number taken from the comparison. */
export function readingOf(c: Comparison): string[] {
  const level = percent(c.confidence);
  if (!c.fit) return [`No investigated employee has an exact count in one of the request's age bands, so there is nothing to compare.`];
  const widths = c.bands.map((b) => b.shareUpper - b.shareLower);
  const basis = c.workforce.assumption === "equal"
    ? "and every age band had the same number of staff"
    : `and staff were spread across the bands as in ${c.workforce.file}`;
  const out: string[] = [];
  out.push(`The comparison rests on ${c.n} investigated employees. With so few, the ${level} interval for a band's share of cases spans between ${(100 * Math.min(...widths)).toFixed(0)} and ${(100 * Math.max(...widths)).toFixed(0)} percentage points.`);
  const p = formatP(c.fit.pValue);
  out.push(c.fit.pValue < 0.05
    ? `If investigations followed social media use ${basis}, an age profile at least this far from the expected one would turn up with probability ${p} (${c.fit.test === "exact" ? "exact test" : "simulated test"}). That is unlikely enough to doubt this simple model; it does not say what else shapes the cases (the age profile of the staff, their jobs, or the internet and e-mail cases counted with social media).`
    : `If investigations followed social media use ${basis}, an age profile at least this far from the expected one would turn up with probability ${p} (${c.fit.test === "exact" ? "exact test" : "simulated test"}). So these ${c.n} cases are consistent with that model; they cannot show that it holds, and a moderate real difference could go unseen in a sample this small.`);
  const describe = (b: BandComparison) => `${b.band} (${b.known} against ${fmtNumber(b.expected, 1)} expected)`;
  const above = c.bands.filter((b) => b.ratioLower > 1).map(describe);
  const below = c.bands.filter((b) => b.ratioUpper < 1).map(describe);
  const clear = [...above, ...below];
  if (clear.length === 0) out.push(`In every band the ${level} interval for observed ÷ expected includes 1: no single band clearly has more or fewer cases than expected.`);
  else {
    const parts = [above.length ? `more cases than expected in ${listOf(above)}` : "", below.length ? `fewer than expected in ${listOf(below)}` : ""].filter(Boolean);
    const rest = c.bands.length - clear.length;
    out.push(`The ${level} intervals for observed ÷ expected show ${parts.join(", and ")}${rest ? `; in the other ${rest} band${rest === 1 ? "" : "s"} the interval includes 1` : ""}.`);
  }
  if (c.workforce.assumption === "equal")
    out.push(`No age profile of the ${c.authority} workforce is in the data, so every expected share assumes equal staff numbers per band. A band with fewer staff would have fewer cases whatever its social media use, so a low ratio may reflect the workforce rather than behaviour.`);
  if (c.fit.chiSquareUnreliable)
    out.push(`The smallest expected count is ${fmtNumber(c.fit.minExpected, 1)}, under 5, so no chi-square p-value is quoted; the chi-square statistic (${fmtNumber(c.fit.chiSquare, 1)} on ${c.fit.df} degrees of freedom) is descriptive only.`);
  if (c.excluded.withheldRows) {
    const w = c.withheld;
    out.push(`${c.excluded.withheldRows} row${c.excluded.withheldRows === 1 ? " has its count" : "s have their counts"} withheld and ${c.excluded.withheldRows === 1 ? "is" : "are"} left out of the test. ` +
      (w?.computed ? `Filling ${c.excluded.withheldRows === 1 ? "it" : "them"} in every way the stated bounds allow (${w.nMin} to ${w.nMax} employees in all) gives p-values from ${formatP(w.pMin!)} to ${formatP(w.pMax!)}.` : `Their effect on the test is not bounded: ${w?.reason}.`));
  }
  if (c.excluded.unknownBand.length)
    out.push(`${c.excluded.unknownBand.length} row${c.excluded.unknownBand.length === 1 ? "" : "s"} with an age label that maps to none of the request's bands ${c.excluded.unknownBand.length === 1 ? "is" : "are"} left out (${c.excluded.unknownBand.map((u) => `"${u.ageRaw}", line ${u.line}`).join("; ")}).`);
  return out;
}

// ---------- the reply's own caveats ----------

export interface Caveat {
  topic: "scope" | "period" | "share";
  text: string;
  /** The reply's words, verbatim, when the caveat quotes them. */
  quote: string | null;
  /** Where it comes from: answer and line(s), or the metadata file. */
  source: string;
}

const lineRange = (a: number, b: number) => (a === b ? `line ${a}` : `lines ${a}-${b}`);
const SCOPE = /generic misuse of IT|e[ -]?mail|internet/i;

/** What the reply itself says limits the comparison: what it counts, over which period, and its share of all disciplinaries. */
export function replyCaveats(reply: ParsedReply, surveyYear?: number): Caveat[] {
  const out: Caveat[] = [];
  const answers = Object.values(reply.answers).sort((a, b) => a.number - b.number);
  // The first answer whose text says cases include more than social media (answer 7 in the request).
  const scope = answers.find((a) => a.number !== 9 && SCOPE.test(a.text));
  if (scope) {
    const quote = scope.text.split(/(?<=\.)\s+|\n/).filter((s) => SCOPE.test(s) || /categori[sz]ed/i.test(s)).join(" ");
    out.push({topic: "scope", quote, source: `${reply.file}, answer ${scope.number}, ${lineRange(scope.startLine, scope.endLine)}`,
      text: /generic misuse of IT/i.test(scope.text)
        ? "The cases are \"generic misuse of IT\": social media, internet and e-mail together, so not every case is about social media."
        : "The reply says the cases may include more than social media."});
  }
  if (reply.meta) {
    const policy = reply.answers[4];
    out.push({topic: "period", quote: null,
      source: `${reply.file.replace(/\.[^./]+$/, "")}.meta.json${policy ? `; policy date: answer 4, ${lineRange(policy.startLine, policy.endLine)}` : ""}`,
      text: `The cases cover ${formatIsoDate(reply.meta.periodStart)} to ${formatIsoDate(reply.meta.periodEnd)}${surveyYear ? `; Ofcom's rates come from a single survey year, ${surveyYear}` : ""}.`});
  }
  const pct = reply.fields.pctOfDisciplinary;
  if (pct != null) {
    const a9 = reply.answers[9];
    out.push({topic: "share", quote: a9 ? a9.text.split("\n").find((l) => l.includes(String(pct))) ?? null : null,
      source: `${reply.file}, answer 9, line ${reply.fields.pctOfDisciplinaryLine}`,
      text: `These cases were ${pct}% of all disciplinary proceedings${a9 && SCOPE.test(a9.text) ? " (again counted as generic misuse of IT)" : ""}.`});
  }
  return out;
}
