/**
 * Setting a reply's age profile against Ofcom's social media figures.
 * If investigations followed social media use alone, band b's expected share of cases is
 *   workforce share(b) × Ofcom rate(b) / Σ over bands of the same product,
 * and the observed shares (Wilson intervals) and an exact multinomial test say how far the
 * cases depart from that. Pure and browser-safe: the page recomputes with it when a control
 * changes, and tests check it against hand-worked numbers. The reference files are read by
 * reference.ts; the plain-language reading of a comparison is reading.ts.
 */
import {blendRates, expectedShares} from "../stats/expected.js";
import {goodnessOfFit, type GoodnessOfFit} from "../stats/fit.js";
import {observedExpectedRatios} from "../stats/ratios.js";
import {countNoun, formatCount, formatCountSum, formatNumber, formatStatedPercent} from "../present/index.js";
import {cellAt, pivot, recordsAt} from "../pivot/pivot.js";
import {ReplyError} from "../core/errors.js";
import {AGE_BANDS, type CaseRecord, type KnownAgeBand} from "../core/types.js";
import {
  OFCOM_SPLIT,
  OLDEST_BAND,
  type OfcomReference,
  type OldestBandMode,
  type WorkforceProfile
} from "./reference.js";

// ---------- rates and workforce shares per request band ----------

export interface OldestBandChoice {
  mode: OldestBandMode;
  weight5564: number;
}

export interface BandRate {
  band: KnownAgeBand;
  pct: number;
  source: string;
}

const weight = (w: number) => formatNumber(w, {digits: 2, trim: true});

