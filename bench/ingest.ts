/**
 * Ingest throughput: parse SYNTHETIC reply texts (tools/synthetic-replies.ts)
 * with the kit's own parser and mappings, as the build's loader does, and
 * report replies (and records) per second. Node only.
 */
import {parseReplyText} from "../src/lib/parse/reply.js";
import {loadMappings} from "../src/lib/read/replies.js";
import {summarise, timeRuns, type BenchResult} from "./results.js";
import {syntheticReplies} from "../tools/synthetic-replies.js";

export function benchIngest(options: {replies?: number; seed?: number; budgetMs?: number} = {}): BenchResult[] {
  const count = options.replies ?? 400;
  const seed = options.seed ?? 20240601;
  const mappings = loadMappings();
  const replies = syntheticReplies(count, seed);
  const rows = replies.reduce((a, r) => a + r.rows, 0);
  const parseAll = () => {
    let records = 0;
    for (const r of replies)
      records += parseReplyText({file: r.file, text: r.text, meta: null, mappings}).records.length;
    return records;
  };
  // The parser must read every row and agree with the totals, or the figure means nothing.
  for (const r of replies) {
    const parsed = parseReplyText({file: r.file, text: r.text, meta: null, mappings});
    const failed = parsed.checks.filter((c) => c.status !== "pass");
    if (parsed.records.length !== r.rows || parsed.warnings.length || failed.length) {
      throw new Error(
        `bench: the parser read ${parsed.records.length} of ${r.rows} rows of ${r.file} (${parsed.warnings.length} warnings, failed checks: ${failed.map((c) => c.name).join(", ") || "none"})`
      );
    }
  }
  const s = summarise(timeRuns(parseAll, options.budgetMs ?? 3000, 5, 100));
  return [
    {
      name: "ingest: parse synthetic replies (Leicester layout)",
      group: "ingest",
      env: "node",
      rows: count,
      ...s,
      perSecond: (count * 1000) / s.medianMs,
      note: `${rows.toLocaleString("en-GB")} table rows in all, ${Math.round((rows * 1000) / s.medianMs).toLocaleString("en-GB")} rows per second`
    }
  ];
}
