/**
 * Replies that give their figures in sentences instead of a table: "Three
 * members of staff between 35 and 44 were given a first written warning; one,
 * aged 55 or over, resigned before the hearing." Each count (digits or words:
 * "3", "three", "a", "fewer than five") is read with the age and outcome
 * phrases of its part of the sentence (phrases through the mappings), and a
 * part that names no age (or no outcome) takes it from the words before the
 * first count ("Of those aged 25-34, two were dismissed and one resigned").
 * Numbers that are not counts (dates, years, percentages, "section 40",
 * "question 5") are never read as counts, and a number with no age and no
 * outcome ("12 employees were investigated") is no record.
 */
import {digitsForWords, NUMBER_WORDS, wordNumber} from "../number-words.js";
import {buildRecord, parseCount, type ParsedCount, type RecordContext} from "../record.js";
import {
  findAgePhrases,
  findOutcomePhrases,
  notCountSpans,
  type AgeSpan,
  type OutcomeSpan,
  type Span
} from "./phrases.js";
import type {TableResult} from "./tabbed.js";
import type {CaseRecord} from "../../core/types.js";

const PEOPLE =
  "(?:employees?|members?\\s+of\\s+staff|staff(?:\\s+members?)?|officers?|individuals?|people|persons?|workers?|colleagues?|cases?)";
