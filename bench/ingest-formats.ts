/**
 * Ingest speed per file format: how many replies a second the kit reads, from
 * the bytes of a file to parsed records (extractText, then parseReplyText),
 * on the MADE-UP fixtures the tests use (test/fixtures/, written by code).
 * Each format runs for a time budget after one warm-up read; OCR, at about a
 * second or more a page, runs a few times at most. Run alone to print a table:
 *   node --import tsx bench/ingest-formats.ts [--budget-ms N] [--no-ocr]
 * With --bombs it measures instead the time and peak memory to refuse each
 * made-up bomb under the bounded reader (src/lib/extract/bounded.ts), its limits
 * as shipped: about 20 s each for those stopped by the time limit.
 */
import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {BoundedReader} from "../src/lib/extract/bounded.js";
import {extractText} from "../src/lib/extract/extract.js";
import {loadMappings} from "../src/lib/read/replies.js";
import {parseReplyText} from "../src/lib/parse/reply.js";
import {makeDocx, makePdf, makePdfWrapped} from "../tools/fixtures/make-binary.js";
import {makeDocxMerged, makeEml, makeHtml, makeOdt, makeWorkbook} from "../tools/fixtures/make-formats.js";
import {makeDoc, makeMsg} from "../tools/fixtures/make-ole.js";
import {makeScannedPdf} from "../tools/fixtures/make-scan.js";
import {
  makeDivSoupHtml,
  makeEntityBombDocx,
  makeManyPagesPdf,
  makeRepeatBombOds,
  makeZipBomb
} from "../tools/fixtures/make-hostile.js";

export interface FormatSpeed {
  /** What was read, e.g. "xlsx" or "pdf (OCR)". */
  format: string;
  /** The fixture's name. */
  file: string;
  bytes: number;
  /** Reads timed (after one untimed warm-up read). */
  runs: number;
  /** Mean milliseconds per reply. */
  msPerReply: number;
  repliesPerSecond: number;
  /** Records the reply gave, to show the read was a real one. */
  records: number;
}

export interface IngestFormatsOptions {
  /** Milliseconds to spend on each format (default 1,000). */
  budgetMs?: number;
  /** Include OCR of a scanned page (default true; about 2 s a read). */
  ocr?: boolean;
}

async function fixtures(ocr: boolean): Promise<{format: string; file: string; bytes: Uint8Array; slow?: boolean}[]> {
  const text = (s: string) => new TextEncoder().encode(s);
  const list = [
    {
      format: "text",
      file: "made-up.txt",
      bytes: text("MADE UP\nAge group\tOutcome\tNumber\n16-24\tDismissal\t1\n25-34\tVerbal warning\t<5\nTotal\t\t3\n")
    },
    {
      format: "csv",
      file: "made-up.csv",
      bytes: text("Age group,Outcome,Number\n16-24,Dismissal,1\n25-34,Verbal warning,<5\nTotal,,3\n")
    },
    {format: "docx", file: "made-up.docx", bytes: await makeDocx()},
    {format: "docx (merged cells)", file: "made-up-merged.docx", bytes: await makeDocxMerged()},
    {format: "xlsx", file: "made-up.xlsx", bytes: makeWorkbook("xlsx")},
    {format: "xls", file: "made-up.xls", bytes: makeWorkbook("biff8")},
    {format: "ods", file: "made-up.ods", bytes: makeWorkbook("ods")},
    {format: "odt", file: "made-up.odt", bytes: makeOdt()},
    {format: "doc", file: "made-up.doc", bytes: makeDoc()},
    {format: "html", file: "made-up.html", bytes: text(makeHtml())},
    {format: "eml (xlsx attached)", file: "made-up.eml", bytes: makeEml(true)},
    {format: "eml (HTML body)", file: "made-up-body.eml", bytes: makeEml(false)},
    {format: "msg (xlsx attached)", file: "made-up.msg", bytes: makeMsg()},
    {format: "pdf", file: "made-up.pdf", bytes: await makePdf()},
    {format: "pdf (wrapped table, 2 pages)", file: "made-up-wrapped.pdf", bytes: await makePdfWrapped()}
  ];
  return ocr
    ? [...list, {format: "pdf (OCR, 1 page)", file: "made-up-scan.pdf", bytes: await makeScannedPdf(), slow: true}]
    : list;
}

