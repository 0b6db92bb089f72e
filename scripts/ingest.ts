/**
 * `npm run --silent ingest -- FILE... [--json]`: reads FOI replies in any
 * supported format and says what the kit makes of each: records, totals,
 * checks and warnings, or with --json the same as JSON on stdout. A file that
 * cannot be read is one line on stderr naming it and the reason; the others
 * are still read, and the exit code is 1 at the end (the site's build lists
 * such a file as "unreadable" instead of failing).
 * `--all` reads every reply of the data folder: FOI_DATA=DIR (or data/), whose
 * mappings are used too, falling back to the project's when DIR has none.
 */
import {existsSync, writeFileSync} from "node:fs";
import {isAbsolute, resolve} from "node:path";
import {transcriptionFileFor, transcriptionTemplate} from "../src/lib/parse/human.js";
import {DATA_DIR, PROJECT_DATA_DIR, loadMappings, readReplies, readReply} from "../src/lib/read/replies.js";
import {rowTotals} from "../src/lib/parse/reconcile.js";
import {ReplyError} from "../src/lib/core/errors.js";
import type {Check, ParsedReply} from "../src/lib/core/types.js";

const USAGE =
  "usage: npm run --silent ingest -- FILE... [--json]\n       FOI_DATA=DIR npm run --silent ingest -- --all [--json]\n       npm run --silent ingest -- FILE... --template   (writes FILE's .transcribed.csv beside it, pre-filled)";

/** The JSON shape of one reply: what the brief promised, plus the reply's status and source. */
export function replyJson(reply: ParsedReply) {
  return {
    file: reply.file,
    authority: reply.authority,
    status: reply.status,
    verdict: reply.verdict ?? null,
    ...(reply.statusDetail ? {statusDetail: reply.statusDetail, nilReason: reply.nilReason} : {}),
    ...(reply.refusal ? {refusal: reply.refusal} : {}),
    ...(reply.margins ? {margins: reply.margins} : {}),
    ...(reply.human ? {human: reply.human} : {}),
    source: reply.source,
    table: reply.table ?? null,
    records: reply.records,
    answers: reply.answers,
    fields: reply.fields,
    checks: [...reply.checks, ...(reply.infoChecks ?? [])],
    warnings: reply.warnings
  };
}

function checkLine(c: Check): string {
  const mark = c.status === "pass" ? "pass" : c.status === "fail" ? "FAIL" : "n/a ";
  return `    ${mark}  ${c.name}${c.informational ? " (informational)" : ""}: ${c.detail}`;
}