const COUNT_TOKEN = new RegExp(
  `\\b(?:(?:fewer|less)\\s+than|under|below|up\\s+to|no\\s+more\\s+than)\\s+(?:\\d{1,4}|${NUMBER_WORDS})\\b|\\bbetween\\s+(?:\\d{1,3}|${NUMBER_WORDS})\\s+and\\s+(?:\\d{1,3}|${NUMBER_WORDS})\\b|\\b(?:a\\s+single|an?)\\b|(?<![\\d.,])(?:\\d{1,3}(?:,\\d{3})+|\\d{1,4})(?![\\d.,]\\d)|\\b${NUMBER_WORDS}\\b`,
  "gi"
);
/** After a count: a people noun, perhaps after a word or two ("three more members of staff", "2 female employees"). */
const NOUN_AFTER = new RegExp(`^\\s*(?:[\\w-]+\\s+){0,2}?${PEOPLE}\\b|^\\s+of\\s+(?:them|these|those|whom)\\b`, "i");
/** After a count at the start of a clause: a verb or an aside ("one, aged 55 or over, resigned"; "two were dismissed"). */
const VERB_AFTER =
  /^\s*(?:,|\(|were|was|had|have|has|received|got|resigned|left|are|is|aged|in the|from the)\b|^\s*[,(]/i;
/** Before a count: the start of a clause. */
const CLAUSE_START = /(?:^|[,;:(]|\b(?:and|but|while|whilst|with|where|of whom|of these|of them))\s*$/i;
/** A count whose part ends like this heads the parts after it ("Three employees were dismissed: two aged 25-34 and one aged 55+"). */
const HEADS = /(?::|\bof (?:whom|these|them|those)\b[,:]?|\bas follows\b[,:]?)\s*$/i;
const HEADED_BY_OF = /\bof\s+(?:the|these|those)\s*$/i;
/** Between a label and its count: a colon, an equals sign, a dash or an opening bracket ("25-34: 3", "Dismissal (2)"). */
const LABEL_GAP = /^[ \t]*(?:[:=–-]|\()[ \t]*$/;
/** "a number of cases", "a few employees": "a" that is no count. */
const NOT_ONE =
  /^\s*(?:number|few|couple|total|range|lot|majority|minority|handful|small|large|proportion|percentage|further|series|group)\b/i;

interface Count extends Span {
  parsed: ParsedCount;
  /** An age or outcome phrase written right before it, as a label ("25-34: 3", "Dismissal (2)"). */
  label: boolean;
}

interface Part {
  count: Count;
  age: AgeSpan[];
  outcome: OutcomeSpan[];
}

/** Where sentences and clauses end, as offsets into the text. */
function boundaries(text: string): {sentences: [number, number][]; clauseEnds: Set<number>} {
  const sentences: [number, number][] = [];
  const clauseEnds = new Set<number>();
  let start = 0;
  const re = /[.!?](?=\s|$)|\n\s*\n|\n|;/g;
  for (const m of text.matchAll(re)) {
    const at = m.index!;
    const ch = m[0];
    if (ch === ";") {
      clauseEnds.add(at);
      continue;
    }
    if (ch === "\n") {
      const prev = text.slice(text.lastIndexOf("\n", at - 1) + 1, at).trim();
      const next = text.slice(at + 1, at + 60);
      const bullet = /^\s*(?:[-•·*–]|\d{1,2}[.)]\s)/.test(next);
      if (
        bullet ||
        /[:;]$/.test(prev) ||
        (/[\d)]$/.test(prev) && /^\s*[\dA-Z]/.test(next)) ||
        (prev.length < 50 && /^\s*[A-Z\d]/.test(next))
      )
        clauseEnds.add(at);
      continue;
    }
    // "No. 5", "s. 40", "e.g. two": full stops that end no sentence.
    if (
      ch === "." &&
      /\b(?:no|nos|s|e\.g|i\.e|etc|approx|para|ref|mr|mrs|ms|dr|st|vs|cf|q)$/i.test(text.slice(Math.max(0, at - 5), at))
    )
      continue;
    sentences.push([start, at + 1]);
    start = at + m[0].length;
  }
  if (start < text.length) sentences.push([start, text.length]);
  return {sentences, clauseEnds};
}

function readCount(raw: string): ParsedCount | null {
  const t = raw.trim().toLowerCase().replace(/\s+/g, " ");
  if (/^(?:a|an|a single)$/.test(t)) return {count: 1, suppressed: false, bounds: null};
  const n = wordNumber(t);
  if (n != null) return n === 0 ? null : {count: n, suppressed: false, bounds: null};
  return parseCount(digitsForWords(t));
}

/** The counts of a sentence: numbers that are not dates or references, attached to people or opening a clause, or right after a label. */
function findCounts(s: string, blocked: Span[], labels: Span[]): Count[] {
  const out: Count[] = [];
  for (const m of s.matchAll(COUNT_TOKEN)) {
    const span = {start: m.index!, end: m.index! + m[0].length};
    if (blocked.some((b) => span.start < b.end && b.start < span.end)) continue;
    const parsed = readCount(m[0]);
    if (!parsed) continue;
    const before = s.slice(0, span.start);
    const after = s.slice(span.end);
    if (/^(?:a|an|a single)$/i.test(m[0].trim()) && (!NOUN_AFTER.test(after) || NOT_ONE.test(after))) continue;
    const label = labels.some((l) => l.end <= span.start && LABEL_GAP.test(s.slice(l.end, span.start)));
    const beforeLabel = labels.some((l) => l.start >= span.end && /^\s*$/.test(s.slice(span.end, l.start)));
    const opensClause = CLAUSE_START.test(before) && (VERB_AFTER.test(after) || beforeLabel);
    if (!(NOUN_AFTER.test(after) || label || opensClause || beforeLabel)) continue;
    out.push({...span, raw: m[0].trim(), parsed, label});
  }
  return out;
}

export interface ProseResult extends TableResult {
  /** Records naming both an age and an outcome. */
  records: CaseRecord[];
  /** Counts by age alone (outcome not stated) and by outcome alone (age not stated), as records. */
  ages: CaseRecord[];
  outcomes: CaseRecord[];
  /** Counts by one side that a sentence gives as a summary ("In total, five were dismissed"), not as more employees. */
  summaries: Set<CaseRecord>;
}

const SUMMARY = /\b(?:in total|in all|overall|altogether|a total of|totals?|of whom|of these|of them|of those)\b/i;

/**
 * Reads counts from the reply's sentences. `skip` holds 0-based lines not to
 * read (the request's own questions, echoed). Returns null when no sentence
 * gives a count with an age or an outcome.
 */
export function parseProse(
  lines: readonly string[],
  ctx: RecordContext,
  skip: ReadonlySet<number> = new Set()
): ProseResult | null {
  // Lines laid out as a table (tab-indented cells, tabs or pipes between cells) are a table's, not sentences.
  const kept = lines.map((l, i) => (skip.has(i) || /^\t|\S\t+\S|\|/.test(l) ? "" : l));
  const text = kept.join("\n");
  const lineStarts: number[] = [0];
  for (let i = 0; i < kept.length - 1; i++) lineStarts.push(lineStarts[i] + kept[i].length + 1);
  const lineAt = (offset: number) => {
    let lo = 0,
      hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const result: ProseResult = {
    records: [],
    ages: [],
    outcomes: [],
    summaries: new Set(),
    total: null,
    totalLine: null,
    warnings: [],
    headerLine: 0,
    endLine: 0,
    layout: "prose"
  };
  const {sentences, clauseEnds} = boundaries(text);
  for (const [from, to] of sentences) {
    const s = text.slice(from, to);
    if (
      !/\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty)\b/i.test(
        s
      ) ||
      s.length > 3000
    )
      continue;
    const blocked = notCountSpans(s);
    const ages = findAgePhrases(s, ctx.mappings, blocked);
    const outcomes = findOutcomePhrases(s, ctx.mappings, [...blocked, ...ages]);
    if (!ages.length && !outcomes.length) continue;
    const counts = findCounts(s, [...blocked, ...ages, ...outcomes], [...ages, ...outcomes]);
    if (!counts.length) continue;
    readSentence(s, from, counts, ages, outcomes, clauseEnds, lineAt, ctx, result);
  }
  const found = result.records.length + result.ages.length + result.outcomes.length;
  if (!found) return null;
  const all = [...result.records, ...result.ages, ...result.outcomes];
  result.headerLine = Math.min(...all.map((r) => r.firstLine));
  result.endLine = Math.max(...all.map((r) => r.line));
  return result;
}

/** Splits a sentence into parts, one per count, gives each its phrases, and turns them into records. */
function readSentence(
  s: string,
  offset: number,
  counts: Count[],
  ages: AgeSpan[],
  outcomes: OutcomeSpan[],
  clauseEnds: Set<number>,
  lineAt: (o: number) => number,
  ctx: RecordContext,
  result: ProseResult
): void {
  const parts: Part[] = counts.map((count) => ({count, age: [], outcome: []}));
  const context: {age: AgeSpan[]; outcome: OutcomeSpan[]} = {age: [], outcome: []};
  const assign = <K extends "age" | "outcome">(kind: K, spans: Part[K]) => {
    for (const p of spans) {
      // The count it labels ("25-34: 3"), unless the count before it in its clause still lacks one ("Three were dismissed: two aged 25-34").
      const labelled = counts.findIndex((c) => c.label && c.start >= p.end && LABEL_GAP.test(s.slice(p.end, c.start)));
      let k = -1;
      counts.forEach((c, i) => {
        if (c.end <= p.start) k = i;
      });
      // A count in an earlier clause does not reach this phrase: it is context for the parts that name none.
      if (k >= 0 && [...clauseEnds].some((e) => e >= offset + counts[k].end && e < offset + p.start)) k = -1;
      const to = labelled >= 0 && (k < 0 || parts[k][kind].length) ? labelled : k;
      (to >= 0 ? parts[to][kind] : context[kind]).push(p as never);
    }
  };
  assign("age", ages);
  assign("outcome", outcomes);
  // A part that heads the parts after it gives them its phrase and is no record itself.
  const heads = new Set<number>();
  parts.forEach((p, k) => {
    const partEnd = k + 1 < parts.length ? parts[k + 1].count.start : s.length;
    const followers = parts.slice(k + 1);
    const headsText = HEADS.test(s.slice(p.count.start, partEnd)) || HEADED_BY_OF.test(s.slice(0, p.count.start));
    if (!headsText || !followers.length) return;
    const gives = p.age.length && !p.outcome.length ? "age" : p.outcome.length && !p.age.length ? "outcome" : null;
    if (!gives) return;
    const lacking = followers.filter((f) => !f[gives].length);
    if (!lacking.length) return;
    heads.add(k);
    for (const f of lacking) (f[gives] as Span[]).push(...p[gives]);
    const sum = followers.reduce((a, f) => a + (f.count.parsed.count ?? NaN), 0);
    if (p.count.parsed.count != null && !Number.isNaN(sum) && sum !== p.count.parsed.count) {
      result.warnings.push({
        file: ctx.file,
        line: lineAt(offset + p.count.start),
        message: `the sentence gives ${p.count.parsed.count} in all but its parts add up to ${sum}`,
        text: s.trim()
      });
    }
  });
  // The sentence as its records keep it: from the line of its first count or phrase (a heading line before it, such as a title, is not part of it).
  const earliest = Math.min(...[...counts, ...ages, ...outcomes].map((x) => x.start));
  const cut = s.lastIndexOf("\n", earliest - 1) + 1;
  const lineText = s.slice(cut).trim();
  const firstLine = lineAt(offset + cut + (s.slice(cut).length - s.slice(cut).trimStart().length));
  parts.forEach((p, k) => {
    if (heads.has(k)) return;
    const age = p.age[0] ?? context.age[0];
    const outcome = p.outcome[0] ?? context.outcome[0];
    if (!age && !outcome) return; // "12 employees were investigated": a total, not a record
    const line = lineAt(offset + p.count.start);
    for (const [many, what] of [
      [p.age, "age"],
      [p.outcome, "outcome"]
    ] as const) {
      if (new Set(many.map((x) => ("band" in x ? x.band : x.mapping.outcome))).size > 1) {
        result.warnings.push({
          file: ctx.file,
          line,
          message: `the sentence gives ${p.count.raw} more than one ${what} (${many.map((x) => `"${x.raw}"`).join(", ")}); the first is taken`,
          text: lineText
        });
      }
    }
    const built = buildRecord(
      {
        ageRaw: age?.raw ?? "",
        outcomeRaw: outcome?.raw ?? "",
        countRaw: p.count.raw,
        parsedCount: p.count.parsed,
        line,
        firstLine: Math.min(firstLine, line),
        lineText,
        ...(age && outcome ? {} : {notStated: age ? ("outcome" as const) : ("age" as const)})
      },
      ctx
    );
    (age && outcome ? result.records : age ? result.ages : result.outcomes).push(built.record);
    if (!(age && outcome) && SUMMARY.test(s)) result.summaries.add(built.record);
    result.warnings.push(...built.warnings);
  });
}