/** Measures every format's ingest speed; throws if a fixture gives no records (a broken reader is no speed). */
export async function benchIngestFormats(options: IngestFormatsOptions = {}): Promise<FormatSpeed[]> {
  const budget = options.budgetMs ?? 1000;
  const mappings = loadMappings();
  const results: FormatSpeed[] = [];
  for (const {format, file, bytes, slow} of await fixtures(options.ocr ?? true)) {
    const once = async () => {
      const got = await extractText(bytes, file);
      return parseReplyText({
        file,
        text: got.text,
        meta: null,
        mappings,
        source: {format: got.format, encoding: got.encoding, textSource: got.textSource}
      });
    };
    const records = (await once()).records.length;
    if (records === 0) throw new Error(`${file}: no records; the ${format} reader is broken`);
    let runs = 0;
    const started = performance.now();
    // Slow formats (OCR) run 3 times or until the budget is spent; the others at least 5 times and for the whole budget.
    const minRuns = slow ? 3 : 5;
    for (;;) {
      const spent = performance.now() - started;
      if (slow ? runs >= minRuns || (runs > 0 && spent > budget) : runs >= minRuns && spent >= budget) break;
      await once();
      runs++;
    }
    const ms = (performance.now() - started) / runs;
    results.push({
      format,
      file,
      bytes: bytes.length,
      runs,
      msPerReply: round(ms, 2),
      repliesPerSecond: round(1000 / ms, 1),
      records
    });
  }
  return results;
}

export interface BombCost {
  bomb: string;
  bytes: number;
  /** Milliseconds from handing the file to the reader to its refusal. */
  ms: number;
  /** The process's peak resident memory after the refusal (the worker's included), MB. */
  peakRssMb: number;
  refusal: string;
}

const BOMBS: [string, string, () => Uint8Array | Promise<Uint8Array>][] = [
  ["ods repeating one cell 1,048,575 x 16,384", "bomb.ods", () => makeRepeatBombOds()],
  [
    "ods of 1,999 x 1,000 repeated cells (the largest the limits allow: read, not refused)",
    "big.ods",
    () => makeRepeatBombOds(1999, 1000)
  ],
  ["HTML of 100,000 <div/>", "divs.html", () => makeDivSoupHtml(100_000)],
  ["zip bomb (.docx, 100 MB stated)", "bomb.docx", () => makeZipBomb("docx", 100, false)],
  ["zip bomb (.xlsx, lying about its size)", "bomb.xlsx", () => makeZipBomb("xlsx", 100, true)],
  ["entity bomb (.docx)", "entities.docx", makeEntityBombDocx],
  ["PDF of 1,000 pages", "pages.pdf", () => makeManyPagesPdf(1000)]
];

/** Refuses one bomb in this process and measures it (the peak memory includes the worker's). */
async function refuseBomb(k: number): Promise<BombCost> {
  const [bomb, name, make] = BOMBS[k];
  const bytes = await make();
  const reader = new BoundedReader();
  const started = performance.now();
  let refusal = "not refused";
  try {
    await reader.extract(bytes, name);
  } catch (error) {
    refusal = (error as Error).message;
  } finally {
    await reader.close();
  }
  const ms = performance.now() - started;
  return {bomb, bytes: bytes.length, ms, peakRssMb: process.resourceUsage().maxRSS / 1024, refusal};
}

/**
 * Time and peak memory to refuse each made-up bomb under the shipped limits, each in a process of
 * its own, so each peak is that bomb's (the process's, worker included), not the largest so far.
 */
export function benchBombs(): BombCost[] {
  return BOMBS.map((_, k) => {
    const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--bomb", String(k)], {
      encoding: "utf8"
    });
    if (run.status !== 0) throw new Error(`bomb ${k}: ${run.stderr.split("\n")[0]}`);
    return JSON.parse(run.stdout) as BombCost;
  });
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes("--bomb")) {
  process.stdout.write(JSON.stringify(await refuseBomb(Number(process.argv[process.argv.indexOf("--bomb") + 1]))));
} else if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes("--bombs")) {
  for (const c of benchBombs())
    process.stdout.write(
      `${c.bomb}: ${c.bytes.toLocaleString("en-GB")} bytes, refused in ${(c.ms / 1000).toFixed(1)} s, peak ${Math.round(c.peakRssMb)} MB: ${c.refusal}\n`
    );
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--budget-ms");
  const results = await benchIngestFormats({
    budgetMs: at > 0 ? Number(process.argv[at + 1]) : undefined,
    ocr: !process.argv.includes("--no-ocr")
  });
  const rows = results.map((r) => [
    r.format,
    r.bytes.toLocaleString("en-GB"),
    String(r.runs),
    r.msPerReply.toFixed(2),
    r.repliesPerSecond.toLocaleString("en-GB"),
    String(r.records)
  ]);
  const header = ["format", "bytes", "runs", "ms/reply", "replies/s", "records"];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  for (const row of [header, ...rows])
    process.stdout.write(row.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ") + "\n");
}
