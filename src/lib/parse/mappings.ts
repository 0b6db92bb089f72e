/**
 * Label mappings kept as data in `data/mappings/*.csv`, so a user can teach the
 * kit a council's wording without touching code. This module parses those CSV
 * texts and applies them; reading the files is the loader's job.
 */
import {csvParse} from "d3-dsv";
import {AGE_BANDS, OUTCOME_TIERS, type AgeBand, type KnownAgeBand, type OutcomeTier} from "../core/types.js";
import {outcomeByRules} from "./outcome-rules.js";
import {cleanCell} from "../core/text.js";
import {ReplyError} from "../core/errors.js";

export interface OutcomeMapping {
  outcome: string;
  severity: number;
  tier: OutcomeTier;
  upheld: boolean | null;
  /** The rule over the label's words that gave the outcome (outcome-rules.ts) when no line of the mapping matched it. */
  rule?: string;
}

export interface Mappings {
  ageBands: Map<string, KnownAgeBand>;
  outcomes: Map<string, OutcomeMapping>;
}

/**
 * Normalises an age label so that "16 to 24", "25 - 34 ", "55 +" and "Over 55"
 * meet their variants in the mapping: lower case, one space, dashes and "to"
 * between numbers made "-", no space before "+". Phrases from sentences meet
 * them too: "aged between 35 and 44" is "35-44", "25 to 34 years old" and
 * "the 25-34 age group" are "25-34", "over-55s" is "over 55s".
 */
export function normaliseAgeLabel(label: string): string {
  let key = ageKeys.get(label);
  if (key == null) {
    // Replies repeat their labels row after row: each is worked out once (the cache is bounded).
    if (ageKeys.size >= 5000) ageKeys.clear();
    ageKeys.set(label, (key = ageKeyOf(label)));
  }
  return key;
}
const ageKeys = new Map<string, string>();

function ageKeyOf(label: string): string {
  return cleanCell(label)
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/(\d)\s*(?:-|to)\s*(\d)/g, "$1-$2")
    .replace(/[- ]year[- ]olds?\b/g, "")
    .replace(/\s*(?:years?|yrs)\b\.?(?:\s+old\b)?/g, "")
    .replace(/(\d)\s*\+/g, "$1+")
    .replace(/\s*&\s*/g, " and ")
    .replace(/^the\s+/, "")
    .replace(/\s*age\s+(?:band|group|range|bracket)s?$/, "")
    .replace(/^(?:aged?|ages)\s+(?=\d|over|under|above|below|between)/, "")
    .replace(/^between\s+(?:the\s+ages\s+of\s+)?(\d+)\s+and\s+(\d+)$/, "$1-$2")
    .replace(/^(over|under|above|below)-(?=\d)/, "$1 ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Normalises an outcome label: lower case, one space, no trailing full stop. */
export function normaliseOutcomeLabel(label: string): string {
  return cleanCell(label)
    .toLowerCase()
    .replace(/[.;:,]+$/, "")
    .trim();
}

export function parseAgeBandMapping(csvText: string, file = "data/mappings/age-bands.csv"): Map<string, KnownAgeBand> {
  const map = new Map<string, KnownAgeBand>();
  csvParse(csvText).forEach((row, i) => {
    const band = cleanCell(row.band ?? "");
    if (!(AGE_BANDS as readonly string[]).includes(band)) {
      throw new ReplyError(file, i + 2, `band "${band}" is not one of ${AGE_BANDS.join(", ")}`);
    }
    map.set(normaliseAgeLabel(row.label ?? ""), band as KnownAgeBand);
  });
  return map;
}

export function parseOutcomeMapping(csvText: string, file = "data/mappings/outcomes.csv"): Map<string, OutcomeMapping> {
  const map = new Map<string, OutcomeMapping>();
  csvParse(csvText).forEach((row, i) => {
    const line = i + 2; // header is line 1
    const tier = cleanCell(row.tier ?? "");
    if (!(OUTCOME_TIERS as readonly string[]).includes(tier)) {
      throw new ReplyError(file, line, `tier "${tier}" is not one of ${OUTCOME_TIERS.join(", ")}`);
    }
    const severity = Number(row.severity);
    if (!Number.isInteger(severity))
      throw new ReplyError(file, line, `severity "${row.severity}" is not a whole number`);
    const upheldText = cleanCell(row.upheld ?? "").toLowerCase();
    if (!["true", "false", ""].includes(upheldText)) {
      throw new ReplyError(file, line, `upheld "${row.upheld}" must be true, false or empty (unknown)`);
    }
    const outcome = normaliseOutcomeLabel(row.outcome ?? "");
    if (!outcome) throw new ReplyError(file, line, "outcome is empty");
    map.set(normaliseOutcomeLabel(row.label ?? ""), {
      outcome,
      severity,
      tier: tier as OutcomeTier,
      upheld: upheldText === "" ? null : upheldText === "true"
    });
  });
  return map;
}

export function parseMappings(ageBandsCsv: string, outcomesCsv: string): Mappings {
  return {ageBands: parseAgeBandMapping(ageBandsCsv), outcomes: parseOutcomeMapping(outcomesCsv)};
}

export function mapAgeBand(mappings: Mappings, label: string): AgeBand {
  const key = normaliseAgeLabel(label);
  return mappings.ageBands.get(key) ?? exactAgeBand(key) ?? "unknown";
}

/**
 * An exact age ("34", "aged 34") falls in one request band: 16-24, 25-34,
 * 35-44, 45-54, and 55 or more in "55+". Ages under 16 fall in none.
 */
function exactAgeBand(key: string): KnownAgeBand | null {
  if (!/^\d{2}$/.test(key)) return null;
  const age = Number(key);
  if (age < 16) return null;
  return (
    AGE_BANDS.find((band) => {
      const [low, high] = band.split(/[-+]/).map(Number);
      return age >= low && (Number.isNaN(high) || band.endsWith("+") || age <= high);
    }) ?? null
  );
}

/**
 * The outcome a label names: a line of outcomes.csv first (the user's teaching
 * wins), then the rules over its words (outcome-rules.ts), which name a
 * canonical outcome whose severity, tier and upheld come from the mapping's own
 * line for it. Null when neither fits (then the record keeps the label, warned).
 */
export function mapOutcome(mappings: Mappings, label: string): OutcomeMapping | null {
  const key = normaliseOutcomeLabel(label);
  // "Verbal warnings", "Dismissals": a plural names the same outcome.
  const listed =
    mappings.outcomes.get(key) ?? (key.endsWith("s") ? (mappings.outcomes.get(key.slice(0, -1)) ?? null) : null);
  if (listed || !key) return listed;
  const byRule = outcomeByRules(key);
  const canonical = byRule && canonicalOutcome(mappings, byRule.outcome);
  return canonical ? {...canonical, rule: byRule.rule} : null;
}

/** The mapping of a canonical outcome: the line whose label is the outcome itself, else the first line naming it. */
function canonicalOutcome(mappings: Mappings, outcome: string): OutcomeMapping | null {
  const own = mappings.outcomes.get(outcome);
  if (own?.outcome === outcome) return own;
  for (const m of mappings.outcomes.values()) if (m.outcome === outcome) return m;
  return null;
}

/** Canonical outcomes in severity order, for ordering tables and legends. */
export function outcomeOrder(mappings: Mappings): string[] {
  const best = new Map<string, number>();
  for (const m of mappings.outcomes.values())
    best.set(m.outcome, Math.min(best.get(m.outcome) ?? Infinity, m.severity));
  return [...best].sort((a, b) => a[1] - b[1]).map(([outcome]) => outcome);
}
