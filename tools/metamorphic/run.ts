/**
 * Runs the metamorphic suite: every base reply (./meaning.ts) written under
 * each transformation (./transforms.ts), alone and in seeded combinations, in
 * each format (./formats.ts), read through the kit's real path (extractText,
 * then parseExtracted with the project's mappings), and compared with its
 * meaning. Each case is:
 *
 * - "right": the records (as a multiset of age band, outcome and count or
 *   withheld bounds, summed per age band and outcome), the status and answer 5
 *   are the meaning's;
 * - "flagged": not right, but a person will look: the file is unreadable (a
 *   ReplyError), or the reply's verdict is "unverified" or "conflicting";
 * - "silent wrong": not right, and the verdict is "verified" or absent.
 */
import {ReplyError} from "../../src/lib/core/errors.js";
import type {Mappings} from "../../src/lib/parse/mappings.js";
import {extractText} from "../../src/lib/extract/extract.js";
import {parseExtracted, requestQuestions} from "../../src/lib/read/replies.js";
import type {CaseRecord, ParsedReply} from "../../src/lib/core/types.js";
import {EXTENSIONS, PDF_UNDRAWABLE, writeFormat} from "./formats.js";
import {baseMeanings, type Meaning} from "./meaning.js";
import {FORMATS, defaultOptions, documentText, renderDocument, type Format} from "./render.js";
import {TRANSFORMATIONS, applyAll, combinations, conflicts, type Transformation} from "./transforms.js";

export type Outcome = "right" | "flagged" | "silent wrong";

export interface MetaCase {
  id: string;
  base: string;
  transformations: string[];
  format: Format;
}

export interface CaseResult extends MetaCase {
  /** The name the case's file was read under (made-up-<base>.<ext>). */
  file: string;
  outcome: Outcome;
  /** What differed, for a case that is not right. */
  why: string | null;
  /** The verdict the reply carried, if any. */
  verdict: string | null;
}

interface Planned extends MetaCase {
  meaning: Meaning;
  list: Transformation[];
}

/** Every case: each transformation alone, each format alone, and `combos` seeded combinations per base. */
export function planCases(mappings: Mappings, options: {combos?: number; seed?: number} = {}): Planned[] {
  const plans: Planned[] = [];
  for (const meaning of baseMeanings(mappings, options.seed ?? 16)) {
    const base = defaultOptions(meaning);
    const add = (list: Transformation[]) => {
      const o = applyAll(list, base);
      if (conflicts(o)) return;
      const ids = list.map((x) => x.id);
      plans.push({
        id: `${meaning.id} / ${ids.join(" + ")}`,
        base: meaning.id,
        transformations: ids,
        format: o.format,
        meaning,
        list
      });
    };
    for (const x of TRANSFORMATIONS) if (x.applies(meaning)) add([x]);
    for (const list of combinations(meaning, base, options.combos ?? 6, (options.seed ?? 16) * 31 + plans.length))
      add(list);
  }
  return plans;
}

/** The multiset of a reply's records, summed per (age band, outcome): known count, withheld lower and upper bounds. */
function tally(records: {ageBand: string; outcome: string; count: number | null; lo: number; hi: number}[]): string {
  const sums = new Map<string, [number, number, number]>();
  for (const r of records) {
    const key = `${r.ageBand} | ${r.outcome}`;
    const s = sums.get(key) ?? [0, 0, 0];
    if (r.count !== null) s[0] += r.count;
    else {
      s[1] += r.lo;
      s[2] += r.hi;
    }
    sums.set(key, s);
  }
  return [...sums]
    .filter(([, s]) => s.some((v) => v !== 0))
    .map(([k, [known, lo, hi]]) => `${k}: ${known}${lo || hi ? ` + withheld ${lo}-${hi}` : ""}`)
    .sort()
    .join("; ");
}

const fromRecord = (r: CaseRecord) => ({
  ageBand: r.ageBand,
  outcome: r.outcome,
  count: r.suppressed ? null : (r.count ?? Number.NaN),
  lo: r.countBounds?.[0] ?? 1,
  hi: r.countBounds?.[1] ?? Number.POSITIVE_INFINITY
});

