/**
 * SYNTHETIC DATA — FOR TESTS AND BENCHMARKS ONLY.
 *
 * Everything this module produces is made up by a seeded pseudo-random
 * generator. It is not a Freedom-of-Information reply, describes no real
 * public body or employee, and must never be shipped as data, written to the
 * project's `data/` folder, or shown on a published page. Every record says so
 * itself: its authority is "Synthetic Authority NNN", its file lies under
 * `synthetic/`, and its source line reads "SYNTHETIC".
 *
 * The same (n, seed) always gives the same records, whether as objects
 * ({@link generateSyntheticRecords}) or as dictionary-encoded columns
 * ({@link generateSyntheticColumns}, for a million records without objects).
 */

import type {AgeBand, CaseRecord, OutcomeTier} from "../src/lib/core/types.js";

/** Age bands used by the generator (5 values). "16-24" is rare on purpose. */
export const SYNTHETIC_AGE_BANDS: readonly AgeBand[] = ["16-24", "25-34", "35-44", "45-54", "55+"];
const AGE_WEIGHTS = [0.02, 0.3, 0.33, 0.2, 0.15];
const AGE_RAW = ["16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 and over"];

interface SyntheticOutcome {
  outcome: string;
  raw: string;
  tier: OutcomeTier | null;
  severity: number | null;
  upheld: boolean | null;
  weight: number;
}

/** Outcomes used by the generator (8 values), with their tier and upheld flag. */
export const SYNTHETIC_OUTCOMES: readonly SyntheticOutcome[] = [
  {outcome: "no further action", raw: "No further action", tier: "no action", severity: 0, upheld: false, weight: 0.25},
  {outcome: "management advice", raw: "Management advice", tier: "informal", severity: 1, upheld: true, weight: 0.15},
  {outcome: "informal warning", raw: "Informal warning", tier: "informal", severity: 2, upheld: true, weight: 0.12},
  {outcome: "written warning", raw: "Written warning", tier: "warning", severity: 3, upheld: true, weight: 0.16},
  {
    outcome: "final written warning",
    raw: "Final written warning",
    tier: "warning",
    severity: 4,
    upheld: true,
    weight: 0.1
  },
  {outcome: "dismissal", raw: "Dismissal", tier: "exit", severity: 5, upheld: true, weight: 0.08},
  {outcome: "resigned", raw: "Resigned before hearing", tier: "exit", severity: 5, upheld: null, weight: 0.06},
  {outcome: "ongoing", raw: "Case ongoing", tier: null, severity: null, upheld: null, weight: 0.08}
];

export const SYNTHETIC_AUTHORITY_COUNT = 400;

/** "Synthetic Authority 001" … "Synthetic Authority 400". */
export const SYNTHETIC_AUTHORITIES: readonly string[] = Array.from(
  {length: SYNTHETIC_AUTHORITY_COUNT},
  (_, k) => `Synthetic Authority ${String(k + 1).padStart(3, "0")}`
);

/** Share of records whose count is withheld. */
const WITHHELD_RATE = 0.12;

/** mulberry32: a small, fast, seeded 32-bit generator returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, k) => {
    acc += w / total;
    out[k] = acc;
  });
  out[weights.length - 1] = 1;
  return out;
}

function pick(cum: Float64Array, u: number): number {
  let k = 0;
  while (k < cum.length - 1 && u >= cum[k]) k++;
  return k;
}

/** Synthetic records as dictionary-encoded columns (codes index the `values` arrays). */
export interface SyntheticColumns {
  size: number;
  seed: number;
  columns: {
    ageBand: {codes: Uint8Array; values: AgeBand[]};
    outcome: {codes: Uint8Array; values: string[]};
    tier: {codes: Uint8Array; values: (OutcomeTier | null)[]};
    upheld: {codes: Uint8Array; values: (boolean | null)[]};
    authority: {codes: Uint16Array; values: string[]};
  };
  /** Employees per record; NaN when withheld. */
  count: Float64Array;
  /** 1 when the count is withheld. */
  withheld: Uint8Array;
}