export function summary(reply: ParsedReply): string {
  const out: string[] = [];
  const src = reply.source;
  const how = src
    ? `${src.format}${src.encoding ? `, ${src.encoding}` : ""}${src.textSource === "as received" ? "" : `; lines count in the text ${src.textSource}`}`
    : "text";
  out.push(`${reply.file}: ${reply.authority} (${how})`);
  if (reply.verdict) out.push(`  verdict: ${reply.verdict.verdict.toUpperCase()}: ${reply.verdict.reason}`);
  if (reply.status === "nil" || reply.status === "refused" || reply.status === "not held") {
    out.push(`  ${reply.status === "nil" ? "nil return" : reply.status}: ${reply.statusDetail}; no records`);
  } else {
    if (reply.status === "partial") out.push(`  partial: ${reply.statusDetail}`);
    const t = rowTotals(reply.records);
    const plural = (n: number, what: string) => `${n} row${n === 1 ? "" : "s"} ${what}`;
    const suppressed = reply.records.filter((r) => r.suppressed).length;
    const unreadable = reply.records.filter((r) => r.count == null && !r.suppressed).length;
    const parts = [
      suppressed ? plural(suppressed, "withheld") : "",
      unreadable ? plural(unreadable, "with no readable count") : ""
    ].filter(Boolean);
    const withheld = parts.length
      ? ` + ${parts.join(" + ")} (total ${t.max == null ? `at least ${t.min}` : `between ${t.min} and ${t.max}`})`
      : "; no counts withheld";
    const where = reply.table?.layout === "prose" ? "sentences from line" : "the table whose header is at line";
    out.push(
      `  ${reply.records.length} records from ${where} ${reply.table?.headerLine} (${reply.table?.layout ?? "unknown layout"})`
    );
    out.push(`  employees: ${t.known} counted${withheld}`);
  }
  const f = reply.fields;
  const answered = Object.keys(reply.answers).join(", ");
  out.push(
    `  answers found: ${answered || "none"}; investigated (answer 5): ${f.investigated ?? "not stated"}; share of all disciplinaries (answer 9): ${f.pctOfDisciplinaryRaw ?? "not stated"}`
  );
  out.push("  checks:");
  for (const c of [...reply.checks, ...(reply.infoChecks ?? [])]) out.push(checkLine(c));
  if (!reply.warnings.length) out.push("  warnings: none");
  else {
    out.push(`  warnings (${reply.warnings.length}):`);
    for (const w of reply.warnings) out.push(`    line ${w.line ?? "-"}: ${w.message}`);
  }
  return out.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const all = argv.includes("--all");
  const template = argv.includes("--template");
  const files = argv.filter((a) => a !== "--json" && a !== "--all" && a !== "--template" && a !== "--");
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const unknown = files.filter((f) => f.startsWith("--"));
  if (unknown.length || (!files.length && !all) || (files.length && all)) {
    const why = unknown.length
      ? `unknown option ${unknown[0]}`
      : all
        ? "give files or --all, not both"
        : "no files given";
    process.stderr.write(`error: ${why}\n${USAGE}\n`);
    return 2;
  }
  // npm runs scripts from the package root; paths the user typed are relative to where they typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  if (template)
    return writeTemplates(files.map((file) => ({path: isAbsolute(file) ? file : resolve(cwd, file), shownAs: file})));
  const errors: {file: string; line: number | null; reason: string}[] = [];
  let replies: ParsedReply[];
  try {
    ({replies} = await readReplies({
      // --all: the data folder's responses/ (readReplies' default), shown relative to the folder.
      files: all
        ? undefined
        : files.map((file) => ({path: isAbsolute(file) ? file : resolve(cwd, file), shownAs: file})),
      onError: (e) => {
        errors.push({file: e.file, line: e.line, reason: e.reason});
        process.stderr.write(`error: ${e.message}\n`);
      }
    }));
  } catch (error) {
    // Only the mappings stop every file from being read.
    process.stderr.write(
      `error: ${error instanceof ReplyError ? error.message : `the mappings in ${DATA_DIR === PROJECT_DATA_DIR ? "data/mappings/" : "the data folder's mappings/"} cannot be read (${(error as Error).message})`}\n`
    );
    return 1;
  }
  if (json) process.stdout.write(JSON.stringify({responses: replies.map(replyJson), errors}, null, 2) + "\n");
  else if (replies.length) process.stdout.write(replies.map(summary).join("\n\n") + "\n");
  return errors.length ? 1 : 0;
}

/**
 * `--template`: for each reply, a transcription to fill in (`<reply>.transcribed.csv` beside it),
 * pre-filled with whatever the kit read of it, or only the header when it read nothing. An
 * existing transcription is never overwritten: a person's work is not the kit's to replace.
 */
async function writeTemplates(files: {path: string; shownAs: string}[]): Promise<number> {
  const mappings = loadMappings();
  let failed = 0;
  for (const {path, shownAs} of files) {
    const target = transcriptionFileFor(path);
    if (existsSync(target)) {
      process.stderr.write(
        `error: ${transcriptionFileFor(shownAs)} exists already; edit it, or delete it to start again\n`
      );
      failed++;
      continue;
    }
    const reply = await readReply(path, mappings, {shownAs, cacheDir: null}).catch((error: unknown) => {
      if (error instanceof ReplyError) return null;
      throw error;
    });
    writeFileSync(target, transcriptionTemplate(reply));
    const rows = reply?.records.length ?? 0;
    process.stdout.write(
      `wrote ${transcriptionFileFor(shownAs)}: ${rows ? `${rows} row${rows === 1 ? "" : "s"} pre-filled from what the kit read` : "the header only (the kit read no rows)"}; check each row against the reply, then rebuild\n`
    );
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