/** What differs between a reply and its meaning, or null when nothing does. */
export function compare(meaning: Meaning, reply: ParsedReply): string | null {
  const wrong: string[] = [];
  const expected = tally(
    meaning.rows.map((r) => ({
      ageBand: r.age,
      outcome: r.outcome,
      count: r.count,
      lo: r.bounds?.[0] ?? 1,
      hi: r.bounds?.[1] ?? Infinity
    }))
  );
  const got = tally(reply.records.map(fromRecord));
  if (got !== expected) wrong.push(`records: expected {${expected}}, read {${got}}`);
  if (reply.status !== meaning.status) wrong.push(`status: expected ${meaning.status}, read ${reply.status}`);
  const investigated = reply.fields.investigated;
  // A nil return may or may not state 0 under answer 5; a refusal or "not held" states no figure.
  const fine =
    meaning.status === "nil" ? investigated === null || investigated === 0 : investigated === meaning.answer5;
  if (!fine) wrong.push(`answer 5: expected ${meaning.answer5}, read ${investigated}`);
  return wrong.length ? wrong.join("; ") : null;
}

/** Writes, reads and judges one case. */
export async function runCase(plan: Planned, mappings: Mappings): Promise<CaseResult & {bytes: Uint8Array}> {
  const options = applyAll(plan.list, defaultOptions(plan.meaning));
  const doc = renderDocument(plan.meaning, options);
  if (options.format === "pdf" && PDF_UNDRAWABLE.test(documentText(doc)))
    throw new Error(`${plan.id}: the PDF's font cannot draw this document`);
  const bytes = await writeFormat(doc, options.format);
  const name = `made-up-${plan.base}.${EXTENSIONS[options.format]}`;
  const {meaning, list, ...meta} = plan;
  void list;
  try {
    const got = await extractText(bytes, name);
    const reply = parseExtracted(got, name, mappings, null, requestQuestions()); // as readReply reads it
    const why = compare(meaning, reply);
    const verdict = reply.verdict?.verdict ?? null;
    const outcome: Outcome = !why
      ? "right"
      : verdict === "unverified" || verdict === "conflicting"
        ? "flagged"
        : "silent wrong";
    return {...meta, file: name, outcome, why, verdict, bytes};
  } catch (error) {
    if (!(error instanceof ReplyError)) throw error;
    return {...meta, file: name, outcome: "flagged", why: `unreadable: ${error.message}`, verdict: null, bytes};
  }
}

export interface Tally {
  cases: number;
  right: number;
  flagged: number;
  silent: number;
}

export interface Summary {
  /** Per single transformation (cases with that transformation alone), in the suite's order. */
  byTransformation: Record<string, Tally>;
  /** Per format, over every case in that format (alone and combined). */
  byFormat: Record<string, Tally>;
  /** The seeded combinations of 2 to 4 transformations. */
  combined: Tally;
  total: Tally;
}

const empty = (): Tally => ({cases: 0, right: 0, flagged: 0, silent: 0});
const count = (t: Tally, r: CaseResult) => {
  t.cases++;
  if (r.outcome === "right") t.right++;
  else if (r.outcome === "flagged") t.flagged++;
  else t.silent++;
};

export function summarise(results: readonly CaseResult[]): Summary {
  const summary: Summary = {byTransformation: {}, byFormat: {}, combined: empty(), total: empty()};
  for (const x of TRANSFORMATIONS) summary.byTransformation[x.id] = empty();
  for (const f of FORMATS) summary.byFormat[f] = empty();
  for (const r of results) {
    count(summary.total, r);
    count(summary.byFormat[r.format], r);
    if (r.transformations.length === 1) count(summary.byTransformation[r.transformations[0]], r);
    else count(summary.combined, r);
  }
  for (const [k, v] of Object.entries(summary.byTransformation)) if (!v.cases) delete summary.byTransformation[k];
  return summary;
}

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : "-");

/** The summary as a plain-text table: per transformation, per format, combined and in all. */
export function summaryTable(summary: Summary): string {
  const rows: [string, Tally][] = [
    ...Object.entries(summary.byTransformation),
    ["", empty()],
    ...Object.entries(summary.byFormat).map(([f, t]): [string, Tally] => [`all cases in ${f}`, t]),
    ["", empty()],
    ["combinations of 2 to 4", summary.combined],
    ["all cases", summary.total]
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = `${"".padEnd(width)}  cases   right  flagged  silent wrong`;
  return [
    head,
    ...rows.map(([k, t]) =>
      k
        ? `${k.padEnd(width)}  ${String(t.cases).padStart(5)}  ${pct(t.right, t.cases).padStart(6)}  ${pct(t.flagged, t.cases).padStart(7)}  ${pct(t.silent, t.cases).padStart(12)}`
        : ""
    )
  ].join("\n");
}
