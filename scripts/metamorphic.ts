/**
 * `npm run --silent metamorphic [-- --json] [--failures] [--cases DIR]`: the
 * metamorphic suite (tools/metamorphic/). Every base reply (Leicester's, and
 * made-up ones) is written under transformations that keep its meaning, alone
 * and in seeded combinations, in every format, read through the kit's own
 * path, and judged against its meaning: right, flagged (a person will look:
 * unreadable, or the verdict says unverified or conflicting) or silent wrong.
 *
 * Prints the share of each per transformation, per format and in all.
 * `--json` also writes the figures and every case not right to
 * bench/metamorphic.json; `--failures` lists the cases not right with what
 * differed; `--cases DIR` writes each of those cases' files to DIR (MADE UP)
 * so a person can open them.
 */
import {execFileSync} from "node:child_process";
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {loadMappings} from "../src/lib/read/replies.js";
import {planCases, runCase, summarise, summaryTable, type CaseResult} from "../tools/metamorphic/run.js";

const args = process.argv.slice(2);
const unknown = args.filter((a, k) => !["--json", "--failures", "--cases"].includes(a) && args[k - 1] !== "--cases");
const casesDir = args.includes("--cases") ? args[args.indexOf("--cases") + 1] : null;
if (unknown.length || (args.includes("--cases") && !casesDir)) {
  process.stderr.write("usage: npm run --silent metamorphic -- [--json] [--failures] [--cases DIR]\n");
  process.exit(2);
}

const started = performance.now();
const mappings = loadMappings();
const results: CaseResult[] = [];
for (const plan of planCases(mappings)) {
  const {bytes, ...result} = await runCase(plan, mappings);
  results.push(result);
  if (casesDir && result.outcome !== "right") {
    mkdirSync(casesDir, {recursive: true});
    const ext = /\.[a-z]+$/.exec(result.file)?.[0] ?? "";
    writeFileSync(join(casesDir, `${result.id.replace(/[^A-Za-z0-9]+/g, "-")}${ext}`), bytes);
  }
}
const seconds = (performance.now() - started) / 1000;
const summary = summarise(results);
process.stdout.write(`${summaryTable(summary)}\n\n${results.length} cases in ${seconds.toFixed(1)} s\n`);
const notRight = results.filter((r) => r.outcome !== "right");
if (args.includes("--failures"))
  for (const r of notRight) process.stdout.write(`${r.outcome}: ${r.id} (${r.format}): ${r.why}\n`);
if (args.includes("--json")) {
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], {encoding: "utf8"}).trim();
    } catch {
      return null;
    }
  })();
  const out = join(import.meta.dirname, "../bench/metamorphic.json");
  const json = {
    date: new Date().toISOString().slice(0, 10),
    commit,
    cases: results.length,
    seconds: Math.round(seconds * 10) / 10,
    summary,
    notRight: notRight.map(({id, outcome, why, verdict}) => ({id, outcome, verdict, why}))
  };
  writeFileSync(out, JSON.stringify(json, null, 2) + "\n");
  process.stdout.write(`wrote ${out}\n`);
}
