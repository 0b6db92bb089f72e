/**
 * Finding, in a sentence, the phrases that name an age band ("between 35 and
 * 44", "aged 55 or over"), an outcome (any label of the outcome mapping, as a
 * phrase: "were given a first written warning"), and the numbers that are not
 * counts (dates, years, percentages, "section 40", "question 5"). Age and
 * outcome phrases go through the mappings in data/mappings/, so teaching the
 * kit a wording there teaches the prose reader too. Pure.
 */
import {mapAgeBand, normaliseOutcomeLabel, type Mappings, type OutcomeMapping} from "../mappings.js";
import type {AgeBand} from "../../core/types.js";

export interface Span {
  start: number;
  end: number;
  raw: string;
}

export interface AgeSpan extends Span {
  band: AgeBand;
}

export interface OutcomeSpan extends Span {
  mapping: OutcomeMapping;
}

const overlaps = (a: {start: number; end: number}, spans: readonly {start: number; end: number}[]) =>
  spans.some((s) => a.start < s.end && s.start < a.end);

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** Numbers that are never counts of employees. */
const NOT_COUNTS: RegExp[] = [
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+\\d{2,4})?`, "gi"),
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, "gi"),
  new RegExp(`\\b${MONTH}\\s+\\d{4}\\b`, "gi"),
  /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/g,
  /\b(?:19|20)\d{2}(?:\s*[/–-]\s*\d{2,4})?\b/g,
  /\b\d+(?:\.\d+)?\s*(?:%|per\s?cent\b|percent\b)/gi,
  /\b\d+\.\d+\b/g,
  /\b\d+(?:st|nd|rd|th)\b/gi,
  /£\s*\d[\d,.]*/g,
  /\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b/gi,
  /\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g,
  /\b(?:sections?|s\.|s(?=\s?\d)|questions?|q|answers?|paragraphs?|paras?|articles?|regulations?|regs?|pages?|items?|points?|schedules?|parts?|chapters?|clauses?|ref(?:erence)?|no\.|number|appendix|annex|tables?|figures?|foi|eir|request|case|version|room)\s*[#:]?\s*\(?\d+[a-z]?\)?(?:\s*\(\s*\w{1,3}\s*\))*(?:\s*(?:-|–|to|and|or|,|&)\s*\d+[a-z]?(?:\s*\(\s*\w{1,3}\s*\))*)*/gi,
  /^\s*\d{1,2}\s*[.)](?!\d)/gm
];

/** Spans of the text holding numbers that are not counts. */
export function notCountSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const re of NOT_COUNTS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) out.push({start: m.index!, end: m.index! + m[0].length, raw: m[0]});
  }
  return out;
}

const AGE_UNIT = "(?:\\s*(?:years?(?:\\s+old)?|yrs\\.?|[- ]year[- ]olds?))?";
const PEOPLE_AFTER = /^\s*(?:employees?|members?|staff|officers?|people|individuals?|cases?|persons?|workers?)\b/i;
/** Age phrases: a range (needs two numbers that look like ages), an open band, or an exact age. */
const AGE_PHRASES: {re: RegExp; range?: boolean; mustMap?: boolean}[] = [
  {
    re: new RegExp(`\\b(?:aged|ages?)\\s+(?:between\\s+)?(\\d{2})\\s*(?:-|–|—|to|and)\\s*(\\d{2})${AGE_UNIT}`, "gi"),
    range: true
  },
  {re: new RegExp(`\\bbetween\\s+(?:the\\s+ages\\s+of\\s+)?(\\d{2})\\s+and\\s+(\\d{2})${AGE_UNIT}`, "gi"), range: true},
  {
    re: new RegExp(
      `\\b(\\d{2})\\s*(?:-|–|—|to)\\s*(\\d{2})${AGE_UNIT}(?:\\s+age\\s+(?:band|group|range|bracket))?`,
      "gi"
    ),
    range: true
  },
  {
    re: new RegExp(
      `\\b(?:aged\\s+)?(?:over|under|above|below|older than|younger than)[\\s-]+(?:the\\s+age\\s+of\\s+)?\\d{2}s?${AGE_UNIT}`,
      "gi"
    ),
    mustMap: true
  },
  {
    re: new RegExp(`\\b(?:aged\\s+)?\\d{2}\\s*(?:\\+|(?:years?\\s+)?(?:and|or)\\s+(?:over|above|older)|plus)`, "gi"),
    mustMap: true
  },
  {re: /\baged\s+\d{2}\b(?!\s*(?:-|–|to|and|or|\+))|\b\d{2}[- ]year[- ]old\b/gi}
];

/**
 * The age phrases of a text, each with its band through the age mapping. Open
 * bands ("over 55") count only when the mapping knows them; a range or an
 * exact age that it does not know is kept with band "unknown" (and reported by
 * the caller), since the text plainly names an age.
 */
export function findAgePhrases(text: string, mappings: Mappings, exclude: readonly Span[] = []): AgeSpan[] {
  const out: AgeSpan[] = [];
  for (const {re, range, mustMap} of AGE_PHRASES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const span = {start: m.index!, end: m.index! + m[0].length};
      if (overlaps(span, out) || overlaps(span, exclude)) continue;
      if (range && !(Number(m[1]) >= 15 && Number(m[1]) < Number(m[2]) && Number(m[2]) <= 99)) continue;
      if (PEOPLE_AFTER.test(text.slice(span.end)) && range && !/aged|ages?\b|year/i.test(m[0])) continue; // "between 20 and 30 employees" is a count
      const raw = m[0].trim();
      const band = mapAgeBand(mappings, raw);
      if (mustMap && band === "unknown") continue;
      out.push({...span, raw, band});
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Each mapping's outcome labels as phrase patterns, longest first; built once per mappings. */
const PATTERNS = new WeakMap<Mappings, {re: RegExp; mapping: OutcomeMapping}[]>();

function outcomePatterns(mappings: Mappings): {re: RegExp; mapping: OutcomeMapping}[] {
  let patterns = PATTERNS.get(mappings);
  if (!patterns) {
    patterns = [...mappings.outcomes]
      .filter(([label]) => label.length >= 3)
      .sort((a, b) => b[0].length - a[0].length)
      .map(([label, mapping]) => {
        const words = label.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        // Words may be split by spaces, hyphens or a line break; the last may be plural ("warnings").
        return {re: new RegExp(`(?<![\\w-])${words.join("[\\s-]+")}(?:s|es)?(?![\\w-])`, "gi"), mapping};
      });
    PATTERNS.set(mappings, patterns);
  }
  return patterns;
}

/** The outcome phrases of a text: every label of the outcome mapping found as a phrase, longest first, not overlapping. */
export function findOutcomePhrases(text: string, mappings: Mappings, exclude: readonly Span[] = []): OutcomeSpan[] {
  const out: OutcomeSpan[] = [];
  const lower = text.toLowerCase();
  for (const {re, mapping} of outcomePatterns(mappings)) {
    re.lastIndex = 0;
    for (const m of lower.matchAll(re)) {
      const span = {start: m.index!, end: m.index! + m[0].length};
      if (overlaps(span, out) || overlaps(span, exclude)) continue;
      out.push({...span, raw: text.slice(span.start, span.end), mapping});
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The outcome label as a record keeps it when written as a phrase: its words, normalised as a table's cell would be. */
export const phraseLabel = (raw: string): string => normaliseOutcomeLabel(raw.replace(/[\s-]+/g, " "));