/** Generate n synthetic records as columns. Deterministic in (n, seed). */
export function generateSyntheticColumns(n: number, seed: number): SyntheticColumns {
  const rand = mulberry32(seed);
  const ageCum = cumulative(AGE_WEIGHTS);
  const outCum = cumulative(SYNTHETIC_OUTCOMES.map((o) => o.weight));
  const tierValues: (OutcomeTier | null)[] = [];
  const upheldValues: (boolean | null)[] = [];
  const tierCodeOfOutcome = new Uint8Array(SYNTHETIC_OUTCOMES.length);
  const upheldCodeOfOutcome = new Uint8Array(SYNTHETIC_OUTCOMES.length);
  SYNTHETIC_OUTCOMES.forEach((o, k) => {
    if (!tierValues.includes(o.tier)) tierValues.push(o.tier);
    if (!upheldValues.includes(o.upheld)) upheldValues.push(o.upheld);
    tierCodeOfOutcome[k] = tierValues.indexOf(o.tier);
    upheldCodeOfOutcome[k] = upheldValues.indexOf(o.upheld);
  });
  const age = new Uint8Array(n);
  const outcome = new Uint8Array(n);
  const tier = new Uint8Array(n);
  const upheld = new Uint8Array(n);
  const authority = new Uint16Array(n);
  const count = new Float64Array(n);
  const withheld = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Authorities are skewed: a few large bodies send many rows.
    const ua = rand();
    authority[i] = Math.min(SYNTHETIC_AUTHORITY_COUNT - 1, Math.floor(SYNTHETIC_AUTHORITY_COUNT * ua * ua));
    age[i] = pick(ageCum, rand());
    const o = pick(outCum, rand());
    outcome[i] = o;
    tier[i] = tierCodeOfOutcome[o];
    upheld[i] = upheldCodeOfOutcome[o];
    if (rand() < WITHHELD_RATE) {
      count[i] = NaN;
      withheld[i] = 1;
    } else {
      const u = rand();
      count[i] = 1 + Math.floor(20 * u * u * u);
    }
  }
  return {
    size: n,
    seed,
    columns: {
      ageBand: {codes: age, values: [...SYNTHETIC_AGE_BANDS]},
      outcome: {codes: outcome, values: SYNTHETIC_OUTCOMES.map((o) => o.outcome)},
      tier: {codes: tier, values: tierValues},
      upheld: {codes: upheld, values: upheldValues},
      authority: {codes: authority, values: [...SYNTHETIC_AUTHORITIES]}
    },
    count,
    withheld
  };
}

/** Materialise synthetic columns as CaseRecord-shaped objects (all marked synthetic). */
export function syntheticRecordsFromColumns(data: SyntheticColumns): CaseRecord[] {
  const {columns: c, count, withheld} = data;
  const records: CaseRecord[] = new Array(data.size);
  for (let i = 0; i < data.size; i++) {
    const a = c.authority.codes[i];
    const o = SYNTHETIC_OUTCOMES[c.outcome.codes[i]];
    const isWithheld = withheld[i] === 1;
    const ageRaw = AGE_RAW[c.ageBand.codes[i]];
    const countRaw = isWithheld ? "<5" : String(count[i]);
    records[i] = {
      authority: c.authority.values[a],
      file: `synthetic/synthetic-authority-${String(a + 1).padStart(3, "0")}.txt`,
      ageBand: c.ageBand.values[c.ageBand.codes[i]],
      ageRaw,
      outcome: o.outcome,
      outcomeRaw: o.raw,
      tier: c.tier.values[c.tier.codes[i]],
      severity: o.severity,
      upheld: c.upheld.values[c.upheld.codes[i]],
      count: isWithheld ? null : count[i],
      suppressed: isWithheld,
      countBounds: isWithheld ? [1, 4] : null,
      countRaw,
      line: i + 1,
      firstLine: i + 1,
      lineText: `SYNTHETIC | ${ageRaw} | ${o.raw} | ${countRaw}`
    };
  }
  return records;
}

/** Generate n synthetic CaseRecord-shaped records. Deterministic in (n, seed); same data as the columnar variant. */
export function generateSyntheticRecords(n: number, seed: number): CaseRecord[] {
  return syntheticRecordsFromColumns(generateSyntheticColumns(n, seed));
}