/** Ofcom's rate for each request band; the oldest band follows the choice (55-64, 65+ or a blend). */
export function bandRates(
  reference: OfcomReference,
  choice: OldestBandChoice,
  ageBands: readonly KnownAgeBand[] = AGE_BANDS
): BandRate[] {
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
    return {
      band,
      pct: blendRates(young.pct, old.pct, w),
      source: `blend ${weight(w)} × 55-64 (${formatStatedPercent(young.pct)}) + ${weight(1 - w)} × 65+ (${formatStatedPercent(old.pct)}) (lines ${young.line}, ${old.line})`
    };
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
export function workforceShares(
  profile: WorkforceProfile | null,
  ageBands: readonly KnownAgeBand[] = AGE_BANDS
): WorkforceShares {
  if (!profile)
    return {
      assumption: "equal",
      shares: ageBands.map(() => 1 / ageBands.length),
      file: null,
      source: null,
      weight5564: null
    };
  const staff = (b: string) => profile.rows.find((r) => r.band === b)?.staff ?? 0;
  const split = OFCOM_SPLIT.map(staff);
  const isSplit = profile.rows.some((r) => r.band === OFCOM_SPLIT[0]);
  const counts = ageBands.map((b) => (b === OLDEST_BAND && isSplit ? split[0] + split[1] : staff(b)));
  const oldest = split[0] + split[1];
  return {
    assumption: "profile",
    shares: expectedShares(counts),
    file: profile.file,
    source: profile.source,
    weight5564: isSplit && oldest > 0 ? split[0] / oldest : null
  };
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

/**
 * What a reply's records give the comparison, whatever the reference or the choice for 55+: each
 * band's tally, and the rows outside the bands. Small enough to compute in a loader for every
 * reply, so a page can compare any council without loading its records.
 */
export interface ObservedBands {
  counts: BandCount[];
  unknownBand: {ageRaw: string; count: number | null; line: number}[];
}

export function observedBands(
  records: readonly CaseRecord[],
  ageBands: readonly KnownAgeBand[] = AGE_BANDS
): ObservedBands {
  return {
    counts: ageBands.map((b) => bandCounts(records, b)),
    unknownBand: records
      .filter((r) => !(ageBands as readonly string[]).includes(r.ageBand))
      .map((r) => ({ageRaw: r.ageRaw, count: r.count, line: r.line}))
  };
}

/** "4", "at least 4 (1 row withheld)" or "5 to 8 (1 row withheld)": never a withheld band shown as an exact number. */
export function formatBandCount(c: BandCount): string {
  return formatCountSum({
    known: c.known,
    withheldRows: c.withheldRows,
    min: c.known + c.withheldMin,
    max: c.withheldMax == null ? null : c.known + c.withheldMax
  });
}

// ---------- the comparison ----------

export interface BandComparison extends BandCount {
  n: number;
  share: number;
  shareLower: number;
  shareUpper: number;
  ofcomPct: number;
  ofcomSource: string;
  workforceShare: number;
  expectedShare: number;
  expected: number;
  ratio: number;
  ratioLower: number;
  ratioUpper: number;
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
  /** The reply's records; or, computed before, what they give (observedBands with the same ageBands). */
  records?: readonly CaseRecord[];
  observed?: ObservedBands;
  authority: string;
  file: string;
  reference: OfcomReference;
  oldest: OldestBandChoice;
  workforce?: WorkforceProfile | null;
  ageBands?: readonly KnownAgeBand[];
  confidence?: number;
  /** Largest number of fillings of withheld counts to test; beyond it the range is not computed. */
  maxFillings?: number;
  /** Draws of the Monte Carlo test when the exact one is out of reach (default 100,000; its cost grows with draws × n). */
  draws?: number;
}

export function compareWithOfcom(options: CompareOptions): Comparison {
  const {records, authority, file, reference, ageBands = AGE_BANDS, confidence = 0.95, maxFillings = 200} = options;
  const workforce = workforceShares(options.workforce ?? null, ageBands);
  // A profile that splits 55-64 from 65+ supplies the blend weight; otherwise the user's weight stands.
  const oldest = {...options.oldest, weight5564: workforce.weight5564 ?? options.oldest.weight5564};
  const rates = bandRates(reference, oldest, ageBands);
  const probs = expectedShares(rates.map((r, i) => workforce.shares[i] * r.pct));
  const observedBy = options.observed ?? observedBands(records ?? [], ageBands);
  if (observedBy.counts.map((c) => c.band).join() !== ageBands.join())
    throw new Error(
      `compareWithOfcom: observed counts are for ${observedBy.counts.map((c) => c.band).join(", ")}, not the bands asked for`
    );
  const counts = observedBy.counts;
  const observed = counts.map((c) => c.known);
  const n = observed.reduce((a, b) => a + b, 0);
  const ratios = observedExpectedRatios(observed, probs, confidence);
  const bands = counts.map((c, i): BandComparison => ({
    ...c,
    n,
    share: ratios[i].share,
    shareLower: ratios[i].shareLower,
    shareUpper: ratios[i].shareUpper,
    ofcomPct: rates[i].pct,
    ofcomSource: rates[i].source,
    workforceShare: workforce.shares[i],
    expectedShare: probs[i],
    expected: ratios[i].expected,
    ratio: ratios[i].ratio,
    ratioLower: ratios[i].ratioLower,
    ratioUpper: ratios[i].ratioUpper
  }));
  const oldestRate = rates.find((r) => r.band === OLDEST_BAND);
  return {
    authority,
    file,
    confidence,
    n,
    bands,
    fit: n > 0 ? goodnessOfFit(observed, probs, {draws: options.draws}) : null,
    workforce,
    oldest: {...oldest, pct: oldestRate?.pct ?? NaN, source: oldestRate?.source ?? ""},
    excluded: {
      withheldRows: counts.reduce((s, c) => s + c.withheldRows, 0),
      unknownBand: observedBy.unknownBand
    },
    withheld: withheldSensitivity(counts, probs, maxFillings)
  };
}

/**
 * How the test would change if the withheld counts were known: the exact p-value for every
 * filling of the withheld counts within their stated bounds, reporting the least and greatest.
 * Null when nothing is withheld; not computed when a row states no bounds or there are too many fillings.
 */
export function withheldSensitivity(
  counts: readonly BandCount[],
  probs: readonly number[],
  maxFillings = 200
): WithheldSensitivity | null {
  const rows = counts.reduce((s, c) => s + c.withheldRows, 0);
  if (rows === 0) return null;
  const none = {pMin: null, pMax: null, nMin: null, nMax: null};
  if (counts.some((c) => c.withheldRows > 0 && c.withheldMax == null))
    return {computed: false, reason: "a withheld count states no upper bound, so the test cannot be bounded", ...none};
  const ranges = counts.map((c) => [c.withheldMin, c.withheldMax ?? c.withheldMin] as const);
  const fillings = ranges.reduce((p, [lo, hi]) => p * (hi - lo + 1), 1);
  if (fillings > maxFillings)
    return {
      computed: false,
      reason: `${formatCount(fillings)} ways to fill in the withheld counts exceed the limit of ${formatCount(maxFillings)}`,
      ...none
    };
  let pMin = Infinity,
    pMax = -Infinity;
  const walk = (i: number, added: number[]): void => {
    if (i === counts.length) {
      const p = goodnessOfFit(
        counts.map((c, j) => c.known + added[j]),
        [...probs],
        {draws: 20_000}
      ).pValue;
      pMin = Math.min(pMin, p);
      pMax = Math.max(pMax, p);
      return;
    }
    for (let x = ranges[i][0]; x <= ranges[i][1]; x++) walk(i + 1, [...added, x]);
  };
  walk(0, []);
  const known = counts.reduce((s, c) => s + c.known, 0);
  return {
    computed: true,
    reason: `${countNoun(fillings, "possible filling")} of the withheld counts, each tested exactly`,
    pMin,
    pMax,
    nMin: known + ranges.reduce((s, r) => s + r[0], 0),
    nMax: known + ranges.reduce((s, r) => s + r[1], 0)
  };
}
